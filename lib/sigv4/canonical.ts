/** SigV4 canonical-request stages: canonical URI, canonical query and canonical headers. */
import { percentDecode, uriEncode } from './encode.js';

export interface PathOptions {
  /** Remove `.` segments, resolve `..`, collapse `//` (default true; false = aws-c-auth `normalize: false`). */
  readonly normalizePath?: boolean;
  /** Percent-encode the path (default true; false = S3-style: the path is used verbatim, never normalised). */
  readonly uriEscapePath?: boolean;
}

/** Dot-segment and slash normalisation as smithy `getCanonicalPath` and botocore `normalize_url_path` do it. */
export function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment && segment !== '.') segments.push(segment);
  }
  const joined = segments.join('/');
  return (path[0] === '/' ? '/' : '') + joined + (joined && path.endsWith('/') ? '/' : '');
}

/**
 * Canonical URI of a non-S3 request: the path as written (already percent-encoded on the wire, or raw),
 * normalised, then encoded once more, so `/foo%3Dbar` → `/foo%253Dbar` and `/a b` → `/a%20b`. Empty → `/`.
 */
export const canonicalUri = (path: string, options: PathOptions = {}): string =>
  options.uriEscapePath === false ? path || '/' : encodePath(options.normalizePath === false ? path : normalizePath(path));

/** `canonicalUri` without the variants: what `signRequest` uses, so that its bundle carries no variant code. */
export const defaultCanonicalUri = (path: string): string => encodePath(normalizePath(path));

const encodePath = (path: string): string => uriEncode(path || '/', true);

const encodeComponent = (raw: string): string => uriEncode(percentDecode(raw), false);

/**
 * Canonical query from the raw query string: split on `&` and the first `=`, percent-decode (a `+` stays `+`),
 * re-encode with the unreserved set, sort by encoded key then encoded value, keep duplicates, `k=` for no value.
 * Empty `&&` parts are skipped; `X-Amz-Signature` is dropped (case-insensitively), as smithy does.
 */
export const canonicalQuery = (query: string): string =>
  query
    .split('&')
    .filter((part) => part)
    // Key up to the first `=` (all of it without one), value after it. NUL sorts below every character of an
    // encoded component: sorting `key\0value` sorts by key, then value.
    .map((part) => part.replace(/([^=]*)=?([^]*)/, (_, key: string, value: string) => `${encodeComponent(key)}\0${encodeComponent(value)}`))
    .filter((pair) => !/^x-amz-signature\0/i.test(pair))
    .sort()
    .join('&')
    .replace(/\0/g, '=');

/*
 * Never signed: a proxy, agent or browser may add, drop or rewrite them in flight. This is smithy's
 * ALWAYS_UNSIGNABLE_HEADERS (authorization, cache-control, connection, expect, from, keep-alive,
 * max-forwards, pragma, referer, te, trailer, transfer-encoding, upgrade, user-agent, x-amzn-trace-id)
 * plus every `proxy-*` and `sec-*` header. They are still returned in SignedRequest.headers (except
 * `authorization`, which the signer replaces).
 */
const UNSIGNABLE =
  /^(authorization|c(ache-control|onnection)|expect|from|keep-alive|max-forwards|pragma|referer|t(e|railer|ransfer-encoding)|u(pgrade|ser-agent)|x-amzn-trace-id|(proxy|sec)-.*)$/;

export const isSignable = (lowerName: string): boolean => !UNSIGNABLE.test(lowerName);

/** Trim spaces and tabs, squeeze internal runs of them to one space (inside quotes too). */
export const canonicalHeaderValue = (value: string): string => value.replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');

export interface CanonicalHeaders {
  /** `name:value\n` per signed header, sorted by name. */
  readonly canonical: string;
  /** `a;b;c`, same order. */
  readonly signedHeaders: string;
}

/**
 * Canonical headers from lower-case names, each with its values in order of appearance.
 * Repeated values are canonicalised one by one and joined with `,` (botocore and aws-c-auth behaviour).
 */
export function canonicalHeaders(headers: ReadonlyMap<string, readonly string[]>): CanonicalHeaders {
  const names = [...headers.keys()].filter(isSignable).sort();
  return {
    canonical: names.map((name) => `${name}:${(headers.get(name) as readonly string[]).map(canonicalHeaderValue).join(',')}\n`).join(''),
    signedHeaders: names.join(';'),
  };
}
