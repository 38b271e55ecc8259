import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BSON, Binary, Int32, Double, Long } from 'bson';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import {
  binarySubtype0,
  decodePayload,
  encodeClientFinal,
  encodeClientFirst,
  MAX_SERVER_PAYLOAD_BYTES,
  parseServerFirst,
} from '../../lib/sasl/payloads.js';
import { serverFirstBytes } from './verifier.js';

// auth.md lines 733-759 (protocol doc §2): the byte-level client-first example.
const SPEC_NONCE = Buffer.from('Wj0lSjp8M0BMKGU+QVAzRSpWfk0hJigqO1V+b0FaVz4=', 'base64');
const SPEC_CLIENT_FIRST = 'NAAAAAVyACAAAAAAWj0lSjp8M0BMKGU+QVAzRSpWfk0hJigqO1V+b0FaVz4QcABuAAAAAA==';

const nonce = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const serverNonce = Buffer.concat([nonce, Buffer.alloc(32, 0xee)]);

function fails(fn: () => unknown, code: string, field?: string, message?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(MongoAwsError.isMongoAwsError(error), 'a MongoAwsError');
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

test('spec vector: client-first with the spec nonce encodes to the spec 52-byte document, byte for byte', () => {
  const bytes = encodeClientFirst(SPEC_NONCE);
  assert.equal(bytes.length, 52);
  assert.equal(Buffer.from(bytes).toString('base64'), SPEC_CLIENT_FIRST);
});

test('spec vector: the spec client-first decodes to r = BinData(0, nonce) and p = int32 110, and nothing else', () => {
  const doc = BSON.deserialize(Buffer.from(SPEC_CLIENT_FIRST, 'base64'), { promoteValues: false });
  assert.deepEqual(Object.keys(doc), ['r', 'p']);
  assert.ok(doc['r'] instanceof Binary);
  assert.equal(doc['r'].sub_type, 0);
  assert.deepEqual(Buffer.from(doc['r'].buffer.subarray(0, doc['r'].position)), SPEC_NONCE);
  assert.ok(doc['p'] instanceof Int32);
  assert.equal(doc['p'].value, 110);
});

test('client-first field by field: r is BinData subtype 0 of the 32 nonce bytes, p is Int32 (type 0x10) 110', () => {
  const bytes = encodeClientFirst(nonce);
  const doc = BSON.deserialize(bytes, { promoteValues: false });
  assert.deepEqual(Object.keys(doc), ['r', 'p']);
  assert.equal((doc['r'] as Binary).sub_type, 0);
  assert.deepEqual(Uint8Array.from((doc['r'] as Binary).buffer.subarray(0, 32)), nonce);
  assert.ok(doc['p'] instanceof Int32 && doc['p'].value === 110);
  // Element type bytes as written: 0x05 binary for r, 0x10 int32 for p (never 0x01 double or 0x12 int64).
  assert.equal(bytes[4], 0x05);
  assert.equal(bytes[4 + 1 + 2 + 4 + 1 + 32], 0x10);
  fails(() => encodeClientFirst(new Uint8Array(31)), 'ERR_INVALID_SIGNING_INPUT', 'r');
});

test('spec vector shape: a 102-byte server-first with s = nonce + 32 bytes and h = sts.amazonaws.com is accepted', () => {
  const s = Buffer.concat([SPEC_NONCE, Buffer.alloc(32, 7)]);
  const bytes = serverFirstBytes(s, 'sts.amazonaws.com');
  assert.equal(bytes.length, 102);
  const parsed = parseServerFirst(bytes, SPEC_NONCE);
  assert.deepEqual(Buffer.from(parsed.serverNonce), s);
  assert.equal(parsed.host, 'sts.amazonaws.com');
});

test('server-first that is not one BSON document is ERR_INVALID_SASL_PAYLOAD', () => {
  const good = serverFirstBytes(serverNonce, 'sts.amazonaws.com');
  fails(() => parseServerFirst(new Uint8Array(0), nonce), 'ERR_INVALID_SASL_PAYLOAD', 'payload');
  fails(() => parseServerFirst(good.subarray(0, good.length - 1), nonce), 'ERR_INVALID_SASL_PAYLOAD');
  fails(() => parseServerFirst(Buffer.concat([good, Buffer.from([0])]), nonce), 'ERR_INVALID_SASL_PAYLOAD');
  fails(() => parseServerFirst(Buffer.from('not bson at all'), nonce), 'ERR_INVALID_SASL_PAYLOAD');
  fails(() => parseServerFirst('AAAA' as unknown as Uint8Array, nonce), 'ERR_INVALID_SASL_PAYLOAD');
  const big = serverFirstBytes(serverNonce, 'sts.amazonaws.com', { pad: 'x'.repeat(MAX_SERVER_PAYLOAD_BYTES) });
  fails(() => parseServerFirst(big, nonce), 'ERR_INVALID_SASL_PAYLOAD');
  const badUtf8 = Buffer.from(serverFirstBytes(serverNonce, 'sts.amazonaws.cXm'));
  badUtf8[badUtf8.length - 4] = 0xff;
  fails(() => parseServerFirst(badUtf8, nonce), 'ERR_INVALID_SASL_PAYLOAD');
});

test('server nonce rules: BinData subtype 0, exactly 64 bytes, first 32 equal the client nonce; one fixed message', () => {
  const message = 'server nonce is invalid';
  const cases: Array<Uint8Array | Record<string, unknown>> = [
    BSON.serialize({ h: 'sts.amazonaws.com' }),
    BSON.serialize({ s: serverNonce.toString('base64'), h: 'sts.amazonaws.com' }),
    BSON.serialize({ s: new Binary(serverNonce, 0x80), h: 'sts.amazonaws.com' }),
    BSON.serialize({ s: new Binary(serverNonce, 2), h: 'sts.amazonaws.com' }),
    serverFirstBytes(serverNonce.subarray(0, 63), 'sts.amazonaws.com'),
    serverFirstBytes(Buffer.concat([serverNonce, Buffer.from([1])]), 'sts.amazonaws.com'),
    serverFirstBytes(nonce, 'sts.amazonaws.com'),
  ];
  for (const flip of [0, 17, 31]) {
    const s = Buffer.from(serverNonce);
    s[flip] = (s[flip] as number) ^ 1;
    cases.push(serverFirstBytes(s, 'sts.amazonaws.com'));
  }
  for (const bytes of cases) fails(() => parseServerFirst(bytes as Uint8Array, nonce), 'ERR_INVALID_SERVER_NONCE', 's', message);
  // A client nonce of the wrong length can never match.
  fails(() => parseServerFirst(serverFirstBytes(serverNonce, 'sts.amazonaws.com'), nonce.subarray(0, 31)), 'ERR_INVALID_SERVER_NONCE');
  // Changing the server half is fine: only the prefix is bound to the client.
  const other = Buffer.concat([nonce, Buffer.alloc(32, 1)]);
  assert.deepEqual(Buffer.from(parseServerFirst(serverFirstBytes(other, 'sts.amazonaws.com'), nonce).serverNonce), other);
});

test('STS host rules on server-first: a string of 1-255 bytes with no empty label → else ERR_INVALID_STS_HOST', () => {
  for (const h of ['', 'a'.repeat(256), 'sts..com', '.sts.com', 'sts.com.', 42, null, new Binary(Buffer.from('sts.amazonaws.com'), 0)]) {
    fails(() => parseServerFirst(serverFirstBytes(serverNonce, h), nonce), 'ERR_INVALID_STS_HOST', 'h');
  }
  fails(() => parseServerFirst(BSON.serialize({ s: new Binary(serverNonce, 0) }), nonce), 'ERR_INVALID_STS_HOST');
  assert.equal(parseServerFirst(serverFirstBytes(serverNonce, 'a'.repeat(255)), nonce).host.length, 255);
});

test('extra server-first fields are ignored (current spec is silent; SPEC-1646 removed the rejection)', () => {
  const parsed = parseServerFirst(serverFirstBytes(serverNonce, 'sts.us-east-2.amazonaws.com', { x: 1, o: { nested: true } }), nonce);
  assert.equal(parsed.host, 'sts.us-east-2.amazonaws.com');
});

test('client-final without a token is exactly { a: string, d: string }: t is absent, not empty or null', () => {
  const bytes = encodeClientFinal({ authorization: 'AWS4-HMAC-SHA256 Credential=x', date: '20191112T210122Z' });
  const doc = BSON.deserialize(bytes, { promoteValues: false });
  assert.deepEqual(Object.keys(doc), ['a', 'd']);
  assert.equal(typeof doc['a'], 'string');
  assert.equal(doc['d'], '20191112T210122Z');
  assert.equal(Object.hasOwn(doc, 't'), false);
});

test('client-final with a token carries t as a string', () => {
  const doc = BSON.deserialize(encodeClientFinal({ authorization: 'A', date: 'D', sessionToken: 'AQoDYXdzEJ' }));
  assert.deepEqual(doc, { a: 'A', d: 'D', t: 'AQoDYXdzEJ' });
});

test('spec vector shape: the spec client-second (a with a 64-hex signature, d, no t) is a 301-byte document', () => {
  const a =
    'AWS4-HMAC-SHA256 Credential=AKIAICGVLKOKZVY3X3DA/20191112/us-east-1/sts/aws4_request, ' +
    'SignedHeaders=content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce, ' +
    `Signature=8a1244fc${'0'.repeat(52)}2b2e`;
  assert.equal(encodeClientFinal({ authorization: a, date: '20191112T210122Z' }).length, 301);
});

test('binarySubtype0 accepts only BinData subtype 0 and decodePayload keeps BSON types', () => {
  assert.deepEqual(Uint8Array.from(binarySubtype0(new Binary(Buffer.from([1, 2]), 0)) ?? []), Uint8Array.from([1, 2]));
  for (const v of [null, 1, 'x', Buffer.from([1]), new Binary(Buffer.from([1]), 4), { _bsontype: 'Binary', sub_type: 0, buffer: 'x', position: 1 }]) {
    assert.equal(binarySubtype0(v), undefined);
  }
  const doc = decodePayload(BSON.serialize({ i: new Int32(1), d: new Double(1), l: Long.fromNumber(1) }));
  assert.ok(doc['i'] instanceof Int32 && doc['d'] instanceof Double && doc['l'] instanceof Long);
});

test('fuzz: server-first parsing of arbitrary bytes throws nothing but MongoAwsError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        parseServerFirst(bytes, nonce);
        assert.fail('random bytes were accepted');
      } catch (error) {
        if (!MongoAwsError.isMongoAwsError(error)) throw error;
      }
    }),
    { seed: 42, numRuns: 2000 },
  );
});

test('fuzz: server-first documents with arbitrary s and h are accepted exactly when the rules hold', () => {
  const sArb = fc.oneof(
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((tail) => Buffer.concat([nonce, tail])),
    fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b)),
  );
  const hArb = fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[a-z0-9.-]{0,30}$/), fc.integer(), fc.constant(null));
  fc.assert(
    fc.property(sArb, fc.integer({ min: 0, max: 255 }), hArb, (s, subtype, h) => {
      const sub = subtype < 200 ? 0 : subtype;
      const bytes = BSON.serialize({ s: new Binary(s, sub), h });
      try {
        const parsed = parseServerFirst(bytes, nonce);
        assert.equal(sub, 0);
        assert.equal(parsed.serverNonce.length, 64);
        assert.deepEqual(Buffer.from(parsed.serverNonce.subarray(0, 32)), Buffer.from(nonce));
        assert.equal(parsed.host, h);
      } catch (error) {
        if (!MongoAwsError.isMongoAwsError(error)) throw error;
        assert.ok(['ERR_INVALID_SERVER_NONCE', 'ERR_INVALID_STS_HOST'].includes(error.code));
      }
    }),
    { seed: 7, numRuns: 2000 },
  );
});
