import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMongod } from '../../lib/emulator/mongod.js';
import { encodeOpMsg, encodeOpReply, MSG_MORE_TO_COME, OP_REPLY, type OpMsg } from '../../lib/wire/message.js';
import { MongoAwsError } from '../../lib/errors.js';
import { mongodFixture, RawClient } from './raw-client.js';
import { authenticate, clientFirst, decodePayload } from './aws-sasl-client.js';

const fixture = mongodFixture();
const { registry, user, client, clients } = fixture;

test('startMongod listens on a loopback ephemeral port and reports its uri', () => {
  assert.equal(fixture.mongod().host, '127.0.0.1');
  assert.ok(fixture.mongod().port > 0);
  assert.equal(fixture.mongod().uri, `mongodb://127.0.0.1:${fixture.mongod().port}/`);
});

test('legacy OP_QUERY isMaster on admin.$cmd gets an OP_REPLY hello for driver handshakes', async () => {
  const c = await client();
  const reply = await c.query('admin.$cmd', { isMaster: 1, helloOk: true, client: { driver: { name: 'test' } } });
  assert.equal(reply.opCode, OP_REPLY);
  const doc = reply.documents[0]!;
  assert.equal(doc['ismaster'], true);
  assert.equal(doc['helloOk'], true);
  assert.equal(doc['ok'], 1);
  assert.ok((doc['maxWireVersion'] as number) >= 9);
  assert.equal(doc['minWireVersion'], 0);
  assert.equal(doc['maxBsonObjectSize'], 16 * 1024 * 1024);
  assert.equal(doc['maxMessageSizeBytes'], 48_000_000);
  assert.equal(doc['maxWriteBatchSize'], 100_000);
  assert.equal(doc['logicalSessionTimeoutMinutes'], 30);
  assert.ok(doc['localTime'] instanceof Date);
  assert.equal(typeof doc['connectionId'], 'number');
  const wrapped = await c.query('admin.$cmd', { $query: { ismaster: 1 }, $readPreference: { mode: 'primary' } });
  assert.equal(wrapped.documents[0]!['ismaster'], true);
  assert.equal(wrapped.documents[0]!['helloOk'], undefined);
});

