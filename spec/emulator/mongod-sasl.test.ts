import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Binary, Double, Int32, serialize } from 'bson';
import { mongodFixture } from './raw-client.js';
import { authenticate, clientFirst, clientSecond, decodePayload } from './aws-sasl-client.js';

const fixture = mongodFixture();
const { registry, user, client } = fixture;

test('MONGODB-AWS with permanent keys authenticates as the user ARN; connectionStatus reports it', async () => {
  const c = await client();
  const reply = await authenticate(c, user);
  assert.equal(reply['ok'], 1);
  assert.equal(reply['done'], true);
  assert.equal(reply['conversationId'], 1);
  const status = await c.command('admin', { connectionStatus: 1 });
  assert.deepEqual(status['authInfo'], {
    authenticatedUsers: [{ user: 'arn:aws:iam::123456789012:user/alice', db: '$external' }],
    authenticatedUserRoles: [{ role: 'readWriteAnyDatabase', db: 'admin' }],
  });
  assert.deepEqual(await c.command('admin', { listDatabases: 1 }), { databases: [], totalSize: 0, totalSizeMb: 0, ok: 1 });
  const found = await c.command('test', { find: 'c', filter: {} });
  assert.equal((found['cursor'] as { ns: string }).ns, 'test.c');
  assert.equal(((await c.command('test', { listCollections: 1 }))['cursor'] as { ns: string }).ns, 'test.$cmd.listCollections');
  assert.deepEqual(await c.command('test', { insert: 'c', documents: [{}] }), { ok: 0, code: 115, codeName: 'CommandNotSupported', errmsg: 'command insert is not supported by the emulator' });
  const event = fixture.mongod().connections.authentications.at(-1)!;
  assert.equal(event.ok, true);
  assert.equal(event.user, 'arn:aws:iam::123456789012:user/alice');
});

test('temporary credentials of an assumed role authenticate as the role ARN, like mongod maps them', async () => {
  const role = registry.addRole({ roleArn: 'arn:aws:iam::123456789012:role/app' });
  const creds = registry.issueTemporary(role.roleArn, { sessionName: 'pod-7' });
  const c = await client();
  assert.equal((await authenticate(c, creds))['done'], true);
  const status = await c.command('admin', { connectionStatus: 1 });
  assert.deepEqual((status['authInfo'] as { authenticatedUsers: unknown }).authenticatedUsers, [{ user: 'arn:aws:iam::123456789012:role/app', db: '$external' }]);
  assert.equal(fixture.mongod().connections.authentications.at(-1)!.callerArn, 'arn:aws:sts::123456789012:assumed-role/app/pod-7');
});

test('server-first carries s = client nonce + 32 random bytes and h = the STS host', async () => {
  const c = await client();
  const r = randomBytes(32);
  const start = await c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst(r) });
  assert.equal(start['done'], false);
  const first = decodePayload(start);
  const s = (first['s'] as Binary).buffer;
  assert.equal(s.length, 64);
  assert.deepEqual(Buffer.from(s.subarray(0, 32)), r);
  assert.equal(first['h'], 'sts.amazonaws.com');
  assert.equal((first['s'] as Binary).sub_type, 0);
});

test('saslStart refusals: unknown mechanism 334, wrong database 2, missing mechanism 40414', async () => {
  const c = await client();
  const scram = await c.command('admin', { saslStart: 1, mechanism: 'SCRAM-SHA-256', payload: new Binary(Buffer.from('n,,n=u,r=x')) });
  assert.deepEqual({ code: scram['code'], codeName: scram['codeName'] }, { code: 334, codeName: 'MechanismUnavailable' });
  const admin = await c.command('admin', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() });
  assert.deepEqual([admin['code'], admin['errmsg']], [2, "Unsupported mechanism 'MONGODB-AWS' on authentication database 'admin'"]);
  assert.equal((await c.command('$external', { saslStart: 1, payload: clientFirst() }))['code'], 40414);
});

test('client-first with a bad r or p is refused with 18 AuthenticationFailed', async () => {
  const c = await client();
  const refused = { ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.' };
  const start = (payload: unknown) => c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload });
  assert.deepEqual(await start(clientFirst(randomBytes(31))), refused);
  assert.deepEqual(await start(clientFirst(randomBytes(32), new Int32(121))), refused);
  assert.deepEqual(await start(clientFirst(randomBytes(32), new Double(110))), refused);
  assert.deepEqual(await start(clientFirst(randomBytes(32), 'n')), refused);
  assert.deepEqual(await start(new Binary(serialize({ r: new Binary(randomBytes(32), 4), p: new Int32(110) }))), refused);
  assert.deepEqual(await start(new Binary(Buffer.from([1, 2, 3]))), refused);
  assert.deepEqual(await start('base64-string'), refused);
  assert.equal(fixture.mongod().connections.authentications.at(-1)!.reason, 'client-first payload is not a BSON document');
});

