import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MessageFramer, decodeMessage, encodeOpMsg, encodeOpQuery, encodeOpReply, OP_MSG, OP_QUERY, OP_REPLY } from '../../lib/wire/message.js';
import { MongoAwsError } from '../../lib/errors.js';

const SEED = 20261128;
/** fast-check builds null-prototype objects; compare values only (all generated values are JSON-safe). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function onlyWireErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    assert.ok(MongoAwsError.isMongoAwsError(err), `threw a non-MongoAwsError: ${String(err)}`);
    assert.equal(err.code, 'ERR_WIRE_PROTOCOL');
  }
}

const key = fc.string({ maxLength: 8 }).filter((k) => !k.includes('\0') && k !== '__proto__');
const value = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null));
const document = fc.dictionary(key, value, { maxKeys: 6 });

test('fuzz: arbitrary bytes never throw anything but ERR_WIRE_PROTOCOL', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => onlyWireErrors(() => decodeMessage(bytes))), { seed: SEED, numRuns: 2000 });
});

test('fuzz: bytes behind a well-formed header of each opCode never throw anything but ERR_WIRE_PROTOCOL', () => {
  const opCode = fc.constantFrom(OP_MSG, OP_QUERY, OP_REPLY);
  fc.assert(
    fc.property(opCode, fc.uint8Array({ maxLength: 200 }), (op, body) => {
      const bytes = Buffer.alloc(16 + body.length);
      bytes.writeInt32LE(bytes.length, 0);
      bytes.writeInt32LE(op, 12);
      Buffer.from(body).copy(bytes, 16);
      onlyWireErrors(() => decodeMessage(bytes));
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test('fuzz: mutating one byte of a valid message never throws anything but ERR_WIRE_PROTOCOL', () => {
  const valid = [
    encodeOpMsg({ requestId: 1, body: { hello: 1, $db: 'admin' }, sequences: [{ identifier: 'd', documents: [{ a: 'b' }] }], checksum: false }),
    encodeOpQuery({ requestId: 2, collection: 'admin.$cmd', query: { isMaster: 1 }, fields: { x: 1 } }),
    encodeOpReply({ requestId: 3, responseTo: 2, documents: [{ ok: 1, s: 'text' }] }),
  ];
  fc.assert(
    fc.property(fc.constantFrom(...valid), fc.nat(), fc.integer({ min: 0, max: 255 }), (message, at, byte) => {
      const copy = Uint8Array.from(message);
      copy[at % copy.length] = byte;
      onlyWireErrors(() => decodeMessage(copy));
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test('fuzz: OP_MSG round-trips random documents, sequences and checksums through arbitrary chunking', () => {
  fc.assert(
    fc.property(
      document,
      fc.array(fc.record({ identifier: fc.string({ maxLength: 6 }).filter((s) => !s.includes('\0')), documents: fc.array(document, { maxLength: 3 }) }), { maxLength: 2 }),
      fc.boolean(),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
      (body, sequences, checksum, cuts) => {
        const bytes = encodeOpMsg({ requestId: 5, body, sequences, checksum });
        const framer = new MessageFramer();
        const out: Uint8Array[] = [];
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const n = cuts[i % cuts.length]!;
          out.push(...framer.push(bytes.subarray(at, at + n)));
          at += n;
        }
        assert.equal(out.length, 1);
        const decoded = decodeMessage(out[0]!).message;
        assert.equal(decoded.opCode, OP_MSG);
        if (decoded.opCode !== OP_MSG) return;
        assert.deepEqual(plain(decoded.body), plain(body));
        assert.deepEqual(plain(decoded.sequences), plain(sequences));
      },
    ),
    { seed: SEED, numRuns: 500 },
  );
});
