import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CACHE, buildProvider, publicProvider, resolvedProvider } from '../../lib/chain/provider.js';
import { customProviderError } from '../../lib/chain/front.js';
import { createCredentialProvider, createResolvedCredentialProvider } from '../../lib/chain/mongodb.js';
import { fromNodeProviderChain } from '../../lib/chain/node-provider-chain.js';
import { resolveCredentials, resolveCredentialsWith } from '../../lib/chain/resolve.js';
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsError } from '../../lib/errors.js';
import { resolveAuthOptions } from '../../lib/options/auth-options.js';
import { Secret } from '../../lib/secret.js';
import type { AwsCredentialIdentityProvider } from '../../lib/types.js';
import { FakeImds, MINUTE, World, resolvers } from './fakes.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const codeOf = (code: string) => (e: unknown): boolean => MongoAwsError.isMongoAwsError(e) && e.code === code;

test('a custom provider is called on every call, never cached, and its result validated', async () => {
  let calls = 0;
  const custom: AwsCredentialIdentityProvider = async () => ({ accessKeyId: `AKIDCUSTOM${++calls}`, secretAccessKey: SECRET, sessionToken: 'tok' });
  const provider = createCredentialProvider({ credentialProvider: custom, username: 'AKIDEXPLICIT', password: new Secret(SECRET) });
  assert.equal((await provider()).accessKeyId, 'AKIDCUSTOM1', 'the custom provider comes before explicit credentials');
  assert.equal((await provider()).accessKeyId, 'AKIDCUSTOM2');
  provider.invalidate();
  const inner = buildProvider({ credentialProvider: custom }, undefined);
  assert.equal((await inner()).source, 'custom');
  assert.equal(inner[CACHE], undefined);
});

test('a custom provider returning a malformed value gives ERR_INVALID_ARGUMENT', async () => {
  for (const value of [null, 'AKID', { accessKeyId: 'AKID' }, { accessKeyId: '', secretAccessKey: SECRET }, { accessKeyId: 'A', secretAccessKey: SECRET, expiration: 'soon' }]) {
    const provider = createCredentialProvider({ credentialProvider: async () => value as never });
    await assert.rejects(provider(), codeOf('ERR_INVALID_ARGUMENT'));
  }
});

test('custom provider errors become ERR_CUSTOM_PROVIDER without the original message; the cause only when known to be safe', async () => {
  const leaky = new Error(`could not load ${SECRET}`);
  const error = await createCredentialProvider({ credentialProvider: async () => { throw leaky; } })().then(
    () => assert.fail('expected an error'),
    (e: unknown) => e as MongoAwsCredentialsError,
  );
  assert.equal(error.code, 'ERR_CUSTOM_PROVIDER');
  assert.equal(error.source, 'custom');
  assert.equal(error.cause, undefined);
  assert.ok(!error.message.includes(SECRET));
  assert.match(error.message, /failed \(Error\)/);

  const system = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
  assert.equal(customProviderError(system).cause, system);
  assert.match(customProviderError(system).message, /\(ECONNREFUSED\)/);
  const coded = Object.assign(new Error(`denied for ${SECRET}`), { code: 'AccessDenied' });
  assert.equal(customProviderError(coded).cause, undefined, 'a code alone does not make an error safe to carry');
  assert.match(customProviderError(coded).message, /\(AccessDenied\)/);
  const ours = new MongoAwsCredentialsError('ERR_HTTP_TIMEOUT', 'slow');
  assert.equal(customProviderError(ours).cause, ours);
  assert.match(customProviderError(ours).message, /\(ERR_HTTP_TIMEOUT\)/);
  class CredentialsProviderError extends Error {
    override name = 'CredentialsProviderError';
  }
  assert.match(customProviderError(new CredentialsProviderError('x')).message, /\(CredentialsProviderError\)/);
  assert.match(customProviderError(Object.assign(new Error('x'), { name: 'bad name with spaces' })).message, /\(unknown error\)/);
  assert.match(customProviderError('a thrown string').message, /\(unknown error\)/);
  assert.equal(customProviderError('a thrown string').cause, undefined);
});

