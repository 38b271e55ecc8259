// The official MongoDB Node driver 7 with this package's providers passed as AWS_CREDENTIAL_PROVIDER, against the
// emulator. The real AWS SDK is installed here (the driver insists on loading it) but never called: the provider is
// ours. Our default chain reads process.env, so each case sets it and the file restores it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { authenticatedUser as driverUser, envSandbox, tracking } from './driver-fixture.js';
import { createCredentialProvider, fromNodeProviderChain, Secret, type AwsCredentialIdentityProvider } from '../../lib/index.js';

let emu: Emulator;
let dir: string;
const env = envSandbox(() => dir);
const setEnv = (vars: Record<string, string>): void => env.set(vars);

/** A fresh driver client with the provider; ping, then the authenticated user connectionStatus reports. */
const authenticatedUser = (provider: AwsCredentialIdentityProvider): Promise<string> =>
  driverUser(emu.uri, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mongodb-aws-driver-provider-'));
  emu = await startEmulator();
});
after(async () => {
  env.restore();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

test('driver 7: AWS_CREDENTIAL_PROVIDER = fromNodeProviderChain() (environment keys) authenticates as the IAM user', async () => {
  const env = emu.env('static');
  setEnv(env);
  const { provider, calls } = tracking(fromNodeProviderChain());
  assert.equal(await authenticatedUser(provider), emu.registry.lookup(env['AWS_ACCESS_KEY_ID']!)!.arn);
  assert.ok(calls() >= 1, 'the driver called our provider');
});

test('driver 7: one fromNodeProviderChain() shared by two clients asks the container endpoint once (memoized)', async () => {
  setEnv(emu.env('container'));
  const ecsRequests = (): number => emu.aws.requests.filter((r) => r.server === 'ecs').length;
  const before = ecsRequests();
  const { provider, calls } = tracking(fromNodeProviderChain());
  assert.equal(await authenticatedUser(provider), emu.aws.ecs.roleArn);
  assert.equal(await authenticatedUser(provider), emu.aws.ecs.roleArn);
  assert.ok(calls() >= 2, 'called for every authentication');
  assert.equal(ecsRequests() - before, 1, 'temporary credentials reused across connections');
});

test('driver 7: AWS_CREDENTIAL_PROVIDER = createCredentialProvider() (web identity) authenticates as the role', async () => {
  const tokenFile = join(dir, 'web-identity-token');
  const identity = emu.webIdentity(tokenFile, 'driver-provider-web-identity');
  writeFileSync(tokenFile, identity.token);
  setEnv(identity.env);
  const { provider, calls } = tracking(createCredentialProvider());
  assert.equal(await authenticatedUser(provider), identity.roleArn);
  assert.ok(calls() >= 1);
  assert.ok(emu.aws.requests.some((r) => r.server === 'sts' && r.action === 'AssumeRoleWithWebIdentity'));
});

test('driver 7: createCredentialProvider({ username, password }) carries explicit keys the driver no longer takes in the URI', async () => {
  setEnv(emu.env('static'));
  const user = emu.registry.addUser({ arn: `arn:aws:iam::${emu.registry.account}:user/driver-explicit` });
  const { provider, calls } = tracking(createCredentialProvider({ username: user.accessKeyId, password: new Secret(user.secretAccessKey) }));
  assert.equal(await authenticatedUser(provider), user.arn, 'explicit keys beat the environment');
  assert.ok(calls() >= 1);
});

test('driver 7: when our chain finds nothing, the driver fails with our ERR_CREDENTIALS_NOT_FOUND as the cause', async () => {
  setEnv({});
  const conversations = emu.mongod.connections.authentications.length;
  const { provider, calls } = tracking(fromNodeProviderChain());
  await assert.rejects(authenticatedUser(provider), (error: Error & { cause?: unknown }) => {
    const causes: unknown[] = [];
    for (let e: unknown = error; e instanceof Error && causes.length < 5; e = (e as Error & { cause?: unknown }).cause) causes.push(e);
    assert.ok(
      causes.some((e) => (e as { code?: unknown }).code === 'ERR_CREDENTIALS_NOT_FOUND'),
      `expected ERR_CREDENTIALS_NOT_FOUND in the cause chain of ${error.name}`,
    );
    return true;
  });
  assert.ok(calls() >= 1);
  assert.equal(emu.mongod.connections.authentications.length, conversations, 'no SASL conversation: credentials come first');
});
