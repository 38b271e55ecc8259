import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { fromEnv, resolveEnv } from '../../lib/providers/env.js';
import { assertNoSecrets, fullRuntime, rejection, withRuntime } from './remote-fixture.js';

const resolve = (env: Record<string, string>) => resolveEnv(fullRuntime({ env }));

test('key, secret, session token, expiration and account ID (cross-SDK environment_variables)', async () => {
  const c = await resolve({ AWS_ACCESS_KEY_ID: 'foo', AWS_SECRET_ACCESS_KEY: 'bar', AWS_SESSION_TOKEN: 'tok', AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z', AWS_ACCOUNT_ID: '123456789001' });
  assert.equal(c?.accessKeyId, 'foo');
  assert.equal(c?.secretAccessKey.reveal(), 'bar');
  assert.equal(c?.sessionToken?.reveal(), 'tok');
  assert.equal(c?.expiration?.toISOString(), '2030-01-01T00:00:00.000Z');
  assert.equal(c?.accountId, '123456789001');
  assert.ok(!inspect(c).includes('bar') && !inspect(c).includes('tok'));
});

test('neither key nor secret → not configured; blank values count as unset (environment_variables_blank)', async () => {
  assert.equal(await resolve({}), undefined);
  assert.equal(await resolve({ AWS_ACCESS_KEY_ID: ' ', AWS_SECRET_ACCESS_KEY: ' ' }), undefined);
  assert.equal(await resolve({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '\t', AWS_SESSION_TOKEN: 'orphan' }), undefined);
});

test('key without secret, or secret without key → ERR_PARTIAL_CREDENTIALS naming the missing variable', async () => {
  const noSecret = await rejection(resolve({ AWS_ACCESS_KEY_ID: 'foo', AWS_SECRET_ACCESS_KEY: ' ' }));
  assert.equal(noSecret.code, 'ERR_PARTIAL_CREDENTIALS');
  assert.equal(noSecret.field, 'AWS_SECRET_ACCESS_KEY');
  assert.equal(noSecret.source, 'env');
  const noKey = await rejection(resolve({ AWS_SECRET_ACCESS_KEY: 'very-secret-value' }));
  assert.equal(noKey.code, 'ERR_PARTIAL_CREDENTIALS');
  assert.equal(noKey.field, 'AWS_ACCESS_KEY_ID');
  assertNoSecrets(noKey, ['very-secret-value']);
});

test('AWS_SECURITY_TOKEN is the fallback for AWS_SESSION_TOKEN; blank tokens are absent', async () => {
  assert.equal((await resolve({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_SECURITY_TOKEN: 'legacy' }))?.sessionToken?.reveal(), 'legacy');
  assert.equal((await resolve({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_SESSION_TOKEN: 'new', AWS_SECURITY_TOKEN: 'legacy' }))?.sessionToken?.reveal(), 'new');
  assert.equal((await resolve({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_SESSION_TOKEN: ' ' }))?.sessionToken, undefined);
  assert.equal((await resolve({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_ACCOUNT_ID: ' ' }))?.accountId, undefined);
});

test('an invalid AWS_CREDENTIAL_EXPIRATION is ERR_INVALID_ARGUMENT naming the variable', async () => {
  const failed = await rejection(resolve({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_CREDENTIAL_EXPIRATION: 'tomorrow' }));
  assert.equal(failed.code, 'ERR_INVALID_ARGUMENT');
  assert.equal(failed.field, 'AWS_CREDENTIAL_EXPIRATION');
});

test('fromEnv re-reads the environment on every call and returns the public shape', async () => {
  const env: Record<string, string> = { AWS_ACCESS_KEY_ID: 'one', AWS_SECRET_ACCESS_KEY: 's1' };
  const provider = fromEnv(withRuntime({}, { env }));
  assert.deepEqual(await provider(), { accessKeyId: 'one', secretAccessKey: 's1' });
  env['AWS_ACCESS_KEY_ID'] = 'two';
  env['AWS_SESSION_TOKEN'] = 't2';
  assert.deepEqual(await provider(), { accessKeyId: 'two', secretAccessKey: 's1', sessionToken: 't2' });
  delete env['AWS_ACCESS_KEY_ID'];
  delete env['AWS_SECRET_ACCESS_KEY'];
  const missing = await rejection(provider());
  assert.equal(missing.code, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.equal(missing.source, 'env');
});
