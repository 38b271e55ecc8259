import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialCache, REFRESH_WINDOW_MS, RETRY_COOLDOWN_MS, isFresh, isValid, type SourcedCredentials } from '../../lib/chain/cache.js';
import { MongoAwsCredentialsError } from '../../lib/errors.js';
import { Secret } from '../../lib/secret.js';
import type { CredentialSource } from '../../lib/types.js';

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const MIN = 60_000;

function creds(id: string, source: CredentialSource, expiresAt?: number): SourcedCredentials {
  return {
    credentials: { accessKeyId: id, secretAccessKey: new Secret(`secret-${id}`), ...(expiresAt === undefined ? {} : { expiration: new Date(expiresAt) }) },
    source,
  };
}

function clock(start = T0): { now: () => number; set: (t: number) => void } {
  let t = start;
  return { now: () => t, set: (value) => (t = value) };
}

/** A fetch that hands out the given results in order and counts its calls. */
function sequence(...results: (SourcedCredentials | Error)[]): { fetch: () => Promise<SourcedCredentials>; calls: () => number } {
  let calls = 0;
  return {
    fetch: async () => {
      const next = results[Math.min(calls, results.length - 1)];
      calls++;
      if (next instanceof Error) throw next;
      return next as SourcedCredentials;
    },
    calls: () => calls,
  };
}

test('isFresh needs more than 5 minutes left; isValid only that expiry has not passed', () => {
  const entry = creds('A', 'container', T0 + REFRESH_WINDOW_MS);
  assert.equal(isFresh(entry, T0 - 1), true);
  assert.equal(isFresh(entry, T0), false, 'exactly 5 minutes left is not "more than 5 minutes"');
  assert.equal(isValid(entry, T0 + REFRESH_WINDOW_MS - 1), true);
  assert.equal(isValid(entry, T0 + REFRESH_WINDOW_MS), false);
  assert.equal(isFresh(creds('B', 'config-file'), T0), true, 'no expiration never needs a refresh');
  assert.equal(isValid(creds('B', 'config-file'), Number.MAX_SAFE_INTEGER), true);
});

test('temporary credentials are reused while more than 5 minutes remain, then refreshed', async () => {
  const c = clock();
  const cache = new CredentialCache(c.now);
  const source = sequence(creds('A', 'container', T0 + 60 * MIN), creds('B', 'container', T0 + 120 * MIN));
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'A');
  c.set(T0 + 54 * MIN);
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'A');
  assert.equal(source.calls(), 1);
  c.set(T0 + 55 * MIN);
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'B', 'inside the 5-minute window the cache refreshes');
  assert.equal(source.calls(), 2);
  assert.equal(cache.peek()?.credentials.accessKeyId, 'B');
});

test('credentials without expiration from a non-env source are cached until cleared', async () => {
  const cache = new CredentialCache(clock().now);
  const source = sequence(creds('STATIC', 'shared-credentials-file'), creds('OTHER', 'shared-credentials-file'));
  for (let i = 0; i < 5; i++) assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'STATIC');
  assert.equal(source.calls(), 1);
  cache.clear();
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'OTHER');
});

test('env credentials are never cached: each call fetches again', async () => {
  const cache = new CredentialCache(clock().now);
  const source = sequence(creds('E1', 'env'), creds('E2', 'env'), creds('E3', 'env'));
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'E1');
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'E2');
  assert.equal(cache.peek(), undefined);
  assert.equal(source.calls(), 2);
});

test('an env result replaces a stale cached entry instead of leaving it behind', async () => {
  const c = clock();
  const cache = new CredentialCache(c.now);
  cache.set(creds('OLD', 'instance-metadata', T0 + 2 * MIN));
  const source = sequence(creds('ENV', 'env'));
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'ENV');
  assert.equal(cache.peek(), undefined);
});

test('N concurrent callers on an empty cache share one fetch (single flight)', async () => {
  const cache = new CredentialCache(clock().now);
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const fetch = async (): Promise<SourcedCredentials> => {
    calls++;
    await gate;
    return creds('SHARED', 'web-identity', T0 + 60 * MIN);
  };
  const pending = Array.from({ length: 25 }, () => cache.get(fetch));
  release();
  const results = await Promise.all(pending);
  assert.equal(calls, 1);
  assert.ok(results.every((r) => r === results[0]), 'every caller gets the same entry object');
  assert.equal((await cache.get(fetch)).credentials.accessKeyId, 'SHARED');
  assert.equal(calls, 1);
});

