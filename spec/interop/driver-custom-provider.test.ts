// The official MongoDB Node driver 7 with this package's providers passed as AWS_CREDENTIAL_PROVIDER, against the
// emulator. The real AWS SDK is installed here (the driver insists on loading it) but never called: the provider is
// ours. Our default chain reads process.env, so each case sets it and the file restores it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { createCredentialProvider, fromNodeProviderChain, Secret, type AwsCredentialIdentityProvider } from '../../lib/index.js';

let emu: Emulator;
let dir: string;
const saved = { ...process.env };

/** process.env with no AWS_* of the host: no shared files, no instance metadata, HOME in a scratch directory. */
function setEnv(vars: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, {
    HOME: dir,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials-file'),
    AWS_CONFIG_FILE: join(dir, 'no-config-file'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...vars,
  });
}

function tracking(inner: AwsCredentialIdentityProvider): { provider: AwsCredentialIdentityProvider; calls: () => number } {
  let calls = 0;
  return {
    provider: async () => {
      calls += 1;
      return inner();
    },
    calls: () => calls,
  };
}

/** A fresh driver client with the provider; ping, then the authenticated user connectionStatus reports. */
async function authenticatedUser(provider: AwsCredentialIdentityProvider): Promise<string> {
  const client = new MongoClient(emu.uri, { serverSelectionTimeoutMS: 3000, authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } });
  try {
    assert.equal((await client.db('admin').command({ ping: 1 }))['ok'], 1);
    const status = await client.db('admin').command({ connectionStatus: 1 });
    const users = (status['authInfo'] as { authenticatedUsers: { user: string; db: string }[] }).authenticatedUsers;
    assert.equal(users.length, 1);
    assert.equal(users[0]!.db, '$external');
    return users[0]!.user;
  } finally {
    await client.close();
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mongodb-aws-driver-provider-'));
  emu = await startEmulator();
});
after(async () => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
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
