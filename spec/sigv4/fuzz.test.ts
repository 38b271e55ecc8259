/** fast-check fuzz of the pure SigV4 stages and the signer's validation: only MongoAwsError is ever thrown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import { canonicalHeaderValue, canonicalQuery, canonicalUri, normalizePath } from '../../lib/sigv4/canonical.js';
import { percentDecode, uriEncode } from '../../lib/sigv4/encode.js';
import { signRequest } from '../../lib/sigv4/sign.js';
import { splitUrl } from '../../lib/sigv4/url.js';

const RUNS = { seed: 0x5164, numRuns: 400 };
// Any UTF-16 code unit, lone surrogates and controls included.
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const urlish = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  anyText.map((s) => `https://h.example/${s}`),
  fc.tuple(fc.constantFrom('https://', 'http://', 'ftp://', ''), anyText, anyText).map(([a, b, c]) => `${a}${b}/${c}`),
  anyText,
);

function onlyMongoAwsError(fn: () => unknown): void {
  try {
    fn();
  } catch (error) {
    assert.ok(MongoAwsError.isMongoAwsError(error), `threw a non-MongoAwsError: ${String(error)}`);
  }
}

test('uriEncode output is only unreserved characters and uppercase %XX; percentDecode round-trips it', () => {
  fc.assert(
    fc.property(anyText, (s) => {
      const encoded = uriEncode(s, false);
      assert.match(encoded, /^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
      assert.equal(uriEncode(percentDecode(encoded), false), encoded);
    }),
    RUNS,
  );
});

test('canonicalQuery never throws, emits only encoded k=v pairs, and is idempotent', () => {
  fc.assert(
    fc.property(anyText, (q) => {
      const canonical = canonicalQuery(q);
      if (canonical !== '') {
        for (const pair of canonical.split('&')) assert.match(pair, /^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*=(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
      }
      assert.equal(canonicalQuery(canonical), canonical);
    }),
    RUNS,
  );
});

test('normalizePath leaves no empty, . or .. segment; canonicalUri is encoded and starts with /', () => {
  fc.assert(
    fc.property(anyText.map((s) => `/${s}`), (p) => {
      const segments = normalizePath(p).split('/').slice(1, -1);
      for (const segment of segments) assert.ok(segment !== '' && segment !== '.' && segment !== '..');
      const uri = canonicalUri(p);
      assert.match(uri, /^\/(?:[A-Za-z0-9\-_.~/]|%[0-9A-F]{2})*$/);
    }),
    RUNS,
  );
});

test('canonicalHeaderValue has no outer spaces or tabs and no runs of them', () => {
  fc.assert(
    fc.property(anyText, (v) => {
      const c = canonicalHeaderValue(v);
      assert.ok(!/^[ \t]|[ \t]$|[ \t]{2}|\t/.test(c));
    }),
    RUNS,
  );
});

test('splitUrl throws nothing but MongoAwsError on any input', () => {
  fc.assert(fc.property(urlish, (u) => onlyMongoAwsError(() => splitUrl(u))), RUNS);
});

test('signRequest throws nothing but MongoAwsError on arbitrary requests, credentials and options', () => {
  const headerValue = fc.oneof(anyText, fc.array(anyText, { maxLength: 3 }), fc.anything());
  fc.assert(
    fc.property(
      fc.record({
        method: fc.oneof(fc.constantFrom('GET', 'POST'), anyText, fc.anything()),
        url: fc.oneof(urlish, fc.anything()),
        headers: fc.oneof(fc.dictionary(anyText, headerValue, { maxKeys: 4 }), fc.anything()),
        body: fc.oneof(anyText, fc.uint8Array({ maxLength: 16 }), fc.anything()),
      }),
      fc.record({ accessKeyId: fc.oneof(fc.constant('AKIDEXAMPLE'), anyText), secretAccessKey: anyText, sessionToken: fc.oneof(anyText, fc.anything()) }),
      fc.record({ region: fc.oneof(fc.constant('us-east-1'), anyText, fc.anything()), service: fc.oneof(fc.constant('sts'), anyText), date: fc.oneof(fc.date(), fc.anything()) }),
      (request, credentials, options) => onlyMongoAwsError(() => signRequest(request as never, credentials as never, options as never)),
    ),
    { seed: 0x5165, numRuns: 600 },
  );
});