test('concurrent callers share one failure too, and the next call tries again', async () => {
  const cache = new CredentialCache(clock().now);
  const failure = new MongoAwsCredentialsError('ERR_HTTP_STATUS', 'down', { status: 503 });
  const source = sequence(failure, creds('LATER', 'container', T0 + 60 * MIN));
  const results = await Promise.allSettled([cache.get(source.fetch), cache.get(source.fetch), cache.get(source.fetch)]);
  assert.ok(results.every((r) => r.status === 'rejected' && r.reason === failure));
  assert.equal(source.calls(), 1);
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'LATER');
});

test('a failed refresh inside the window returns the still-valid credentials and waits before retrying', async () => {
  const c = clock();
  const cache = new CredentialCache(c.now);
  cache.set(creds('VALID', 'instance-metadata', T0 + 3 * MIN));
  const down = new MongoAwsCredentialsError('ERR_HTTP_CONNECTION', 'refused');
  const source = sequence(down, down, creds('NEW', 'instance-metadata', T0 + 60 * MIN));
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'VALID');
  assert.equal(source.calls(), 1);
  c.set(T0 + RETRY_COOLDOWN_MS - 1);
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'VALID');
  assert.equal(source.calls(), 1, 'no new attempt during the cool-down');
  c.set(T0 + RETRY_COOLDOWN_MS);
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'VALID');
  assert.equal(source.calls(), 2);
  c.set(T0 + 2 * RETRY_COOLDOWN_MS);
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'NEW');
  assert.equal(cache.peek()?.credentials.accessKeyId, 'NEW');
});

test('a failed refresh once the cached credentials have expired throws the error', async () => {
  const c = clock();
  const cache = new CredentialCache(c.now);
  cache.set(creds('EXPIRED', 'container', T0 - 1));
  const failure = new MongoAwsCredentialsError('ERR_HTTP_TIMEOUT', 'slow');
  await assert.rejects(cache.get(sequence(failure).fetch), (e) => e === failure);
});

test('the cool-down ends when the kept credentials expire', async () => {
  const c = clock();
  const cache = new CredentialCache(c.now);
  cache.set(creds('SHORT', 'container', T0 + 10_000));
  const failure = new MongoAwsCredentialsError('ERR_HTTP_TIMEOUT', 'slow');
  const source = sequence(failure);
  assert.equal((await cache.get(source.fetch)).credentials.accessKeyId, 'SHORT');
  c.set(T0 + 10_000);
  await assert.rejects(cache.get(source.fetch), (e) => e === failure);
  assert.equal(source.calls(), 2);
});

test('clear() empties the cache and a fetch started before it does not write its result', async () => {
  const cache = new CredentialCache(clock().now);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let calls = 0;
  const fetch = async (): Promise<SourcedCredentials> => {
    const n = ++calls;
    if (n === 1) await gate;
    return creds(`F${n}`, 'container', T0 + 60 * MIN);
  };
  const early = cache.get(fetch);
  cache.clear();
  const late = cache.get(fetch);
  assert.equal((await late).credentials.accessKeyId, 'F2', 'a caller after clear() does not join the old fetch');
  release();
  assert.equal((await early).credentials.accessKeyId, 'F1', 'the early caller still gets its own result');
  assert.equal(cache.peek()?.credentials.accessKeyId, 'F2', 'the stale fetch did not overwrite the newer entry');
});

test('a failure of a fetch detached by clear() does not fall back to an entry', async () => {
  const cache = new CredentialCache(clock().now);
  cache.set(creds('KEPT', 'container', T0 + 2 * MIN));
  let fail!: (e: Error) => void;
  const pending = cache.get(() => new Promise<SourcedCredentials>((_, reject) => (fail = reject)));
  cache.clear();
  cache.set(creds('SET-AFTER', 'container', T0 + 2 * MIN));
  const failure = new MongoAwsCredentialsError('ERR_HTTP_TIMEOUT', 'slow');
  fail(failure);
  await assert.rejects(pending, (e) => e === failure);
});

test('a fetch that throws synchronously is reported, not left in flight', async () => {
  const cache = new CredentialCache(clock().now);
  const failure = new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'none');
  await assert.rejects(cache.get(() => { throw failure; }), (e) => e === failure);
  assert.equal((await cache.get(async () => creds('OK', 'container', T0 + 60 * MIN))).credentials.accessKeyId, 'OK');
});
