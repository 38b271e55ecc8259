/** Bounded retries with jittered exponential backoff, shared by STS calls and the container and IMDS providers. */
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoAwsConfigError, MongoAwsError } from '../errors.js';

export interface RetryPolicy {
  /** Total attempts, at least 1. */
  readonly maxAttempts: number;
  /** Upper bound of the first backoff; each later one doubles (full jitter). 0 = retry at once. */
  readonly baseDelayMs: number;
}

const MAX_DELAY_MS = 5_000;
/** Failures that another attempt will not fix: nothing listening, no such host, no route. */
const PERMANENT_SOCKET_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EACCES']);

/**
 * Runs `run` up to `maxAttempts` times: again after an error `retryError` accepts, or a result `retryResult`
 * accepts. The last result is returned (the caller judges its status) and the last error thrown.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  run: (attempt: number) => Promise<T>,
  retryResult: (result: T) => boolean,
  retryError: (error: unknown) => boolean = isTransientHttpError,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let result: T;
    try {
      result = await run(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !retryError(error)) throw error;
      await backoff(policy, attempt);
      continue;
    }
    if (attempt >= policy.maxAttempts || !retryResult(result)) return result;
    await backoff(policy, attempt);
  }
}

/** Timeouts and dropped connections; not refused connections or unknown hosts. */
export function isTransientHttpError(error: unknown): boolean {
  if (!MongoAwsError.isMongoAwsError(error)) return false;
  if (error.code === 'ERR_HTTP_TIMEOUT') return true;
  if (error.code !== 'ERR_HTTP_CONNECTION') return false;
  const cause = (error as { cause?: unknown }).cause as NodeJS.ErrnoException | undefined;
  return !(typeof cause?.code === 'string' && PERMANENT_SOCKET_CODES.has(cause.code));
}

async function backoff(policy: RetryPolicy, attempt: number): Promise<void> {
  if (policy.baseDelayMs <= 0) return;
  const ceiling = Math.min(MAX_DELAY_MS, policy.baseDelayMs * 2 ** (attempt - 1));
  await sleep(Math.floor(Math.random() * ceiling));
}

/** Validates a caller-supplied positive duration in milliseconds. */
export function checkTimeout(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 600_000) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be a number of milliseconds between 1 and 600000`, { field });
  }
  return value;
}

/** Validates a caller-supplied count (retries, attempts) within [min, 10]. */
export function checkCount(value: number | undefined, fallback: number, field: string, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 10) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be an integer between ${min} and 10`, { field });
  }
  return value;
}