test('explicit credentials (username, password, AWS_SESSION_TOKEN) are returned as given, before the environment', async () => {
  const world = new World();
  world.env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env' };
  const auth = resolveAuthOptions('mongodb://AKIDEXPLICIT:secret%2Fkey@localhost/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:tok%2B1');
  const c = await createCredentialProvider(auth, world.init())();
  assert.deepEqual(c, { accessKeyId: 'AKIDEXPLICIT', secretAccessKey: 'secret/key', sessionToken: 'tok+1' });
  const noToken = await createResolvedCredentialProvider({ username: 'AKIDEXPLICIT', password: new Secret('s') })();
  assert.equal(noToken.sessionToken, undefined);
  assert.ok(noToken.secretAccessKey instanceof Secret, 'the internal form keeps the secret wrapped');
});

test('incomplete or malformed auth options fail when the provider is created', () => {
  const cases: [unknown, string][] = [
    ['not an object', 'ERR_INVALID_ARGUMENT'],
    [{ credentialProvider: 'fn' }, 'ERR_INVALID_ARGUMENT'],
    [{ username: '' , password: new Secret('s') }, 'ERR_INVALID_ARGUMENT'],
    [{ username: 'AKID' }, 'ERR_MISSING_PASSWORD'],
    [{ password: new Secret('s') }, 'ERR_MISSING_USERNAME'],
    [{ sessionToken: new Secret('t') }, 'ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS'],
    [{ username: 'AKID', password: 'plain string' }, 'ERR_INVALID_ARGUMENT'],
    [{ username: 'AKID', password: new Secret('') }, 'ERR_INVALID_ARGUMENT'],
    [{ username: 'AKID', password: new Secret('s'), sessionToken: null }, 'ERR_INVALID_ARGUMENT'],
  ];
  for (const [options, code] of cases) assert.throws(() => createCredentialProvider(options as never), codeOf(code), JSON.stringify(options));
});

test('malformed chain options fail when the provider is created', () => {
  for (const init of ['x', null, { profile: '' }, { profile: 3 }, { clientConfig: 'eu' }, { clientConfig: null }, { clientConfig: { region: '' } }, { clientConfig: { region: 1 } }]) {
    assert.throws(() => fromNodeProviderChain(init as never), (e: unknown) => e instanceof MongoAwsConfigError && e.code === 'ERR_INVALID_ARGUMENT', JSON.stringify(init));
  }
  assert.doesNotThrow(() => fromNodeProviderChain({ clientConfig: {} }));
});

test('the default chain is cached behind the provider and invalidate() clears it', async () => {
  const world = new World();
  const imds = new FakeImds(world);
  const inner = buildProvider(undefined, world.init(), resolvers(imds));
  const provider = publicProvider(inner);
  const first = await provider();
  assert.equal(first.accessKeyId, 'ASIAIMDS1');
  assert.equal(typeof first.secretAccessKey, 'string');
  assert.ok(first.expiration instanceof Date);
  assert.equal((await provider()).accessKeyId, 'ASIAIMDS1');
  world.now += 56 * MINUTE;
  assert.equal((await provider()).accessKeyId, 'ASIAIMDS2', 'refreshed 5 minutes before expiry');
  provider.invalidate();
  assert.equal((await provider()).accessKeyId, 'ASIAIMDS3');
  assert.equal((provider as unknown as Record<symbol, unknown>)[CACHE], inner[CACHE]);
  const internal = resolvedProvider(inner);
  assert.ok((await internal()).secretAccessKey instanceof Secret);
  internal.invalidate();
  assert.equal(inner[CACHE]?.peek(), undefined);
});

test('env credentials are re-read on every call and never cached', async () => {
  const world = new World();
  const imds = new FakeImds(world);
  const provider = publicProvider(buildProvider(undefined, world.init(), resolvers(imds)));
  world.env = { AWS_ACCESS_KEY_ID: 'AKIDONE', AWS_SECRET_ACCESS_KEY: 'one' };
  assert.equal((await provider()).accessKeyId, 'AKIDONE');
  world.env = { AWS_ACCESS_KEY_ID: 'AKIDTWO', AWS_SECRET_ACCESS_KEY: 'two', AWS_SESSION_TOKEN: 'tok' };
  const rotated = await provider();
  assert.deepEqual(rotated, { accessKeyId: 'AKIDTWO', secretAccessKey: 'two', sessionToken: 'tok' });
  assert.equal(imds.calls, 0);
});

