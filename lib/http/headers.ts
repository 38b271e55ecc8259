/** CR/LF/NUL checks for anything that goes into a request line or header. */
import { MongoAwsConfigError } from '../errors.js';

/** `field` is the header's name (ours) or `header`; a value is never reported. */
function check(ok: boolean, field: string): void {
  if (!ok) throw new MongoAwsConfigError('ERR_UNSAFE_HEADER', `${field} has characters unsafe in HTTP`, { field });
}

/** An RFC 9110 token. */
export function assertSafeHeaderName(name: string): void {
  check(/^[\w!#$%&'*+.^`|~-]+$/.test(name), 'header');
}

/** A string without CR, LF, NUL or other controls (tab allowed). */
export function assertSafeHeaderValue(name: string, value: string): void {
  check(typeof value === 'string' && !/[\0-\x08\n-\x1f\x7f]/.test(value), name);
}

/** `assertSafeHeaderValue`, and only what Node's HTTP client can put on the wire (latin-1, no code point above U+00FF). */
export function assertSendableHeaderValue(name: string, value: string): void {
  check(typeof value === 'string' && /^[\t -~\x80-\xff]*$/.test(value), name);
}