test('legacy OP_QUERY is refused with 352 for anything but hello', async () => {
  const c = await client();
  const reply = await c.query('admin.$cmd', { ping: 1 });
  assert.deepEqual({ ...reply.documents[0], errmsg: undefined }, { ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand', errmsg: undefined });
  assert.equal((await c.query('test.coll', { hello: 1 })).documents[0]!['code'], 352);
});

test('OP_MSG hello reports isWritablePrimary; unauthenticated ping, buildInfo, connectionStatus and endSessions work', async () => {
  const c = await client();
  const hello = await c.command('admin', { hello: 1 });
  assert.equal(hello['isWritablePrimary'], true);
  assert.equal(hello['ismaster'], undefined);
  assert.deepEqual(await c.command('admin', { ping: 1 }), { ok: 1 });
  const info = await c.command('admin', { buildInfo: 1 });
  assert.equal(info['version'], '8.0.0');
  assert.deepEqual(info['versionArray'], [8, 0, 0, 0]);
  assert.equal((await c.command('admin', { buildinfo: 1 }))['ok'], 1);
  assert.deepEqual(await c.command('admin', { connectionStatus: 1 }), { authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 });
  assert.deepEqual(await c.command('admin', { endSessions: [] }), { ok: 1 });
});

test('a command before authentication is refused with 13; an unknown command with 59; no $db with 40571', async () => {
  const c = await client();
  assert.deepEqual(await c.command('test', { find: 'c' }), { ok: 0, code: 13, codeName: 'Unauthorized', errmsg: 'command find requires authentication' });
  assert.equal((await c.command('admin', { insert: 'c', documents: [] }))['code'], 13);
  assert.deepEqual(await c.command('admin', { frobnicate: 1 }), { ok: 0, code: 59, codeName: 'CommandNotFound', errmsg: "no such command: 'frobnicate'" });
  const requestId = c.requestId();
  c.send(encodeOpMsg({ requestId, body: { ping: 1 } }));
  assert.equal(((await c.next()).message as OpMsg).body['code'], 40571);
});

test('moreToCome requests get no reply; document sequences are accepted', async () => {
  const c = await client();
  c.send(encodeOpMsg({ requestId: c.requestId(), flags: MSG_MORE_TO_COME, body: { ping: 1, $db: 'admin' } }));
  const requestId = c.requestId();
  c.send(encodeOpMsg({ requestId, body: { ping: 1, $db: 'admin' }, sequences: [{ identifier: 'ids', documents: [{ id: 1 }] }] }));
  const reply = await c.next();
  assert.equal(reply.header.responseTo, requestId);
});

test('a malformed message or a client OP_REPLY closes the connection', async () => {
  const garbage = await client();
  garbage.send(Buffer.from([4, 0, 0, 0, 1, 2, 3, 4]));
  await garbage.closed;
  const bad = await client();
  const msg = Buffer.from(encodeOpMsg({ requestId: 1, body: { ping: 1, $db: 'admin' } }));
  msg.writeUInt32LE(1 << 3, 16);
  bad.send(msg);
  await bad.closed;
  const reply = await client();
  reply.send(encodeOpReply({ requestId: 1, responseTo: 0, documents: [] }));
  await reply.closed;
  await assert.rejects(reply.next(), /connection closed/);
});

test('fault knobs: forced error code, closed connection, latency', async () => {
  const c = await client();
  fixture.mongod().faults.errorOnCommand = { command: 'ping', code: 91, codeName: 'ShutdownInProgress', errmsg: 'shutting down' };
  assert.deepEqual(await c.command('admin', { ping: 1 }), { ok: 0, errmsg: 'shutting down', code: 91, codeName: 'ShutdownInProgress' });
  fixture.mongod().faults.errorOnCommand = { command: 'PING', code: 1 };
  assert.deepEqual(await c.command('admin', { ping: 1 }), { ok: 0, errmsg: 'error injected by the emulator', code: 1, codeName: 'InjectedFault' });
  delete fixture.mongod().faults.errorOnCommand;
  fixture.mongod().faults.latencyMs = 5;
  assert.deepEqual(await c.command('admin', { ping: 1 }), { ok: 1 });
  delete fixture.mongod().faults.latencyMs;
  fixture.mongod().faults.closeOnCommand = 'saslStart';
  await assert.rejects(c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() }), /connection closed/);
  const legacy = await client();
  fixture.mongod().faults.closeOnCommand = 'isMaster';
  await assert.rejects(legacy.query('admin.$cmd', { isMaster: 1 }), /connection closed/);
  delete fixture.mongod().faults.closeOnCommand;
});

test('connections are counted and closed by close()', async () => {
  assert.ok(fixture.mongod().connections.accepted >= clients.length);
  assert.ok(fixture.mongod().connections.open >= 1);
  const own = await startMongod({ registry, stsHost: 'sts.eu-west-1.amazonaws.com', faults: {}, maxMessageSize: 1024, now: () => Date.now() });
  const c = await RawClient.connect(own.port);
  const start = await c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() });
  assert.equal(decodePayload(start)['h'], 'sts.eu-west-1.amazonaws.com');
  assert.equal((await authenticate(c, user))['done'], true);
  c.send(encodeOpMsg({ requestId: 1, body: { ping: 1, $db: 'admin', pad: 'x'.repeat(2000) } }));
  await c.closed;
  await own.close();
  assert.equal(own.connections.open, 0);
});

test('startMongod refuses an unusable stsHost', async () => {
  for (const stsHost of ['', 'a b', 'host/path']) {
    await assert.rejects(startMongod({ registry, stsHost }), (e: unknown) => MongoAwsError.isMongoAwsError(e) && e.code === 'ERR_INVALID_ARGUMENT' && e.field === 'stsHost');
  }
});
