/** Seeded random requests for the SigV4 differential suite, built twice: our SignableRequest and smithy's HttpRequest. */
import type { SignableRequest } from '../../lib/sigv4/sign.js';
import type { SmithyInputs, SmithyRequest } from './smithy.js';

/** mulberry32: a tiny seeded PRNG (uniform in [0, 1)), so a failing case replays from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  string(alphabet: readonly string[], min: number, max: number): string {
    let s = '';
    for (let n = min + this.int(max - min + 1); n > 0; n--) s += this.pick(alphabet);
    return s;
  }
}

const chars = (s: string): string[] => [...s];
const ALNUM = chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
// Text pieces: unreserved, reserved and sub-delims, space, `+`, `%` forms (valid, invalid, encoded `/` and `=`),
// 2-, 3- and 4-byte UTF-8 (an astral pair stays a pair: lone surrogates are left out, smithy's encodeURIComponent throws on them).
const TEXT = [
  ...ALNUM, ...ALNUM, ...chars("-_.~!$&'()*+,;=:@[]{}|^`\"<>\\"), ' ', ' ', '+', '%', '%3D', '%2F', '%zz', '%4', '%e1%88%b4',
  'é', 'ß', 'ሴ', '中', '😀', '\u00a0', '\u2028',
];
const PATH_TEXT = TEXT.filter((c) => c !== '&' && c !== '=');
const HEADER_TEXT = [...ALNUM, ...ALNUM, ...chars('-_.~!#$%&\'()*+,/:;<=>?@[]{}|"'), ' ', ' ', '   ', '\t', ' \t ', 'é', 'ሴ', '😀', '\u00a0'];
const TOKEN_CHARS = [...ALNUM, ...chars("!#$%&'*+.^_`|~-")];
const B64 = [...ALNUM, '+', '/', '='];

/** A random spelling of a byte string as it may appear in a raw query: each character raw or %XX (either hex case). */
function spell(rng: Rng, decoded: string): string {
  let out = '';
  for (const ch of decoded) {
    // &, =, # and % must be escaped to keep the decoded value; anything else may be raw (spaces and `+` included).
    if ('&=#%'.includes(ch) || rng.chance(0.3)) {
      for (const byte of new TextEncoder().encode(ch)) {
        const hex = byte.toString(16).padStart(2, '0');
        out += `%${rng.chance(0.5) ? hex.toUpperCase() : hex}`;
      }
    } else out += ch;
  }
  return out;
}

function mixCase(rng: Rng, name: string): string {
  return [...name].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
}

function randomPath(rng: Rng): string {
  if (rng.chance(0.05)) return '';
  const segments: string[] = [];
  for (let n = rng.int(7); n > 0; n--) {
    segments.push(rng.chance(0.25) ? rng.pick(['', '.', '..', '...']) : rng.string(PATH_TEXT, 1, 8));
  }
  return `/${segments.join('/')}${rng.chance(0.3) ? '/' : ''}`;
}

