/** SigV4 hashing and key derivation on node:crypto: payload hash, string to sign, signing key, signature. No cache. */
import { createHmac, hash } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Lower-case hex SHA-256 of the exact bytes (a string is hashed as UTF-8). */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data);
}

const hmac = (key: string | Uint8Array, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** `YYYYMMDDTHHMMSSZ` in UTC, no milliseconds. The caller checks that the year has four digits. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/\.\d+|[-:]/g, '');
}

export function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}

/**
 * HMAC chain from the UTF-8 bytes of "AWS4" + secret through date, region, service and "aws4_request";
 * intermediate keys stay raw bytes. Derived per signature and never kept: no cache keyed by secrets.
 */
export function signingKey(secret: string, scope: string): Buffer {
  return scope.split('/').reduce<string | Buffer>(hmac, `AWS4${secret}`) as Buffer;
}

/** Lower-case hex HMAC-SHA256 of the string to sign under the signing key. */
export function signatureHex(key: Uint8Array, toSign: string): string {
  return hmac(key, toSign).toString('hex');
}
