import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoServerError, type MongoClientOptions } from 'mongodb';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { authenticatedUser as driverUser, envSandbox } from './driver-fixture.js';

// The official driver (mongodb 7) with the real @aws-sdk/credential-providers, against the emulator: proof that the
// emulated mongod, STS, ECS and IMDS behave as the real services do for real clients.

let emu: Emulator;
let dir: string;
const env = envSandbox(() => dir);
const setEnv = env.set;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mongodb-aws-interop-'));
  emu = await startEmulator();
});
after(async () => {
  env.restore();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh client per case (the driver keeps one SDK provider per client); ping, then the authenticated user. */
const authenticatedUser = (options: MongoClientOptions = {}): Promise<string> => driverUser(emu.uri, options);

test('official driver: environment access keys authenticate as the IAM user', async () => {
  const env = emu.env('static');
  setEnv(env);
  const arn = emu.registry.lookup(env['AWS_ACCESS_KEY_ID']!)!.arn;
  assert.match(arn, /^arn:aws:iam::123456789012:user\//);
  assert.equal(await authenticatedUser(), arn);
});

test('official driver: environment session credentials (with AWS_SESSION_TOKEN) authenticate as the role', async () => {
  setEnv(emu.env('session'));
  assert.match(await authenticatedUser(), /^arn:aws:iam::123456789012:role\/emulator-session-role-\d+$/);
});

test('official driver: container credentials (full URI + authorization token) authenticate as the task role', async () => {
  setEnv(emu.env('container'));
  const before = emu.aws.requests.filter((r) => r.server === 'ecs').length;
  assert.equal(await authenticatedUser(), emu.aws.ecs.roleArn);
  assert.ok(emu.aws.requests.filter((r) => r.server === 'ecs').length > before);
});

test('official driver: web identity (token file + role, STS AssumeRoleWithWebIdentity) authenticates as the role', async () => {
  const tokenFile = join(dir, 'web-identity-token');
  const identity = emu.webIdentity(tokenFile);
  writeFileSync(tokenFile, identity.token);
  setEnv(identity.env);
  assert.equal(await authenticatedUser(), identity.roleArn);
  assert.ok(emu.aws.requests.some((r) => r.server === 'sts'));
});

test('official driver: instance metadata (IMDSv2) credentials authenticate as the instance role', async () => {
  setEnv(emu.env('imds'), { imds: true });
  assert.equal(await authenticatedUser(), emu.aws.imds.roleArn);
});

test('official driver: a wrong secret is refused with MongoServerError code 18', async () => {
  const env = emu.env('static');
  setEnv({ ...env, AWS_SECRET_ACCESS_KEY: `${env['AWS_SECRET_ACCESS_KEY']!.slice(0, -2)}xx` });
  await assert.rejects(authenticatedUser(), (error: unknown) => {
    assert.ok(error instanceof MongoServerError, `expected MongoServerError, got ${String(error)}`);
    assert.equal(error.code, 18);
    assert.equal(error.codeName, 'AuthenticationFailed');
    return true;
  });
  assert.equal(emu.mongod.connections.authentications.at(-1)!.reason, 'SignatureDoesNotMatch');
});

test('official driver: AWS_CREDENTIAL_PROVIDER is called and wins over environment keys', async () => {
  setEnv(emu.env('static'));
  const custom = emu.registry.addUser({ arn: 'arn:aws:iam::123456789012:user/custom-provider' });
  let calls = 0;
  const provider = async () => {
    calls += 1;
    return { accessKeyId: custom.accessKeyId, secretAccessKey: custom.secretAccessKey };
  };
  assert.equal(await authenticatedUser({ authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } }), custom.arn);
  assert.ok(calls >= 1);
});
