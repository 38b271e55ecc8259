/** Byte-level percent-encoding (SigV4 unreserved set) and lenient percent-decoding for canonical paths and queries. */
import { Buffer } from 'node:buffer';

// Per byte: itself when unreserved (A-Z a-z 0-9 - _ . ~, RFC 3986 §2.3), else %XX in uppercase hex.
const TABLE = Array.from({ length: 256 }, (_, byte) => {
  const char = String.fromCharCode(byte);
  return /[\w.~-]/.test(char) ? char : `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;
});

/**
 * Encodes every byte outside the unreserved set (and outside `/` when `keepSlash`) as `%XX`.
 * A string is taken as UTF-8 (a lone surrogate becomes U+FFFD, as Buffer and TextEncoder do).
 */
export function uriEncode(input: string | Uint8Array, keepSlash: boolean): string {
  let out = '';
  for (const byte of typeof input === 'string' ? Buffer.from(input) : input) out += keepSlash && byte === 0x2f ? '/' : TABLE[byte];
  return out;
}

/**
 * Decodes `%XX` escapes (either hex case) to raw bytes. Lenient like WHATWG: a `%` not followed by two hex
 * digits stays a literal `%`; `+` stays `+` (SigV4 queries are not form-encoded). Never throws, and keeps
 * invalid UTF-8 byte sequences intact so that re-encoding reproduces them. (Latin-1 maps chars to bytes 1:1.)
 */
export function percentDecode(input: string): Uint8Array {
  const bytes = Buffer.from(input).toString('latin1');
  return Buffer.from(bytes.replace(/%([\da-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}
