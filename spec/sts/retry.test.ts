import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoAwsHttpError } from '../../lib/errors.js';
import { checkCount, checkTimeout, isTransientHttpError, withRetries } from '../../lib/sts/retry.js';

const socketError = (code: string) => new MongoAwsHttpError('ERR_HTTP_CONNECTION', `connection failed (${code})`, { cause: Object.assign(new Error(code), { code }) });

test('timeouts and dropped connections are transient; refused, unknown host and foreign errors are not', () => {
  assert.equal(isTransientHttpError(new MongoAwsHttpError('ERR_HTTP_TIMEOUT', 't')), true);
  assert.equal(isTransientHttpError(socketError('ECONNRESET')), true);
  assert.equal(isTransientHttpError(new MongoAwsHttpError('ERR_HTTP_CONNECTION', 'closed while reading')), true);
  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']) assert.equal(isTransientHttpError(socketError(code)), false, code);
  assert.equal(isTransientHttpError(new MongoAwsHttpError('ERR_HTTP_BODY_TOO_LARGE', 'b')), false);
  assert.equal(isTransientHttpError(new Error('x')), false);
});

test('withRetries retries accepted errors and results up to maxAttempts, returning the last result', async () => {
  let calls = 0;
  const result = await withRetries({ maxAttempts: 3, baseDelayMs: 1 }, async (attempt) => {
    calls++;
    if (attempt === 1) throw new MongoAwsHttpError('ERR_HTTP_TIMEOUT', 't');
    return attempt;
  }, (n) => n < 3);
  assert.equal(result, 3);
  assert.equal(calls, 3);
  calls = 0;
  assert.equal(await withRetries({ maxAttempts: 2, baseDelayMs: 0 }, async () => ++calls, () => true), 2);
  calls = 0;
  await assert.rejects(withRetries({ maxAttempts: 5, baseDelayMs: 0 }, async () => {
    calls++;
    throw new Error('foreign');
  }, () => true), /foreign/);
  assert.equal(calls, 1, 'a non-transient error is thrown at once');
});

test('option validation', () => {
  assert.equal(checkTimeout(undefined, 7, 'timeout'), 7);
  assert.equal(checkTimeout(250, 7, 'timeout'), 250);
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 600_001, '5' as unknown as number]) {
    assert.throws(() => checkTimeout(bad, 7, 'timeout'), { code: 'ERR_INVALID_ARGUMENT', field: 'timeout' });
  }
  assert.equal(checkCount(undefined, 2, 'maxRetries', 0), 2);
  assert.equal(checkCount(0, 2, 'maxRetries', 0), 0);
  for (const bad of [-1, 1.5, 11, Number.NaN]) assert.throws(() => checkCount(bad, 2, 'maxRetries', 0), { code: 'ERR_INVALID_ARGUMENT', field: 'maxRetries' });
  assert.throws(() => checkCount(0, 3, 'maxAttempts', 1), { field: 'maxAttempts' });
});
