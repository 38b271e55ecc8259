import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { authenticatedUser } from '../../lib/cli/ping.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { lines, oneErrorLine, run, withTempHome } from './helpers.js';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  await emulator.close();
});

function userEnv(): { env: Record<string, string>; arn: string; secret: string } {
  const user = emulator.registry.addUser();
  return { env: { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey }, arn: user.arn, secret: user.secretAccessKey };
}

const isRounded = (ms: unknown): boolean => typeof ms === 'number' && ms >= 0 && Math.round(ms * 10) / 10 === ms;

test('ping authenticates with environment credentials and prints the user, the source and the timings', async () => {
  const { env, arn, secret } = userEnv();
  const result = await run(['ping', emulator.uri], env);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  const out = lines(result.stdout);
  assert.match(out[0]!, /^ok: authenticated to 127\.0\.0\.1:\d+ with MONGODB-AWS$/);
  assert.equal(out[1], `user:            ${arn}`);
  assert.equal(out[2], 'credentials:     env');
  assert.match(out[3]!, /^timings \(ms\): {4}credentials \d+\.\d, connect \d+\.\d, authenticate \d+\.\d, total \d+\.\d$/);
  assert.ok(!result.stdout.includes(secret));
});

test('ping --json prints {ok, user, source, timings} with times rounded to 0.1 ms', async () => {
  const { env, arn } = userEnv();
  const result = await run(['ping', emulator.uri, '--json', '--timeout', '5000'], env);
  assert.equal(result.code, 0);
  assert.equal(lines(result.stdout).length, 1);
  const body = JSON.parse(result.stdout) as { ok: boolean; user: string; source: string; timings: Record<string, unknown> };
  assert.deepEqual(Object.keys(body), ['ok', 'user', 'source', 'timings']);
  assert.equal(body.ok, true);
  assert.equal(body.user, arn);
  assert.equal(body.source, 'env');
  assert.deepEqual(Object.keys(body.timings), ['credentialsMs', 'connectMs', 'authenticateMs', 'totalMs']);
  for (const ms of Object.values(body.timings)) assert.ok(isRounded(ms));
});

test('ping --profile authenticates with the named profile of the shared credentials file', async () => {
  await withTempHome(async (home) => {
    const user = emulator.registry.addUser();
    await mkdir(join(home, '.aws'));
    await writeFile(join(home, '.aws', 'credentials'), `[dev]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`);
    const result = await run(['ping', emulator.uri, '--profile', 'dev', '--json'], { HOME: home });
    assert.equal(result.code, 0);
    const body = JSON.parse(result.stdout) as { user: string; source: string };
    assert.equal(body.source, 'shared-credentials-file');
    assert.equal(body.user, user.arn);
  });
});

test('ping without credentials fails before connecting with ERR_CREDENTIALS_NOT_FOUND', async () => {
  const result = await run(['ping', emulator.uri]);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '');
  oneErrorLine(result, 'ERR_CREDENTIALS_NOT_FOUND');
});

test('ping to a port nobody listens on fails with ERR_CONNECTION; --json adds {ok: false} on stdout', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const result = await run(['ping', `mongodb://127.0.0.1:${port}/?authMechanism=MONGODB-AWS`, '--timeout', '2000', '--json'], userEnv().env);
  assert.equal(result.code, 1);
  oneErrorLine(result, 'ERR_CONNECTION');
  assert.deepEqual(Object.entries(JSON.parse(result.stdout) as object).slice(0, 2), [['ok', false], ['code', 'ERR_CONNECTION']]);
});

test('a wrong secret is refused with ERR_AUTHENTICATION_FAILED and the secret is not printed', async () => {
  const user = emulator.registry.addUser();
  const wrong = 'wrong-secret-that-must-not-be-printed';
  const uri = emulator.uri.replace('mongodb://', `mongodb://${user.accessKeyId}:${wrong}@`);
  const result = await run(['ping', uri]);
  assert.equal(result.code, 1);
  oneErrorLine(result, 'ERR_AUTHENTICATION_FAILED');
  assert.ok(!`${result.stdout}${result.stderr}`.includes(wrong));
});

test('a malformed connection string fails with ERR_INVALID_URI without echoing it', async () => {
  for (const uri of ['http://127.0.0.1/', 'mongodb://', 'mongodb://h:99999/']) {
    const result = await run(['ping', uri], userEnv().env);
    assert.equal(result.code, 1);
    oneErrorLine(result, 'ERR_INVALID_URI');
  }
});

test('authenticatedUser reads authInfo.authenticatedUsers[0].user and refuses replies without one', () => {
  assert.equal(authenticatedUser({ authInfo: { authenticatedUsers: [{ user: 'arn:aws:iam::123456789012:user/u', db: '$external' }] } }), 'arn:aws:iam::123456789012:user/u');
  for (const reply of [{}, { authInfo: null }, { authInfo: {} }, { authInfo: { authenticatedUsers: [] } }, { authInfo: { authenticatedUsers: [null] } }, { authInfo: { authenticatedUsers: [{ user: '' }] } }]) {
    assert.throws(() => authenticatedUser(reply), { code: 'ERR_SERVER_COMMAND' });
  }
});
