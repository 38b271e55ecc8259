/** Bounded retries with jittered exponential backoff, shared by STS calls and the container and IMDS providers. */
import { MongoAwsError } from '../errors.js';
import { invalid } from './params.js';

export interface RetryPolicy {
  /** Total attempts, at least 1. */
  readonly maxAttempts: number;
  /** Upper bound of the first backoff; each later one doubles (full jitter), at most 5 s. 0 = retry on the next timer tick. */
  readonly baseDelayMs: number;
}

/**
 * Runs `run` up to `maxAttempts` times: again after an error `retryError` accepts, or a result `retryResult`
 * (a predicate that does not throw) accepts. The last result is returned (the caller judges its status) and the
 * last error thrown.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  run: (attempt: number) => Promise<T>,
  retryResult: (result: T) => boolean,
  retryError: (error: unknown) => boolean = isTransientHttpError,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= policy.maxAttempts;
    try {
      const result = await run(attempt);
      if (last || !retryResult(result)) return result;
    } catch (error) {
      if (last || !retryError(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5000, policy.baseDelayMs * 2 ** (attempt - 1))));
  }
}

/** Timeouts and dropped connections; not refused connections, unknown hosts or no route. */
export function isTransientHttpError(error: unknown): boolean {
  // A timeout carries no cause; a connection error the socket error, whose code tells the permanent ones.
  return (
    MongoAwsError.isMongoAwsError(error) &&
    /^ERR_HTTP_(TIMEOUT|CONNECTION)$/.test(error.code) &&
    !/^E(CONNREFUSED|NOTFOUND|HOSTUNREACH|NETUNREACH|ACCES)$/.test((error.cause as { code?: string } | undefined)?.code ?? '')
  );
}

/** Validates a caller-supplied duration in milliseconds, 1 to 600000. */
export function checkTimeout(value: number | undefined, fallback: number, field: string): number {
  return value === undefined ? fallback : typeof value === 'number' && value > 0 && value <= 600_000 ? value : invalid(field, 'must be 1-600000 ms');
}

/** Validates a caller-supplied count (retries, attempts) within [min, 10]. */
export function checkCount(value: number | undefined, fallback: number, field: string, min: number): number {
  return value === undefined ? fallback : Number.isInteger(value) && value >= min && value <= 10 ? value : invalid(field, `must be an integer ${min}-10`);
}
