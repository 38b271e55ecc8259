import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { USAGE } from '../../lib/cli/args.js';
import { lines, oneErrorLine, run, withTempHome } from './helpers.js';

const SECRET = 'SECRET-must-never-be-printed-0123456789';
const TOKEN = 'TOKEN-must-never-be-printed-abcdefghij';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

test('credentials prints the source, key id, token presence, expiry and every source tried, never the secret or token', async () => {
  const result = await run(['credentials'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN, AWS_CREDENTIAL_EXPIRATION: '2030-01-02T03:04:05Z' });
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  const out = lines(result.stdout);
  assert.equal(out[0], 'source:          env');
  assert.equal(out[1], `access key id:   ${KEY_ID}`);
  assert.equal(out[2], 'session token:   present');
  assert.equal(out[3], 'expiration:      2030-01-02T03:04:05.000Z');
  assert.ok(out.some((line) => /^ {2}custom +\| skipped \| AWS_CREDENTIAL_PROVIDER not given$/.test(line)));
  assert.ok(out.some((line) => /^ {2}env +\| used/.test(line)));
  for (const secret of [SECRET, TOKEN]) assert.ok(!`${result.stdout}${result.stderr}`.includes(secret));
});

test('credentials --json prints exactly one object of the documented shape, without secret or token', async () => {
  const result = await run(['credentials', '--json'], { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN });
  assert.equal(result.code, 0);
  assert.equal(lines(result.stdout).length, 1);
  assert.deepEqual(JSON.parse(result.stdout), {
    source: 'env',
    accessKeyId: KEY_ID,
    sessionToken: true,
    expiration: null,
    attempts: [
      { source: 'custom', outcome: 'skipped', reason: 'AWS_CREDENTIAL_PROVIDER not given' },
      { source: 'explicit', outcome: 'skipped', reason: 'username and password not given' },
      { source: 'env', outcome: 'used', reason: null },
    ],
  });
  for (const secret of [SECRET, TOKEN]) assert.ok(!`${result.stdout}${result.stderr}`.includes(secret));
});

test('credentials --profile reads the named profile, skips env credentials and reports no session token', async () => {
  await withTempHome(async (home) => {
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'credentials'), `[dev]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
    const result = await run(['credentials', '--profile', 'dev', '--json'], { HOME: home, AWS_ACCESS_KEY_ID: 'AKIAOTHEROTHEROTHER1', AWS_SECRET_ACCESS_KEY: 'other' });
    assert.equal(result.code, 0);
    const view = JSON.parse(result.stdout) as { source: string; accessKeyId: string; sessionToken: boolean; attempts: { source: string; outcome: string; reason: string | null }[] };
    assert.equal(view.source, 'shared-credentials-file');
    assert.equal(view.accessKeyId, KEY_ID);
    assert.equal(view.sessionToken, false);
    assert.deepEqual(view.attempts[2], { source: 'env', outcome: 'skipped', reason: 'a profile was named in code' });
    assert.ok(!result.stdout.includes(SECRET));
  });
});

test('credentials with nothing configured exits 1 with one stderr line and nothing on stdout', async () => {
  const result = await run(['credentials']);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  const line = oneErrorLine(result, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.match(line, /instance-metadata \(skipped/);
});

test('credentials --json with nothing configured also prints {ok: false, code, message} on stdout', async () => {
  const result = await run(['credentials', '--json']);
  assert.equal(result.code, 1);
  oneErrorLine(result, 'ERR_CREDENTIALS_NOT_FOUND');
  const body = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ['ok', 'code', 'message']);
  assert.equal(body['ok'], false);
  assert.equal(body['code'], 'ERR_CREDENTIALS_NOT_FOUND');
  assert.equal(`mongodb-aws-auth: ${body['code']}: ${body['message']}\n`, result.stderr);
});

test('a configured but broken source stops the chain with its own code (partial env credentials), secret not echoed', async () => {
  const result = await run(['credentials'], { AWS_SECRET_ACCESS_KEY: SECRET });
  assert.equal(result.code, 1);
  oneErrorLine(result, 'ERR_PARTIAL_CREDENTIALS');
  assert.ok(!result.stderr.includes(SECRET));
});

test('an unexpected error prints only its name and exits 70, never its message', async () => {
  const leak = 'data-that-must-not-leak';
  const failingEnv = () => {
    throw new TypeError(leak);
  };
  for (const argv of [['credentials'], ['credentials', '--json']]) {
    const result = await run(argv, {}, { env: failingEnv });
    assert.equal(result.code, 70);
    assert.equal(result.stderr, 'mongodb-aws-auth: internal error (TypeError)\n');
    assert.ok(!result.stdout.includes(leak));
    if (argv.includes('--json')) assert.deepEqual(JSON.parse(result.stdout), { ok: false, code: 'ERR_INTERNAL', message: 'internal error (TypeError)' });
  }
});

test('usage errors exit 2 with one ERR_INVALID_ARGUMENT line; help and version exit 0 on stdout', async () => {
  for (const argv of [['frobnicate'], ['credentials', '--nope'], ['ping'], ['ping', 'mongodb://h/', '--timeout', '0']]) {
    const result = await run(argv);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    oneErrorLine(result, 'ERR_INVALID_ARGUMENT');
  }
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.equal(help.stdout, `${USAGE}\n`);
  const version = await run(['--version']);
  assert.equal(version.code, 0);
  const pkg = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(version.stdout, `${pkg.version}\n`);
});
