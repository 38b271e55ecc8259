/** The classic AWS SigV4 test suite (botocore copy, 34 cases): canonical request, string to sign and Authorization, exactly. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { signRequest } from '../../lib/sigv4/sign.js';
import { headerRecord, hostOf, parseRequestFile } from '../sigv4/request-file.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

// Fixed inputs of the suite (README of aws-sigv4-testsuite/). Test-only example keys published by AWS.
const ACCESS_KEY_ID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const OPTIONS = { region: 'us-east-1', service: 'service', date: new Date('2015-08-30T12:36:00Z') } as const;

/** Case folders: a folder NAME holding NAME.req, at the top level or one level down; aws-c-auth-v4/ is its own suite. */
function caseDirs(root: string, depth = 0): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'aws-c-auth-v4') continue;
    const dir = join(root, entry.name);
    if (existsSync(join(dir, `${entry.name}.req`))) out.push(dir);
    else if (depth === 0) out.push(...caseDirs(dir, depth + 1));
  }
  return out.sort();
}

/**
 * Session token per case (README "Fixed inputs"): get-vanilla-with-session-token takes it from the
 * `x-amz-security-token:` line of its .creq (as botocore's harness does); post-sts-header-before from
 * post-sts-token/readme.txt (it is also in that .req, and the signer replaces the caller's copy);
 * post-sts-header-after signs WITHOUT the token (it is added after signing).
 */
function sessionToken(root: string, name: string, creq: string): string | undefined {
  if (name === 'get-vanilla-with-session-token') {
    const line = creq.split('\n').find((l) => l.startsWith('x-amz-security-token:'));
    assert.ok(line, 'token line missing from .creq');
    return line.slice('x-amz-security-token:'.length);
  }
  if (name === 'post-sts-header-before') {
    const readme = readFileSync(join(root, 'post-sts-token', 'readme.txt'), 'utf8');
    const token = /^AQoDYXdzE\S+/m.exec(readme);
    assert.ok(token, 'token missing from post-sts-token/readme.txt');
    return token[0];
  }
  return undefined;
}

function runCase(root: string, dir: string, name: string): void {
  const read = (ext: string): string => readFileSync(join(dir, `${name}.${ext}`), 'utf8');
  const raw = parseRequestFile(read('req'));
  const creq = read('creq');
  const token = sessionToken(root, name, creq);
  const signed = signRequest(
    {
      method: raw.method,
      url: `https://${hostOf(raw)}${raw.target}`,
      headers: headerRecord(raw.headers),
      ...(raw.body === '' ? {} : { body: raw.body }),
    },
    { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, ...(token === undefined ? {} : { sessionToken: token }) },
    OPTIONS,
  );
  assert.equal(signed.canonicalRequest, creq, 'canonical request');
  assert.equal(signed.stringToSign, read('sts'), 'string to sign');
  // Compare against .authz, never .sreq: get-vanilla-with-session-token.sreq carries the get-vanilla signature.
  assert.equal(signed.authorization, read('authz'), 'authorization');
  assert.equal(signed.headers['authorization'], signed.authorization);
  assert.equal(signed.headers['x-amz-date'], '20150830T123600Z');
}

export const suite: VectorSuite = {
  name: 'sigv4-classic',
  cases: async (): Promise<readonly VectorCase[]> => {
    const root = vectorPath('aws-sigv4-testsuite');
    return caseDirs(root).map((dir): VectorCase => {
      const name = relative(root, dir).split(/[\\/]/).pop() as string;
      return { name: relative(root, dir).replaceAll('\\', '/'), run: () => runCase(root, dir, name) };
    });
  },
};