async function continueWith(bend: Parameters<typeof clientSecond>[2], creds = user as { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, extra: object = {}) {
  const c = await client();
  const start = await c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() });
  const second = { ...clientSecond(decodePayload(start), creds, bend), ...extra };
  const reply = await c.command('$external', { saslContinue: 1, conversationId: 1, payload: new Binary(serialize(second)) });
  return { reply, reason: fixture.mongod().connections.authentications.at(-1)!.reason, c };
}

test('wrong nonce, wrong host and a bad signature each end in 18 with the generic message', async () => {
  const nonce = await continueWith({ nonce: randomBytes(64) });
  assert.deepEqual(nonce.reply, { ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.' });
  assert.equal(nonce.reason, 'SignatureDoesNotMatch');
  const host = await continueWith({ host: 'sts.us-west-2.amazonaws.com' });
  assert.equal(host.reply['code'], 18);
  assert.equal(host.reason, 'SignatureDoesNotMatch');
  const secret = await continueWith({}, { accessKeyId: user.accessKeyId, secretAccessKey: 'wrong' });
  assert.equal(secret.reply['code'], 18);
  assert.equal(secret.reason, 'SignatureDoesNotMatch');
  const unknown = await continueWith({}, { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' });
  assert.equal(unknown.reason, 'InvalidClientTokenId');
  // the connection stays unauthenticated
  assert.equal((await secret.c.command('test', { find: 'c' }))['code'], 13);
});

test('a signature that leaves out the binding headers is refused even if otherwise valid', async () => {
  const base = ['content-length', 'content-type', 'host', 'x-amz-date'];
  const noNonce = await continueWith({ signed: [...base, 'x-mongodb-gs2-cb-flag'] });
  assert.equal(noNonce.reply['code'], 18);
  assert.equal(noNonce.reason, 'x-mongodb-server-nonce is not signed');
  const noFlag = await continueWith({ signed: [...base, 'x-mongodb-server-nonce'] });
  assert.equal(noFlag.reason, 'x-mongodb-gs2-cb-flag is not signed');
});

test('session tokens must match the key: a missing or an unexpected token is refused', async () => {
  const creds = registry.issueTemporary(registry.addRole({ roleArn: 'arn:aws:iam::123456789012:role/tok' }).roleArn);
  assert.equal((await continueWith({ sendToken: false }, creds)).reply['code'], 18);
  assert.equal((await continueWith({ sendToken: true })).reason, 'InvalidClientTokenId');
  assert.equal((await continueWith({}, creds)).reply['done'], true);
});

test('client-second must be {a, d[, t]} strings without control characters', async () => {
  assert.equal((await continueWith({}, user, { o: 'extra' })).reason, 'client-second fields are not {a, d[, t]} strings');
  assert.equal((await continueWith({}, user, { d: 20251215 })).reply['code'], 18);
  assert.equal((await continueWith({}, user, { t: 7 })).reply['code'], 18);
  assert.equal((await continueWith({}, user, { d: '20251215T123456Z\r\nx-evil: 1' })).reason, 'control character in a header value');
  const c = await client();
  await c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() });
  assert.equal((await c.command('$external', { saslContinue: 1, conversationId: 1, payload: new Binary(Buffer.from([9])) }))['code'], 18);
});

test('saslContinue outside a conversation, with another conversationId or database, is a ProtocolError 17', async () => {
  const c = await client();
  assert.equal((await c.command('$external', { saslContinue: 1, conversationId: 1, payload: new Binary(Buffer.alloc(5)) }))['code'], 17);
  await c.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() });
  assert.equal((await c.command('$external', { saslContinue: 1, conversationId: 2, payload: new Binary(Buffer.alloc(5)) }))['code'], 17);
  assert.equal((await c.command('admin', { saslContinue: 1, conversationId: 1, payload: new Binary(Buffer.alloc(5)) }))['code'], 17);
});

test('a stale X-Amz-Date is refused through the STS clock check', async () => {
  const stale = await continueWith({ date: new Date(Date.now() - 20 * 60 * 1000) });
  assert.equal(stale.reply['code'], 18);
  assert.equal(stale.reason, 'SignatureDoesNotMatch');
});
