import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, Long, serialize } from 'bson';
import {
  crc32c,
  decodeMessage,
  encodeOpMsg,
  encodeOpQuery,
  encodeOpReply,
  readHeader,
  MSG_EXHAUST_ALLOWED,
  MSG_MORE_TO_COME,
  MSG_CHECKSUM_PRESENT,
  OP_COMPRESSED,
  OP_MSG,
  OP_QUERY,
  OP_REPLY,
  type OpMsg,
  type OpQuery,
  type OpReply,
} from '../../lib/wire/message.js';
import { MongoAwsError } from '../../lib/errors.js';

function wireCode(field: string) {
  return (err: unknown) => {
    assert.ok(MongoAwsError.isMongoAwsError(err), `not a MongoAwsError: ${String(err)}`);
    assert.equal(err.code, 'ERR_WIRE_PROTOCOL');
    assert.equal(err.field, field);
    return true;
  };
}

/** A hand-built message: header with the given opCode around `body`, lengths computed. */
function raw(opCode: number, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  const out = Buffer.alloc(16 + body.length);
  out.writeInt32LE(out.length, 0);
  out.writeInt32LE(7, 4);
  out.writeInt32LE(0, 8);
  out.writeInt32LE(opCode, 12);
  body.copy(out, 16);
  return out;
}
const i32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};
const doc = (d: object) => serialize(d);

test('crc32c matches the Castagnoli check value', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(0)), 0);
});

test('OP_MSG round-trips its body, document sequences, flags and header ids', () => {
  const bytes = encodeOpMsg({
    requestId: 42,
    responseTo: 41,
    flags: MSG_EXHAUST_ALLOWED,
    body: { insert: 'c', $db: 'test', payload: new Binary(Buffer.from([1, 2, 3])) },
    sequences: [{ identifier: 'documents', documents: [{ a: 1 }, { b: 'x' }] }, { identifier: 'empty', documents: [] }],
  });
  const { header, message } = decodeMessage(bytes);
  assert.deepEqual(header, { messageLength: bytes.length, requestId: 42, responseTo: 41, opCode: OP_MSG });
  const msg = message as OpMsg;
  assert.equal(msg.opCode, OP_MSG);
  assert.equal(msg.flags, MSG_EXHAUST_ALLOWED);
  assert.equal(msg.body['insert'], 'c');
  assert.deepEqual(Uint8Array.from((msg.body['payload'] as Binary).buffer), new Uint8Array([1, 2, 3]));
  assert.deepEqual(msg.sequences, [{ identifier: 'documents', documents: [{ a: 1 }, { b: 'x' }] }, { identifier: 'empty', documents: [] }]);
});

test('OP_MSG with a checksum is verified; any flipped bit is refused', () => {
  const bytes = encodeOpMsg({ requestId: 1, flags: MSG_MORE_TO_COME, body: { ping: 1, $db: 'admin' }, checksum: true });
  const msg = decodeMessage(bytes).message as OpMsg;
  assert.equal(msg.flags, MSG_MORE_TO_COME | MSG_CHECKSUM_PRESENT);
  assert.deepEqual(msg.body, { ping: 1, $db: 'admin' });
  const flipped = Uint8Array.from(bytes);
  flipped[25] = flipped[25]! ^ 1;
  assert.throws(() => decodeMessage(flipped), wireCode('checksum'));
  // checksumPresent without room for the checksum
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(1), Uint8Array.of(0, 0))), wireCode('checksum'));
  // encoding without `checksum` clears a stray checksumPresent bit
  assert.equal((decodeMessage(encodeOpMsg({ requestId: 1, flags: 1, body: {} })).message as OpMsg).flags, 0);
});

test('OP_QUERY round-trips with and without a field selector', () => {
  const a = decodeMessage(encodeOpQuery({ requestId: 3, collection: 'admin.$cmd', query: { isMaster: 1 } }));
  assert.deepEqual(a.message, { opCode: OP_QUERY, flags: 0, collection: 'admin.$cmd', skip: 0, limit: -1, query: { isMaster: 1 } });
  const b = decodeMessage(encodeOpQuery({ requestId: 4, flags: 4, collection: 'db.c', skip: 2, limit: 5, query: {}, fields: { x: 1 } }));
  assert.deepEqual(b.message as OpQuery, { opCode: OP_QUERY, flags: 4, collection: 'db.c', skip: 2, limit: 5, query: {}, fields: { x: 1 } });
  assert.equal(b.header.responseTo, 0);
});

test('OP_REPLY round-trips documents and a 64-bit cursor id', () => {
  const bytes = encodeOpReply({ requestId: 9, responseTo: 3, flags: 8, cursorId: 2n ** 40n, startingFrom: 1, documents: [{ ok: 1 }, { n: Long.fromNumber(5) }] });
  const { header, message } = decodeMessage(bytes, { bson: { promoteLongs: false } });
  assert.equal(header.responseTo, 3);
  const reply = message as OpReply;
  assert.equal(reply.opCode, OP_REPLY);
  assert.equal(reply.cursorId, 2n ** 40n);
  assert.equal(reply.flags, 8);
  assert.equal(reply.startingFrom, 1);
  assert.equal(reply.documents.length, 2);
  assert.ok(reply.documents[1]!['n'] instanceof Long);
  const empty = decodeMessage(encodeOpReply({ requestId: 1, responseTo: 1, documents: [] })).message as OpReply;
  assert.deepEqual(empty, { opCode: OP_REPLY, flags: 0, cursorId: 0n, startingFrom: 0, documents: [] });
});

