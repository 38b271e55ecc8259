/** Byte-level percent-encoding (SigV4 unreserved set) and lenient percent-decoding for canonical paths and queries. */
// One char per byte (latin1), so the regexes below see bytes; `\w` without the `u` flag is [A-Za-z0-9_].
const escapeByte = (char: string): string => `%${Buffer.from(char, 'latin1').toString('hex').toUpperCase()}`;

/**
 * Encodes every byte outside the unreserved set (A-Z a-z 0-9 - _ . ~, RFC 3986 §2.3; and outside `/` when
 * `keepSlash`) as `%XX` in uppercase hex. A string is taken as UTF-8 (a lone surrogate becomes U+FFFD, as Buffer
 * and TextEncoder do).
 */
export const uriEncode = (input: string | Uint8Array, keepSlash: boolean): string =>
  Buffer.from(input as string).toString('latin1').replace(keepSlash ? /[^\w.~/-]/g : /[^\w.~-]/g, escapeByte);

/**
 * Decodes `%XX` escapes (either hex case) to raw bytes. Lenient like WHATWG: a `%` not followed by two hex
 * digits stays a literal `%`; `+` stays `+` (SigV4 queries are not form-encoded). Never throws, and keeps
 * invalid UTF-8 byte sequences intact so that re-encoding reproduces them. (Latin-1 maps chars to bytes 1:1.)
 */
export const percentDecode = (input: string): Uint8Array =>
  // `%uXXXX` is not an escape here: `%25u` keeps its `%` literal through unescape.
  Buffer.from(unescape(Buffer.from(input).toString('latin1').replace(/%u/g, '%25u')), 'latin1');
