/** The signer's input checks: one helper, so every refusal is typed and names only its field. */
import { MongoAwsConfigError, MongoAwsProtocolError } from '../errors.js';

/**
 * Throws unless `ok`, by `kind`: 0, a wrong type or a missing value → ERR_INVALID_ARGUMENT (MongoAwsConfigError);
 * 1, a value of the right type that cannot be signed → ERR_INVALID_SIGNING_INPUT (MongoAwsProtocolError);
 * 2, a header name or value that would break the request → ERR_UNSAFE_HEADER (MongoAwsConfigError).
 */
export function check(ok: unknown, field: string, kind: 0 | 1 | 2 = 0): asserts ok {
  if (!ok) {
    throw new (kind === 1 ? MongoAwsProtocolError : MongoAwsConfigError)(
      (['ERR_INVALID_ARGUMENT', 'ERR_INVALID_SIGNING_INPUT', 'ERR_UNSAFE_HEADER'] as const)[kind],
      `invalid ${field}`,
      { field },
    );
  }
}

/** An HTTP token (RFC 9110): a method or a header name. */
export const TOKEN = /^[\w!#$%&'*+.^`|~-]+$/;

/**
 * A header value, the caller's or ours: a string without CR, LF, NUL or other controls (tab allowed). The same
 * rule as lib/http/headers.ts, applied here so that the signer stands alone.
 */
export const checkHeaderValue = (name: string, value: unknown): void => check(typeof value === 'string' && !/[\0-\x08\n-\x1f\x7f]/.test(value), name, 2);

/** Objects and functions (anything `Object()` returns unchanged); never null or a primitive. */
export const isObject = (value: unknown): value is object => Object(value) === value;