function randomQuery(rng: Rng): { raw: string; decoded: Record<string, string | string[]> } {
  const keyPool = ['a', 'A', 'b', 'Param', 'X-Amz-Signature', '', rng.string(TEXT, 1, 6), rng.string(TEXT, 1, 6)];
  const parts: string[] = [];
  const decoded: Record<string, string | string[]> = {};
  for (let n = rng.int(7); n > 0; n--) {
    const key = rng.pick(keyPool);
    const value = rng.chance(0.3) ? '' : rng.string(TEXT, 1, 8);
    // A pair with an empty key is always written `=value` (a bare `` part is an empty `&&` segment, which we skip).
    parts.push(value === '' && key !== '' && rng.chance(0.5) ? spell(rng, key) : `${spell(rng, key)}=${spell(rng, value)}`);
    const prior = decoded[key];
    decoded[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return { raw: parts.join('&'), decoded };
}

/*
 * Header names: ordinary, unsignable (user-agent, cache-control, proxy-*, sec-*), and the generated ones a caller
 * might pass (authorization, x-amz-date: both signers drop the caller's copy). Never generated, on purpose:
 * `date` (smithy drops it, the AWS suite signs what it is given), `x-amz-content-sha256` (smithy then uses it as
 * the payload hash; we always hash the body), a caller's `x-amz-security-token` without a session token (smithy
 * signs it, we drop it: the credentials decide), and names equal up to case (smithy's header bag has one value per key).
 */
const HEADER_NAMES = [
  'content-type', 'content-length', 'x-amz-target', 'x-mongodb-server-nonce', 'my-header1', 'my-header2', 'x-amz-meta-a',
  'user-agent', 'cache-control', 'proxy-authorization', 'sec-fetch-mode', 'connection', 'expect', 'authorization', 'x-amz-date',
];

function randomHeaders(rng: Rng, token: string | undefined) {
  const ours: Record<string, string | string[]> = {};
  const smithy: Record<string, string> = {};
  const used = new Set<string>();
  for (let n = rng.int(7); n > 0; n--) {
    const lower = rng.chance(0.7) ? rng.pick(HEADER_NAMES) : rng.string(TOKEN_CHARS, 1, 12).toLowerCase();
    if (used.has(lower) || lower === 'host' || lower === 'date' || lower === 'x-amz-content-sha256' || lower === 'x-amz-security-token') continue;
    used.add(lower);
    const name = mixCase(rng, lower);
    if (rng.chance(0.25)) {
      // A repeated header. smithy takes one pre-joined value while AWS (botocore, aws-c-auth) trims each value before
      // joining with `,`; the two agree only when no element has outer whitespace, so elements are trimmed here.
      const values = Array.from({ length: 2 + rng.int(3) }, () => rng.string(HEADER_TEXT, 0, 10).replace(/^[ \t]+|[ \t]+$/g, ''));
      ours[name] = values;
      smithy[name] = values.join(',');
    } else {
      const value = rng.string(HEADER_TEXT, 0, 16);
      ours[name] = value;
      smithy[name] = value;
    }
  }
  if (token !== undefined && rng.chance(0.2)) {
    // A caller's stale token header: both signers replace it with the credentials' token.
    const name = mixCase(rng, 'x-amz-security-token');
    ours[name] = smithy[name] = rng.string(B64, 1, 20);
  }
  return { ours, smithy };
}

function randomBody(rng: Rng): string | Uint8Array | undefined {
  switch (rng.int(4)) {
    case 0:
      return undefined;
    case 1:
      return rng.string(TEXT, 0, 40);
    default: {
      const bytes = Uint8Array.from({ length: 8 + rng.int(64) }, () => rng.int(256));
      // A view with an offset: only its own bytes are hashed.
      return rng.chance(0.5) ? bytes : bytes.subarray(rng.int(4), bytes.length - rng.int(4));
    }
  }
}

export interface DifferentialCase extends SmithyInputs {
  readonly ours: SignableRequest;
  readonly smithy: SmithyRequest;
}

export function randomRequest(rng: Rng): DifferentialCase {
  const hostname = `${rng.string(chars('abcdefghijklmnopqrstuvwxyz0123456789'), 1, 10)}.${rng.pick(['amazonaws.com', 'example.com', 'sts.us-west-2.amazonaws.com'])}`;
  const port = rng.chance(0.3) ? rng.pick([80, 8080, 8443, 1 + rng.int(65535)]) : undefined;
  const authority = port === undefined || port === 443 ? hostname : `${hostname}:${port}`;
  const path = randomPath(rng);
  const query = randomQuery(rng);
  const token = rng.chance(0.5) ? rng.string(B64, 16, 120) : undefined;
  const credentials = {
    accessKeyId: `AKIA${rng.string(chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), 16, 16)}`,
    secretAccessKey: rng.string(rng.chance(0.1) ? [...B64, 'é', '中'] : B64, 1, 40),
    ...(token === undefined ? {} : { sessionToken: token }),
  };
  const headers = randomHeaders(rng, token);
  const explicitHost = rng.chance(0.3);
  if (explicitHost) headers.ours[mixCase(rng, 'host')] = authority;
  const body = randomBody(rng);
  const method = rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS', 'get', rng.string(TOKEN_CHARS, 1, 8)]);
  const url = `https://${authority}${path}${query.raw === '' && rng.chance(0.5) ? '' : `?${query.raw}`}${rng.chance(0.1) ? '#frag' : ''}`;
  return {
    ours: { method, url, headers: headers.ours, ...(body === undefined ? {} : { body }) },
    // smithy never adds host from hostname: it signs the host header it is given, so it always gets one.
    smithy: {
      method, protocol: 'https:', hostname, ...(port === undefined ? {} : { port }), path: path === '' ? '/' : path,
      query: query.decoded, headers: { ...headers.smithy, host: authority }, ...(body === undefined ? {} : { body }),
    },
    credentials,
    region: rng.pick(['us-east-1', 'eu-west-3', 'ap-southeast-2', rng.string(chars('abcdefghijklmnopqrstuvwxyz0123456789-'), 1, 14)]),
    service: rng.pick(['sts', 'service', 'execute-api', rng.string(chars('abcdefghijklmnopqrstuvwxyz0123456789-'), 1, 10)]),
    date: new Date(rng.int(4102444800000)),
  };
}