test('a profile named in code disables env credentials (both SDKs) and reaches the profile and web identity steps', async () => {
  const world = new World();
  world.env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env' };
  const seen: unknown[] = [];
  const imds = new FakeImds(world);
  const result = await resolveCredentialsWith(
    { ...world.init(), profile: 'dev', clientConfig: { region: 'eu-west-3' } },
    resolvers(imds, {
      profile: async (_runtime, options) => {
        seen.push(options);
        return undefined;
      },
      webIdentity: async (_runtime, options) => {
        seen.push(options);
        return { accessKeyId: 'ASIAWEB', secretAccessKey: new Secret('w'), sessionToken: new Secret('t'), expiration: new Date(world.now + 60 * MINUTE) };
      },
    }),
  );
  assert.equal(result.source, 'web-identity');
  assert.deepEqual(result.attempts.map((a) => [a.source, a.outcome]), [
    ['custom', 'skipped'],
    ['explicit', 'skipped'],
    ['env', 'skipped'],
    ['profile', 'skipped'],
    ['web-identity', 'used'],
  ]);
  assert.equal(result.attempts[2]?.reason, 'a profile was named in code');
  const options = seen[0] as { profile?: string; clientConfig?: { region?: string } };
  assert.equal(options.profile, 'dev');
  assert.equal(options.clientConfig?.region, 'eu-west-3');
  assert.equal(seen[1], seen[0], 'web identity gets the same options');
});

test('resolveCredentials reports every source, never a secret, and throws ERR_CREDENTIALS_NOT_FOUND listing them', async () => {
  const world = new World();
  const imds = new FakeImds(world);
  imds.failWith = new MongoAwsCredentialsError('ERR_IMDS_TOKEN', 'token PUT timed out', { source: 'instance-metadata' });
  const error = await resolveCredentialsWith(world.init(), resolvers(imds)).then(
    () => assert.fail('expected an error'),
    (e: unknown) => e as MongoAwsCredentialsError,
  );
  assert.equal(error.code, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.equal(error.cause, imds.failWith);
  assert.equal(
    error.message,
    'no AWS credentials found; tried custom (skipped: AWS_CREDENTIAL_PROVIDER not given), explicit (skipped: username and password not given), ' +
      'env (skipped: AWS_ACCESS_KEY_ID not set), profile (skipped: no credentials in profile), ' +
      'web-identity (skipped: AWS_WEB_IDENTITY_TOKEN_FILE not set), ' +
      'container (skipped: AWS_CONTAINER_CREDENTIALS_*_URI not set), instance-metadata (failed: ERR_IMDS_TOKEN); last failure: token PUT timed out',
  );

  world.env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: 'SESSION-TOKEN-VALUE' };
  const report = await resolveCredentials({ ...world.init(), authOptions: {} });
  assert.equal(report.source, 'env');
  assert.equal(report.credentials.secretAccessKey, SECRET);
  const printed = JSON.stringify(report.attempts);
  assert.ok(!printed.includes(SECRET) && !printed.includes('SESSION-TOKEN-VALUE'));

  const custom = await resolveCredentials({ authOptions: { credentialProvider: async () => ({ accessKeyId: 'AKIDC', secretAccessKey: SECRET }) } });
  assert.deepEqual(custom.attempts, [{ source: 'custom', outcome: 'used' }]);
  await assert.rejects(resolveCredentials({ authOptions: { username: 'AKID' } }), codeOf('ERR_MISSING_PASSWORD'));
  await assert.rejects(resolveCredentials({ profile: '' }), codeOf('ERR_INVALID_ARGUMENT'));
});

test('partial env credentials stop the chain (configured but broken) instead of falling through', async () => {
  const world = new World();
  world.env = { AWS_ACCESS_KEY_ID: 'AKIDONLY' };
  const imds = new FakeImds(world);
  await assert.rejects(buildProvider(undefined, world.init(), resolvers(imds))(), codeOf('ERR_PARTIAL_CREDENTIALS'));
  assert.equal(imds.calls, 0);
});
