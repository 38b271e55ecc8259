/** Input validation of the signer: error codes per field, and no secret, token, header value or body in any error. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { MongoAwsError } from '../../lib/errors.js';
import { Secret } from '../../lib/secret.js';
import { signRequest, signResolved, type SignableRequest, type SignOptions } from '../../lib/sigv4/sign.js';
import type { ResolvedCredentials } from '../../lib/types.js';

// Distinctive markers: none of them may appear in anything an error exposes.
const SECRET = 'SECRET-MARKER-wJalrXUtnFEMI';
const TOKEN = 'TOKEN-MARKER-AQoDYXdzEJ';
const HEADER_VALUE = 'HEADER-MARKER-value';
const BODY = 'BODY-MARKER-Action=GetCallerIdentity';
const MARKERS = [SECRET, TOKEN, HEADER_VALUE, BODY];

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN };
const request: SignableRequest = { method: 'POST', url: 'https://sts.amazonaws.com/', headers: { 'X-Marker': HEADER_VALUE }, body: BODY };
const opts: SignOptions = { region: 'us-east-1', service: 'sts', date: new Date('2020-01-01T00:00:00Z') };

function thrown(fn: () => unknown): MongoAwsError {
  try {
    fn();
  } catch (error) {
    assert.ok(MongoAwsError.isMongoAwsError(error), `not a MongoAwsError: ${String(error)}`);
    const exposed = `${error.message}\n${String(error)}\n${inspect(error, { depth: 5, showHidden: true })}\n${JSON.stringify(error)}\n${inspect(error.cause)}`;
    for (const marker of MARKERS) assert.ok(!exposed.includes(marker), `error exposes a secret marker (${error.code})`);
    return error;
  }
  assert.fail('expected a throw');
}

function expectCode(fn: () => unknown, code: string, field?: string): void {
  const error = thrown(fn);
  assert.equal(error.code, code);
  if (field !== undefined) assert.equal(error.field, field);
}

const any = (v: unknown) => v as never;

test('method: non-string → ERR_INVALID_ARGUMENT; not an HTTP token → ERR_INVALID_SIGNING_INPUT', () => {
  expectCode(() => signRequest({ ...request, method: any(1) }, creds, opts), 'ERR_INVALID_ARGUMENT', 'method');
  for (const method of ['', 'GET /', 'GE\nT', 'PÖST']) {
    expectCode(() => signRequest({ ...request, method }, creds, opts), 'ERR_INVALID_SIGNING_INPUT', 'method');
  }
});

test('request and options must be objects (ERR_INVALID_ARGUMENT)', () => {
  expectCode(() => signRequest(any(null), creds, opts), 'ERR_INVALID_ARGUMENT', 'request');
  expectCode(() => signRequest(request, creds, any(null)), 'ERR_INVALID_ARGUMENT', 'options');
  expectCode(() => signResolved(request, { accessKeyId: 'A', secretAccessKey: new Secret('s') }, any('x')), 'ERR_INVALID_ARGUMENT', 'options');
});

test('url: a header-injection or unparseable URL → ERR_INVALID_SIGNING_INPUT; a non-string → ERR_INVALID_ARGUMENT', () => {
  expectCode(() => signRequest({ ...request, url: `https://h/${HEADER_VALUE}\r\nX: y` }, creds, opts), 'ERR_INVALID_SIGNING_INPUT', 'url');
  expectCode(() => signRequest({ ...request, url: 'not a url' }, creds, opts), 'ERR_INVALID_SIGNING_INPUT', 'url');
  expectCode(() => signRequest({ ...request, url: any({ href: 'https://h/' }) }, creds, opts), 'ERR_INVALID_ARGUMENT', 'url');
});

test('body must be a string or a Uint8Array (ERR_INVALID_ARGUMENT)', () => {
  expectCode(() => signRequest({ ...request, body: any(42) }, creds, opts), 'ERR_INVALID_ARGUMENT', 'body');
  expectCode(() => signRequest({ ...request, body: any(new ArrayBuffer(2)) }, creds, opts), 'ERR_INVALID_ARGUMENT', 'body');
});

test('headers must be a plain object (ERR_INVALID_ARGUMENT)', () => {
  for (const headers of [null, 'x', ['a']]) {
    expectCode(() => signRequest({ ...request, headers: any(headers) }, creds, opts), 'ERR_INVALID_ARGUMENT', 'headers');
  }
});

test('header names and values with CR, LF or NUL → ERR_UNSAFE_HEADER, never quoting the value', () => {
  expectCode(() => signRequest({ ...request, headers: { 'bad name': 'x' } }, creds, opts), 'ERR_UNSAFE_HEADER');
  expectCode(() => signRequest({ ...request, headers: { 'x:y': 'x' } }, creds, opts), 'ERR_UNSAFE_HEADER');
  for (const bad of [`${HEADER_VALUE}\r\nInjected: 1`, `${HEADER_VALUE}\n`, `${HEADER_VALUE}\0`]) {
    expectCode(() => signRequest({ ...request, headers: { 'X-Marker': bad } }, creds, opts), 'ERR_UNSAFE_HEADER', 'x-marker');
    expectCode(() => signRequest({ ...request, headers: { 'X-Marker': ['ok', bad] } }, creds, opts), 'ERR_UNSAFE_HEADER', 'x-marker');
  }
  expectCode(() => signRequest({ ...request, headers: { 'X-Marker': any(5) } }, creds, opts), 'ERR_UNSAFE_HEADER', 'x-marker');
  // A caller's copy of a generated header is validated too, although it is then replaced.
  expectCode(() => signRequest({ ...request, headers: { Authorization: `${HEADER_VALUE}\r\n` } }, creds, opts), 'ERR_UNSAFE_HEADER');
});

test('a session token with CR or LF → ERR_UNSAFE_HEADER (it becomes a header), the token never quoted', () => {
  expectCode(() => signRequest(request, { ...creds, sessionToken: `${TOKEN}\r\nX: 1` }, opts), 'ERR_UNSAFE_HEADER', 'x-amz-security-token');
});

test('region and service: non-string → ERR_INVALID_ARGUMENT; empty, with / , whitespace or non-ASCII → ERR_INVALID_SIGNING_INPUT', () => {
  for (const field of ['region', 'service'] as const) {
    expectCode(() => signRequest(request, creds, { ...opts, [field]: any(undefined) }), 'ERR_INVALID_ARGUMENT', field);
    for (const bad of ['', 'us/east', 'us east', 'us\teast', 'x\n', '\0', 'us,east', 'ré']) {
      expectCode(() => signRequest(request, creds, { ...opts, [field]: bad }), 'ERR_INVALID_SIGNING_INPUT', field);
    }
  }
});

test('date must be a valid Date with a four-digit year (ERR_INVALID_ARGUMENT)', () => {
  for (const date of [new Date(Number.NaN), '2020-01-01', 0, new Date('+010000-01-01T00:00:00Z'), new Date('-000001-01-01T00:00:00Z')]) {
    expectCode(() => signRequest(request, creds, { ...opts, date: any(date) }), 'ERR_INVALID_ARGUMENT', 'date');
  }
});

test('public credentials: non-empty strings required (ERR_INVALID_ARGUMENT), the values never quoted', () => {
  expectCode(() => signRequest(request, any(null), opts), 'ERR_INVALID_ARGUMENT');
  expectCode(() => signRequest(request, { ...creds, accessKeyId: '' }, opts), 'ERR_INVALID_ARGUMENT');
  expectCode(() => signRequest(request, { ...creds, secretAccessKey: '' }, opts), 'ERR_INVALID_ARGUMENT');
  expectCode(() => signRequest(request, { ...creds, secretAccessKey: any(7) }, opts), 'ERR_INVALID_ARGUMENT');
  expectCode(() => signRequest(request, { ...creds, sessionToken: any(7) }, opts), 'ERR_INVALID_ARGUMENT');
});

test('an access key id that would break the Credential field → ERR_INVALID_SIGNING_INPUT', () => {
  for (const accessKeyId of ['AKID/X', 'AKID,X', 'AKID X', 'AKIDÖ', 'AKID\n']) {
    expectCode(() => signRequest(request, { ...creds, accessKeyId }, opts), 'ERR_INVALID_SIGNING_INPUT', 'accessKeyId');
  }
});

test('signResolved: credentials must carry Secret-wrapped secret and token (ERR_INVALID_ARGUMENT)', () => {
  const base: ResolvedCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: new Secret(SECRET) };
  expectCode(() => signResolved(request, any(undefined), opts), 'ERR_INVALID_ARGUMENT', 'credentials');
  expectCode(() => signResolved(request, { ...base, accessKeyId: any(1) }, opts), 'ERR_INVALID_ARGUMENT', 'accessKeyId');
  expectCode(() => signResolved(request, { ...base, secretAccessKey: any(SECRET) }, opts), 'ERR_INVALID_ARGUMENT', 'secretAccessKey');
  expectCode(() => signResolved(request, { ...base, secretAccessKey: new Secret('') }, opts), 'ERR_INVALID_ARGUMENT', 'secretAccessKey');
  expectCode(() => signResolved(request, { ...base, sessionToken: any(TOKEN) }, opts), 'ERR_INVALID_ARGUMENT', 'sessionToken');
  // An empty Secret token counts as none.
  assert.equal(signResolved(request, { ...base, sessionToken: new Secret('') }, opts).headers['x-amz-security-token'], undefined);
});

test('a successful result exposes the token only where it is sent and signed, never the secret', () => {
  const s = signRequest(request, creds, opts);
  assert.ok(!JSON.stringify(s).includes(SECRET));
  assert.equal(s.headers['x-amz-security-token'], TOKEN);
});
