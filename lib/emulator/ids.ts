/** Random AWS-looking identifiers and secrets, and the constant-time comparison every emulated check uses. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `length` characters of [A-Z2-7], like real AWS key ids and unique ids. */
export function randomId(prefix: string, length = 16): string {
  let out = prefix;
  for (const byte of randomBytes(length)) out += ALPHABET[byte & 31];
  return out;
}

/** Constant-time string equality (length differences return false after a dummy comparison). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export function randomSecret(): string {
  return randomBytes(30).toString('base64');
}

/** Long, base64 with `+`, `/` and `=`, like real session tokens, so encoding mistakes show. */
export function randomSessionToken(): string {
  return `IQoJb3JpZ2luX2VjE${randomBytes(200).toString('base64')}`;
}
