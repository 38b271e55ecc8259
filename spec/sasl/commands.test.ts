import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Binary, Double, Int32, Long } from 'bson';
import { MongoAwsError } from '../../lib/errors.js';
import { numericValue, parseSaslReply, saslContinueCommand, saslStartCommand } from '../../lib/sasl/commands.js';

const bytes = Uint8Array.from([1, 2, 3]);

function fails(reply: unknown, code: string, field?: string): MongoAwsError {
  let caught: MongoAwsError | undefined;
  assert.throws(
    () => parseSaslReply(reply, 'saslStart'),
    (error: unknown) => {
      assert.ok(MongoAwsError.isMongoAwsError(error));
      assert.equal(error.code, code);
      if (field !== undefined) assert.equal(error.field, field);
      caught = error;
      return true;
    },
  );
  return caught as MongoAwsError;
}

test('saslStart is { saslStart: 1, mechanism: MONGODB-AWS, payload: BinData(0), autoAuthorize: 1 }, in that order', () => {
  const cmd = saslStartCommand(bytes);
  assert.deepEqual(Object.keys(cmd), ['saslStart', 'mechanism', 'payload', 'autoAuthorize']);
  assert.equal(cmd['saslStart'], 1);
  assert.equal(cmd['mechanism'], 'MONGODB-AWS');
  assert.equal(cmd['autoAuthorize'], 1);
  assert.ok(cmd['payload'] instanceof Binary && cmd['payload'].sub_type === 0);
  assert.deepEqual(Uint8Array.from(cmd['payload'].buffer.subarray(0, cmd['payload'].position)), bytes);
});

test('saslContinue echoes the server conversationId exactly (same value, same object)', () => {
  const id = new Int32(42);
  const cmd = saslContinueCommand(id, bytes);
  assert.deepEqual(Object.keys(cmd), ['saslContinue', 'conversationId', 'payload']);
  assert.equal(cmd['saslContinue'], 1);
  assert.equal(cmd['conversationId'], id);
  assert.ok(cmd['payload'] instanceof Binary && cmd['payload'].sub_type === 0);
});

test('a good reply yields conversationId, payload bytes and done, whatever numeric encoding ok uses', () => {
  for (const ok of [1, true, new Int32(1), new Double(1), Long.fromNumber(1)]) {
    const r = parseSaslReply({ conversationId: 3, payload: new Binary(bytes, 0), done: false, ok }, 'saslStart');
    assert.equal(r.conversationId, 3);
    assert.deepEqual(Uint8Array.from(r.payload), bytes);
    assert.equal(r.done, false);
  }
  const raw = parseSaslReply({ conversationId: new Int32(3), payload: Buffer.from(bytes), done: true, ok: 1 }, 'saslContinue');
  assert.equal(raw.done, true);
  assert.deepEqual(Uint8Array.from(raw.payload), bytes);
  assert.equal(parseSaslReply({ conversationId: 1, payload: bytes, ok: 1 }, 'saslStart').done, false);
});

test('ok: 0 is ERR_AUTHENTICATION_FAILED with serverCode and codeName as remoteCode; errmsg is not repeated', () => {
  const error = fails({ ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'secret-ish server text' }, 'ERR_AUTHENTICATION_FAILED');
  assert.equal(error.serverCode, 18);
  assert.equal(error.remoteCode, 'AuthenticationFailed');
  assert.equal(error.name, 'MongoAwsServerError');
  assert.ok(!error.message.includes('secret-ish'));
  const odd = fails({ ok: new Double(0), code: 1.5, codeName: 'not a\nname' }, 'ERR_AUTHENTICATION_FAILED');
  assert.equal(odd.serverCode, undefined);
  assert.equal(odd.remoteCode, undefined);
  assert.equal(fails({ ok: false, code: new Int32(334), codeName: 'x'.repeat(65) }, 'ERR_AUTHENTICATION_FAILED').serverCode, 334);
});

test('missing or mistyped reply fields are ERR_INVALID_SASL_PAYLOAD naming the field', () => {
  const good = { conversationId: 1, payload: new Binary(bytes, 0), done: false, ok: 1 };
  fails(null, 'ERR_INVALID_SASL_PAYLOAD', 'document');
  fails([good], 'ERR_INVALID_SASL_PAYLOAD', 'document');
  fails('x', 'ERR_INVALID_SASL_PAYLOAD', 'document');
  fails({ ...good, ok: undefined }, 'ERR_INVALID_SASL_PAYLOAD', 'ok');
  fails({ ...good, ok: '1' }, 'ERR_INVALID_SASL_PAYLOAD', 'ok');
  fails({ ...good, ok: NaN }, 'ERR_INVALID_SASL_PAYLOAD', 'ok');
  fails({ ...good, conversationId: undefined }, 'ERR_INVALID_SASL_PAYLOAD', 'conversationId');
  fails({ ...good, conversationId: 'abc' }, 'ERR_INVALID_SASL_PAYLOAD', 'conversationId');
  fails({ ...good, conversationId: true }, 'ERR_INVALID_SASL_PAYLOAD', 'conversationId');
  fails({ ...good, payload: undefined }, 'ERR_INVALID_SASL_PAYLOAD', 'payload');
  fails({ ...good, payload: 'AQID' }, 'ERR_INVALID_SASL_PAYLOAD', 'payload');
  fails({ ...good, payload: new Binary(bytes, 4) }, 'ERR_INVALID_SASL_PAYLOAD', 'payload');
  fails({ ...good, done: 1 }, 'ERR_INVALID_SASL_PAYLOAD', 'done');
  // Inherited properties do not count as fields.
  fails(Object.assign(Object.create({ ok: 1 }) as object, { conversationId: 1, payload: bytes }), 'ERR_INVALID_SASL_PAYLOAD', 'ok');
});

test('numericValue reads numbers, booleans and bson numeric types from any copy, nothing else', () => {
  assert.equal(numericValue(2), 2);
  assert.equal(numericValue(false), 0);
  assert.equal(numericValue({ _bsontype: 'Int32', value: 5 }), 5);
  assert.equal(numericValue(Long.fromNumber(7)), 7);
  for (const v of [null, undefined, '1', {}, { _bsontype: 'Int32', value: '5' }, { _bsontype: 'Long' }]) assert.equal(numericValue(v), undefined);
});
