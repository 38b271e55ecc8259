/** Splits the URL to sign into host, literal path and raw query, without letting WHATWG re-encode the path. */
import { check } from './check.js';

export interface UrlParts {
  /** `host[:port]` as a client sends it in `Host` (WHATWG form: lower-case, default port dropped). */
  readonly host: string;
  /** The path exactly as written in the URL string (a URL object's `href`, i.e. its encoded pathname); may be empty. */
  readonly path: string;
  /** Everything between `?` and `#`, still percent-encoded; empty when absent. */
  readonly query: string;
}

// http(s)://authority, then a path starting with / (raw spaces allowed), then ?query, then #fragment. An empty
// authority (https:///p) or a backslash in it would make WHATWG, and so the HTTP client, see another host and
// path than the ones signed: no match. C0 controls and DEL never belong in a request target (CR/LF would split it).
const URL_PARTS = /^https?:\/\/[^/?#\\]+(\/[^?#]*|)(\?[^#]*|)(#|$)/i;

export function splitUrl(url: string | URL): UrlParts {
  const text = url instanceof URL ? url.href : url;
  check(typeof text === 'string', 'url');
  const match = URL_PARTS.exec(text);
  // URL.canParse: no TypeError (it would quote the input) to catch.
  check(match && !/[\0-\x1f\x7f]/.test(text) && URL.canParse(text), 'url', 1);
  return { host: new URL(text).host, path: match[1] as string, query: (match[2] as string).slice(1) };
}
