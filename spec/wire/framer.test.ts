import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageFramer, encodeOpMsg, decodeMessage, type OpMsg } from '../../lib/wire/message.js';
import { MongoAwsError } from '../../lib/errors.js';

const messages = [1, 2, 3].map((n) => encodeOpMsg({ requestId: n, body: { ping: n, pad: 'x'.repeat(n * 10) } }));
const stream = Buffer.concat(messages);

function isWireError(err: unknown): boolean {
  return MongoAwsError.isMongoAwsError(err) && err.code === 'ERR_WIRE_PROTOCOL' && err.field === 'messageLength';
}

test('framer yields whole messages from one-byte chunks, with the header itself split', () => {
  const framer = new MessageFramer();
  const out: Uint8Array[] = [];
  for (const byte of stream) out.push(...framer.push(Uint8Array.of(byte)));
  assert.equal(out.length, 3);
  out.forEach((m, i) => assert.deepEqual(m, messages[i]));
  assert.equal(framer.buffered, 0);
});

test('framer yields several messages from one chunk and keeps a partial tail', () => {
  const framer = new MessageFramer();
  const out = framer.push(stream.subarray(0, stream.length - 5));
  assert.equal(out.length, 2);
  assert.equal(framer.buffered, messages[2]!.length - 5);
  assert.deepEqual(framer.push(new Uint8Array(0)), []);
  const last = framer.push(stream.subarray(stream.length - 5));
  assert.equal((decodeMessage(last[0]!).message as OpMsg).body['ping'], 3);
});

test('framer refuses lengths below the header size or above the cap, and stays failed', () => {
  const tiny = new MessageFramer();
  assert.throws(() => tiny.push(Uint8Array.of(8, 0, 0, 0)), isWireError);
  assert.throws(() => tiny.push(messages[0]!), isWireError);
  const capped = new MessageFramer({ maxMessageSize: 20 });
  assert.equal(capped.maxMessageSize, 20);
  assert.throws(() => capped.push(messages[0]!), isWireError);
  const negative = new MessageFramer();
  assert.throws(() => negative.push(Uint8Array.of(0xff, 0xff, 0xff, 0xff)), isWireError);
});
