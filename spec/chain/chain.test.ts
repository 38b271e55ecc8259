import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorCode, notFound, runChain, type ChainStep } from '../../lib/chain/chain.js';
import type { SourcedCredentials } from '../../lib/chain/cache.js';
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsHttpError } from '../../lib/errors.js';
import { Secret } from '../../lib/secret.js';
import type { CredentialSource } from '../../lib/types.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function found(id: string, source: CredentialSource): SourcedCredentials {
  return { credentials: { accessKeyId: id, secretAccessKey: new Secret(SECRET), sessionToken: new Secret('TOKEN-SECRET') }, source };
}

function step(name: ChainStep['name'], resolve: ChainStep['resolve'], extra: Partial<ChainStep> = {}): ChainStep & { calls: number } {
  const s = { name, notConfigured: `${name} not set`, calls: 0, ...extra, resolve: async () => { s.calls++; return resolve(); } };
  return s;
}

const none = async (): Promise<undefined> => undefined;

test('the first step that answers wins; later steps are not run; skipped ones are reported with their reason', async () => {
  const later = step('container', async () => found('LATER', 'container'));
  const result = await runChain([step('env', none), step('profile', async () => found('AKIDPROFILE', 'assume-role')), later]);
  assert.equal(result.credentials.accessKeyId, 'AKIDPROFILE');
  assert.equal(result.source, 'assume-role');
  assert.equal(later.calls, 0);
  assert.deepEqual(result.attempts, [
    { source: 'env', outcome: 'skipped', reason: 'env not set' },
    { source: 'assume-role', outcome: 'used' },
  ]);
});

test('a disabled step is skipped without running and reports why', async () => {
  const env = step('env', async () => found('ENV', 'env'), { disabled: 'a profile was named in code' });
  const result = await runChain([env, step('profile', async () => found('P', 'config-file'))]);
  assert.equal(env.calls, 0);
  assert.deepEqual(result.attempts[0], { source: 'env', outcome: 'skipped', reason: 'a profile was named in code' });
});

test('a configured-but-broken step stops the chain with its own error', async () => {
  const broken = new MongoAwsCredentialsError('ERR_PARTIAL_CREDENTIALS', 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not', { source: 'env' });
  const after = step('profile', async () => found('P', 'config-file'));
  await assert.rejects(runChain([step('env', async () => { throw broken; }), after]), (e) => e === broken);
  assert.equal(after.calls, 0);
});

test('an error that is not ours passes through unchanged (a bug must surface, not be renamed)', async () => {
  const bug = new TypeError('x is not a function');
  await assert.rejects(runChain([step('env', async () => { throw bug; })]), (e) => e === bug);
});

test('nothing configured: ERR_CREDENTIALS_NOT_FOUND listing every source with its outcome, no secrets', async () => {
  const error = await runChain([step('env', none), step('profile', none), step('instance-metadata', none)]).then(
    () => assert.fail('expected an error'),
    (e: unknown) => e as MongoAwsCredentialsError,
  );
  assert.equal(error.code, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.match(error.message, /env \(skipped: env not set\), profile \(skipped: profile not set\), instance-metadata \(skipped: instance-metadata not set\)/);
  assert.equal(error.cause, undefined);
});

test('an "unavailable" failure is recorded and the chain goes on; with nothing found it becomes the cause', async () => {
  const refused = new MongoAwsHttpError('ERR_HTTP_CONNECTION', 'connection failed (ECONNREFUSED)');
  const unavailable = (e: unknown): boolean => e === refused;
  const error = await runChain([step('env', none), step('instance-metadata', async () => { throw refused; }, { unavailable })]).then(
    () => assert.fail('expected an error'),
    (e: unknown) => e as MongoAwsCredentialsError,
  );
  assert.equal(error.code, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.equal(error.cause, refused);
  assert.match(error.message, /instance-metadata \(failed: ERR_HTTP_CONNECTION\)/);
});

test('an unavailable step followed by one that answers still yields credentials', async () => {
  const timeout = new MongoAwsHttpError('ERR_HTTP_TIMEOUT', 'timed out');
  const result = await runChain([
    step('instance-metadata', async () => { throw timeout; }, { unavailable: () => true }),
    step('custom', async () => found('LAST', 'custom')),
  ]);
  assert.deepEqual(result.attempts, [
    { source: 'instance-metadata', outcome: 'failed', reason: 'ERR_HTTP_TIMEOUT' },
    { source: 'custom', outcome: 'used' },
  ]);
});

test('an unavailable predicate that rejects the error lets it stop the chain', async () => {
  const invalid = new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', 'bad JSON');
  await assert.rejects(runChain([step('instance-metadata', async () => { throw invalid; }, { unavailable: () => false })]), (e) => e === invalid);
});

test('a failing profile step is reported under the precise source its error names', async () => {
  const failed = new MongoAwsCredentialsError('ERR_PROCESS_FAILED', 'credential_process exited with code 1', { source: 'process' });
  const odd = new MongoAwsConfigError('ERR_INVALID_PROFILE', 'x', { source: 'not-a-source' });
  for (const [error, expected] of [[failed, 'process'], [odd, 'profile'], [new MongoAwsConfigError('ERR_INVALID_PROFILE', 'x'), 'profile']] as const) {
    let attempts: unknown;
    const unavailable = (e: unknown): boolean => {
      attempts = e;
      return true;
    };
    const result = await runChain([step('profile', async () => { throw error; }, { unavailable }), step('custom', async () => found('C', 'custom'))]);
    assert.equal(attempts, error);
    assert.equal(result.attempts[0]?.source, expected);
  }
});

test('a cause that is not ours never travels on ERR_CREDENTIALS_NOT_FOUND (its message may quote a secret)', () => {
  const foreign = new Error(`failed with ${SECRET}`);
  const error = notFound([{ source: 'env', outcome: 'failed', reason: errorCode(foreign) }], foreign);
  assert.equal(error.cause, undefined);
  assert.ok(!error.message.includes(SECRET));
  assert.match(error.message, /env \(failed: unknown error\)/);
  assert.match(notFound([]).message, /tried no source/);
  assert.match(notFound([{ source: 'env', outcome: 'used' }]).message, /env \(used\)/);
});
