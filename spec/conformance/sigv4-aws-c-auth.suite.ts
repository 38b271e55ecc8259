/** aws-c-auth's v4 signing suite, header-signing half: canonical request, string to sign, signature and signed headers. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Secret } from '../../lib/secret.js';
import { signResolved } from '../../lib/sigv4/sign.js';
import type { ResolvedCredentials } from '../../lib/types.js';
import { headerRecord, hostOf, parseRequestFile } from '../sigv4/request-file.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

/*
 * Coverage: every one of the 38 case folders runs its header-signing files (header-canonical-request.txt,
 * header-string-to-sign.txt, header-signature.txt, header-signed-request.txt).
 * Not run: the 38 query-*.txt presigned-URL halves of the same folders. We do not implement presigning
 * (MONGODB-AWS and STS sign with the Authorization header only).
 */

interface Context {
  readonly credentials: { readonly access_key_id: string; readonly secret_access_key: string; readonly token?: string };
  readonly region: string;
  readonly service: string;
  readonly timestamp: string;
  readonly normalize: boolean;
  readonly sign_body: boolean;
  readonly omit_session_token?: boolean;
}

function parseContext(text: string): Context {
  const c = JSON.parse(text) as Context;
  assert.equal(typeof c.credentials.access_key_id, 'string');
  assert.equal(typeof c.normalize, 'boolean');
  assert.equal(typeof c.sign_body, 'boolean');
  return c;
}

function runCase(dir: string): void {
  const read = (file: string): string => readFileSync(join(dir, file), 'utf8');
  const context = parseContext(read('context.json'));
  const raw = parseRequestFile(read('request.txt'));
  const { access_key_id, secret_access_key, token } = context.credentials;
  // omit_session_token: the token is attached after signing (post-sts-header-after), so it is not signed.
  const signToken = token !== undefined && context.omit_session_token !== true;
  const credentials: ResolvedCredentials = {
    accessKeyId: access_key_id,
    secretAccessKey: new Secret(secret_access_key),
    ...(signToken ? { sessionToken: new Secret(token) } : {}),
  };
  const signed = signResolved(
    {
      method: raw.method,
      url: `https://${hostOf(raw)}${raw.target}`,
      headers: headerRecord(raw.headers),
      ...(raw.body === '' ? {} : { body: raw.body }),
    },
    credentials,
    {
      region: context.region,
      service: context.service,
      date: new Date(context.timestamp),
      // normalize false: no dot-segment or slash normalisation; the (raw) path is still encoded once.
      normalizePath: context.normalize,
      // sign_body: add and sign x-amz-content-sha256.
      applyChecksum: context.sign_body,
    },
  );
  assert.equal(signed.canonicalRequest, read('header-canonical-request.txt'), 'canonical request');
  assert.equal(signed.stringToSign, read('header-string-to-sign.txt'), 'string to sign');
  assert.equal(signed.signature, read('header-signature.txt'), 'signature');

  // Every header of the signed request must be what we return (the token of omit_session_token cases aside).
  const expected = parseRequestFile(read('header-signed-request.txt'));
  assert.equal(expected.body, raw.body, 'signed request body');
  for (const [name, value] of Object.entries(headerRecord(expected.headers))) {
    const lower = name.toLowerCase();
    if (lower === 'x-amz-security-token' && !signToken) {
      assert.equal(signed.headers[lower], undefined, 'unsigned token must not be added');
      continue;
    }
    const want = Array.isArray(value) ? value.map((v) => v.trim()).join(',') : value;
    assert.equal(signed.headers[lower], want, `header ${lower}`);
  }
  assert.equal(Object.keys(signed.headers).length, Object.keys(headerRecord(expected.headers)).length - (token !== undefined && !signToken ? 1 : 0));
}

export const suite: VectorSuite = {
  name: 'sigv4-aws-c-auth',
  cases: async (): Promise<readonly VectorCase[]> => {
    const root = vectorPath('aws-sigv4-testsuite', 'aws-c-auth-v4');
    return readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'header-canonical-request.txt')))
      .map((e) => e.name)
      .sort()
      .map((name): VectorCase => ({ name, run: () => runCase(join(root, name)) }));
  },
};
