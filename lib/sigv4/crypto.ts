/** SigV4 hashing and key derivation on node:crypto: payload hash, string to sign, signing key, signature. No cache. */
import { createHmac, hash } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** Lower-case hex SHA-256 of the exact bytes (a string is hashed as UTF-8). */
export const sha256Hex = (data: string | Uint8Array): string => hash('sha256', data);

const hmac = (key: string | Uint8Array, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** `YYYYMMDDTHHMMSSZ` in UTC, no milliseconds. The caller checks that the year has four digits. */
export const formatAmzDate = (date: Date): string => date.toISOString().replace(/\.\d+|[-:]/g, '');

export const stringToSign = (amzDate: string, scope: string, canonicalRequest: string): string =>
  `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;

/**
 * HMAC chain from the UTF-8 bytes of "AWS4" + secret through date, region, service and "aws4_request";
 * intermediate keys stay raw bytes. Derived per signature and never kept: no cache keyed by secrets.
 */
export const signingKey = (secret: string, scope: string): Buffer => scope.split('/').reduce<string | Buffer>(hmac, `AWS4${secret}`) as Buffer;

/** Lower-case hex HMAC-SHA256 of the string to sign under the signing key. */
export const signatureHex = (key: Uint8Array, toSign: string): string => hmac(key, toSign).toString('hex');