test('headers with impossible lengths, truncation and trailing bytes are ERR_WIRE_PROTOCOL', () => {
  assert.throws(() => decodeMessage(new Uint8Array(10)), wireCode('messageLength'));
  assert.throws(() => readHeader(Buffer.concat([i32(15), i32(0), i32(0), i32(OP_MSG)])), wireCode('messageLength'));
  assert.throws(() => readHeader(Buffer.concat([i32(1000), i32(0), i32(0), i32(OP_MSG)]), 999), wireCode('messageLength'));
  assert.throws(() => decodeMessage(Buffer.concat([i32(17), i32(0), i32(0), i32(OP_MSG)])), wireCode('messageLength'));
  const ok = encodeOpMsg({ requestId: 1, body: { ping: 1 } });
  assert.throws(() => decodeMessage(ok.subarray(0, ok.length - 1)), wireCode('messageLength'));
  assert.throws(() => decodeMessage(raw(OP_QUERY, i32(0), Buffer.from('a.$cmd\0'), i32(0), i32(1), doc({}), doc({}), Uint8Array.of(0))), wireCode('messageLength'));
  assert.throws(() => decodeMessage(raw(OP_COMPRESSED, i32(0))), wireCode('opCode'));
  assert.throws(() => decodeMessage(raw(2010)), wireCode('opCode'));
});

test('OP_MSG section rules: one body, known kinds, known required flag bits, sane sequence lengths', () => {
  const body = doc({ ping: 1 });
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(1 << 2), Uint8Array.of(0), body)), wireCode('flagBits'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0))), wireCode('sections'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), body, Uint8Array.of(0), body)), wireCode('sections'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(2), body)), wireCode('sections'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), body, Uint8Array.of(1), i32(4))), wireCode('sequenceSize'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), body, Uint8Array.of(1), i32(100), Buffer.from('x\0'))), wireCode('sequenceSize'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), body, Uint8Array.of(1), i32(6), Buffer.from('xy'))), wireCode('identifier'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), body, Uint8Array.of(1), i32(7), Buffer.from([0xff, 0xfe, 0]))), wireCode('identifier'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), body, Uint8Array.of(1), i32(8), Buffer.from('x\0'), Uint8Array.of(9, 0))), wireCode('documents'));
  // exhaustAllowed (bit 16) is optional: an unknown optional bit is accepted
  assert.equal((decodeMessage(raw(OP_MSG, i32(1 << 20), Uint8Array.of(0), body)).message as OpMsg).flags, 1 << 20);
});

test('documents with bad lengths or bad BSON are refused without echoing their bytes', () => {
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), i32(4), Uint8Array.of(0))), wireCode('body'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), i32(64), Uint8Array.of(0))), wireCode('body'));
  assert.throws(() => decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), Uint8Array.of(5, 0))), wireCode('body'));
  const secretish = Buffer.from([...i32(18), 0x02, 0x6b, 0, ...i32(7), ...Buffer.from('s3cret!'), 0]); // string without its NUL
  const err = (() => {
    try {
      decodeMessage(raw(OP_MSG, i32(0), Uint8Array.of(0), secretish));
    } catch (e) {
      return e as Error;
    }
    return undefined;
  })();
  assert.ok(err !== undefined && wireCode('body')(err));
  assert.ok(!err.message.includes('s3cret') && err.cause === undefined);
  assert.throws(() => decodeMessage(raw(OP_REPLY, i32(0), Buffer.alloc(8), i32(0), i32(-1))), wireCode('numberReturned'));
  assert.throws(() => decodeMessage(raw(OP_REPLY, i32(0), Buffer.alloc(8), i32(0), i32(3), doc({}))), wireCode('numberReturned'));
  assert.throws(() => decodeMessage(raw(OP_QUERY, i32(0), Buffer.from('no-terminator'))), wireCode('fullCollectionName'));
});

test('encoding refuses NUL in names, unencodable documents and oversized documents or messages', () => {
  assert.throws(() => encodeOpQuery({ requestId: 1, collection: 'a\0b', query: {} }), wireCode('fullCollectionName'));
  assert.throws(() => encodeOpMsg({ requestId: 1, body: {}, sequences: [{ identifier: 'a\0', documents: [] }] }), wireCode('identifier'));
  assert.throws(() => encodeOpMsg({ requestId: 1, body: { 'bad\0key': 1 } }), wireCode('body'));
  assert.throws(() => encodeOpReply({ requestId: 1, responseTo: 0, documents: [{ big: 'x'.repeat(16 * 1024 * 1024 + 16 * 1024) }] }), wireCode('documents'));
  const sixteen = { s: 'x'.repeat(16 * 1024 * 1024 - 100) };
  assert.throws(() => encodeOpMsg({ requestId: 1, body: {}, sequences: [{ identifier: 'd', documents: [sixteen, sixteen, sixteen] }] }), wireCode('messageLength'));
});
