/** The signer's input checks: one helper, so every refusal is typed and names only its field. */
import { MongoAwsConfigError, MongoAwsProtocolError } from '../errors.js';

/**
 * Throws unless `ok`: a wrong type or a missing value → ERR_INVALID_ARGUMENT (MongoAwsConfigError); with
 * `unsignable`, a value of the right type that cannot be signed → ERR_INVALID_SIGNING_INPUT (MongoAwsProtocolError).
 */
export function check(ok: unknown, field: string, unsignable?: 1): asserts ok {
  if (!ok) {
    throw new (unsignable ? MongoAwsProtocolError : MongoAwsConfigError)(
      unsignable ? 'ERR_INVALID_SIGNING_INPUT' : 'ERR_INVALID_ARGUMENT',
      `invalid ${field}`,
      { field },
    );
  }
}

/** Objects and functions (anything `Object()` returns unchanged); never null or a primitive. */
export const isObject = (value: unknown): value is object => Object(value) === value;
