/** CR/LF/NUL checks for anything that goes into a request line or header. */
import { MongoAwsConfigError } from '../errors.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Printable ASCII, tab, and bytes >= 0x80; never CR, LF, NUL or other controls.
const VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;

export function assertSafeHeaderName(name: string): void {
  if (!TOKEN.test(name)) {
    throw new MongoAwsConfigError('ERR_UNSAFE_HEADER', 'header name contains characters not allowed in HTTP', { field: 'header' });
  }
}

/** `name` is reported (it is ours); the value never is. */
export function assertSafeHeaderValue(name: string, value: string): void {
  if (typeof value !== 'string' || !VALUE.test(value)) {
    throw new MongoAwsConfigError('ERR_UNSAFE_HEADER', `value of header ${name} contains control characters`, { field: name });
  }
}

// What Node's HTTP client itself accepts in a header value (latin-1 without controls); anything else makes it throw.
const SENDABLE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** `assertSafeHeaderValue`, plus: only characters Node can put on the wire (no code point above U+00FF). */
export function assertSendableHeaderValue(name: string, value: string): void {
  assertSafeHeaderValue(name, value);
  if (!SENDABLE.test(value)) {
    throw new MongoAwsConfigError('ERR_UNSAFE_HEADER', `value of header ${name} contains characters that cannot be sent in HTTP`, { field: name });
  }
}
