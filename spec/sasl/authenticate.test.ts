import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BSON, Binary, Int32, type Document } from 'bson';
import { MongoAwsCredentialsError, MongoAwsError, MongoAwsServerError } from '../../lib/errors.js';
import { Secret } from '../../lib/secret.js';
import type { ResolvedCredentials } from '../../lib/types.js';
import { authenticate } from '../../lib/sasl/index.js';
import { SASL_TEST_HOOKS } from '../../lib/sasl/conversation.js';
import { fakeServer, payloadOf, serverFirstBytes } from './verifier.js';

const plain = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const resolved = (c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): ResolvedCredentials => ({
  accessKeyId: c.accessKeyId,
  secretAccessKey: new Secret(c.secretAccessKey),
  ...(c.sessionToken === undefined ? {} : { sessionToken: new Secret(c.sessionToken) }),
});

async function rejectsWith(promise: Promise<unknown>, code: string, check?: (e: MongoAwsError) => void): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(MongoAwsError.isMongoAwsError(error), 'a MongoAwsError');
    assert.equal(error.code, code);
    check?.(error);
    return true;
  });
}

test('authenticates with permanent credentials in two round trips on $external, echoing the conversationId', async () => {
  const server = fakeServer({ credentials: plain, conversationId: new Int32(7) });
  await authenticate(server.run, async () => resolved(plain));
  assert.deepEqual(server.calls.map((c) => [c.db, Object.keys(c.command)[0]]), [['$external', 'saslStart'], ['$external', 'saslContinue']]);
  const start = server.calls[0]?.command as Document;
  assert.equal(start['mechanism'], 'MONGODB-AWS');
  assert.equal(start['autoAuthorize'], 1);
  const final = BSON.deserialize(payloadOf(server.calls[1]?.command as Document));
  assert.equal(Object.hasOwn(final, 't'), false);
});

test('authenticates with temporary credentials (t sent and signed) against a regional STS host', async () => {
  const creds = { ...plain, sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==' };
  const server = fakeServer({ credentials: creds, host: 'sts.ap-south-1.amazonaws.com', region: 'ap-south-1' });
  await authenticate(server.run, async () => resolved(creds));
  const final = BSON.deserialize(payloadOf(server.calls[1]?.command as Document));
  assert.equal(final['t'], creds.sessionToken);
});

test('a wrong secret is refused by the verifying server: ERR_AUTHENTICATION_FAILED with serverCode 18 and codeName', async () => {
  const server = fakeServer({ credentials: plain });
  await rejectsWith(authenticate(server.run, async () => resolved({ ...plain, secretAccessKey: 'wrong' })), 'ERR_AUTHENTICATION_FAILED', (e) => {
    assert.ok(e instanceof MongoAwsServerError);
    assert.equal(e.serverCode, 18);
    assert.equal(e.remoteCode, 'AuthenticationFailed');
    assert.ok(!e.message.includes('Authentication failed.'));
  });
});

test('ok: 0 on saslStart is ERR_AUTHENTICATION_FAILED and nothing else is sent', async () => {
  const calls: string[] = [];
  const run = async (_db: string, cmd: Document) => {
    calls.push(Object.keys(cmd)[0] as string);
    return { ok: 0, code: 334, codeName: 'MechanismUnavailable' };
  };
  await rejectsWith(authenticate(run, async () => resolved(plain)), 'ERR_AUTHENTICATION_FAILED', (e) => assert.equal(e.serverCode, 334));
  assert.deepEqual(calls, ['saslStart']);
});

/** A server that answers saslStart correctly (or via `start`) and saslContinue with `cont`. */
function scripted(cont: (cmd: Document) => Document, start?: (nonce: Uint8Array) => Document) {
  const calls: Document[] = [];
  const run = async (_db: string, cmd: Document): Promise<Document> => {
    calls.push(cmd);
    if (cmd['saslStart'] === 1) {
      const r = (BSON.deserialize(payloadOf(cmd))['r'] as Binary).buffer.subarray(0, 32);
      if (start !== undefined) return start(r);
      const s = Buffer.concat([r, Buffer.alloc(32, 1)]);
      return { conversationId: 1, done: false, payload: new Binary(serverFirstBytes(s, 'sts.amazonaws.com'), 0), ok: 1 };
    }
    return cont(cmd);
  };
  return { calls, run };
}

test('a server that is not done after saslContinue is ERR_SASL_CONVERSATION', async () => {
  const server = scripted(() => ({ conversationId: 1, done: false, payload: new Binary(new Uint8Array(0), 0), ok: 1 }));
  await rejectsWith(authenticate(server.run, async () => resolved(plain)), 'ERR_SASL_CONVERSATION', (e) => assert.equal(e.field, 'done'));
});

test('a server that is done right after saslStart is ERR_SASL_CONVERSATION and no credentials are sent', async () => {
  const server = scripted(
    () => assert.fail('saslContinue must not be sent'),
    () => ({ conversationId: 1, done: true, payload: new Binary(new Uint8Array(0), 0), ok: 1 }),
  );
  await rejectsWith(authenticate(server.run, async () => resolved(plain)), 'ERR_SASL_CONVERSATION');
  assert.equal(server.calls.length, 1);
});

test('a saslContinue reply for another conversation is ERR_SASL_CONVERSATION', async () => {
  const server = scripted(() => ({ conversationId: 2, done: true, payload: new Binary(new Uint8Array(0), 0), ok: 1 }));
  await rejectsWith(authenticate(server.run, async () => resolved(plain)), 'ERR_SASL_CONVERSATION', (e) => assert.equal(e.field, 'conversationId'));
});

test('ok: 0 on saslContinue is ERR_AUTHENTICATION_FAILED', async () => {
  const server = scripted(() => ({ ok: 0, code: 18, codeName: 'AuthenticationFailed' }));
  await rejectsWith(authenticate(server.run, async () => resolved(plain)), 'ERR_AUTHENTICATION_FAILED', (e) => assert.equal(e.serverCode, 18));
});

test('a bad server nonce stops the conversation before any signature is sent', async () => {
  const server = scripted(
    () => assert.fail('saslContinue must not be sent'),
    () => ({ conversationId: 1, done: false, payload: new Binary(serverFirstBytes(Buffer.alloc(64, 3), 'sts.amazonaws.com'), 0), ok: 1 }),
  );
  await rejectsWith(authenticate(server.run, async () => resolved(plain)), 'ERR_INVALID_SERVER_NONCE');
  assert.equal(server.calls.length, 1);
});

test('replies without a payload or conversationId are ERR_INVALID_SASL_PAYLOAD', async () => {
  const noPayload = scripted(() => ({}), () => ({ conversationId: 1, done: false, ok: 1 }));
  await rejectsWith(authenticate(noPayload.run, async () => resolved(plain)), 'ERR_INVALID_SASL_PAYLOAD', (e) => assert.equal(e.field, 'payload'));
  const noId = scripted(() => ({ done: true, payload: new Binary(new Uint8Array(0), 0), ok: 1 }));
  await rejectsWith(authenticate(noId.run, async () => resolved(plain)), 'ERR_INVALID_SASL_PAYLOAD', (e) => assert.equal(e.field, 'conversationId'));
});

test('credentials are fetched first; their errors propagate unchanged and no command is sent', async () => {
  const calls: unknown[] = [];
  const failure = new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'no credentials');
  await assert.rejects(
    authenticate(async (db, cmd) => (calls.push(cmd), { db }), async () => Promise.reject(failure)),
    (error) => error === failure,
  );
  assert.equal(calls.length, 0);
});

test('runCommand failures: MongoAwsErrors propagate, anything else becomes ERR_SERVER_COMMAND without its message', async () => {
  const own = new MongoAwsServerError('ERR_CONNECTION', 'closed');
  await assert.rejects(authenticate(async () => Promise.reject(own), async () => resolved(plain)), (e) => e === own);
  const sys = Object.assign(new Error('connect ECONNRESET 10.0.0.1 secret-looking'), { code: 'ECONNRESET' });
  await rejectsWith(authenticate(async () => Promise.reject(sys), async () => resolved(plain)), 'ERR_SERVER_COMMAND', (e) => {
    assert.ok(e.message.includes('ECONNRESET') && e.message.includes('saslStart'));
    assert.ok(!e.message.includes('secret-looking'));
  });
  const cont = scripted(() => {
    throw new TypeError('boom');
  });
  await rejectsWith(authenticate(cont.run, async () => resolved(plain)), 'ERR_SERVER_COMMAND', (e) => assert.ok(e.message.includes('saslContinue')));
});

test('the test hooks (nonce and clock) reach the conversation through authenticate options', async () => {
  const nonce = new Uint8Array(32).fill(9);
  const server = fakeServer({ credentials: plain });
  await authenticate(server.run, async () => resolved(plain), {
    [SASL_TEST_HOOKS]: { randomBytes: () => nonce, now: () => new Date('2030-01-02T03:04:05Z') },
  });
  const first = BSON.deserialize(payloadOf(server.calls[0]?.command as Document));
  assert.deepEqual(Uint8Array.from((first['r'] as Binary).buffer.subarray(0, 32)), nonce);
  const final = BSON.deserialize(payloadOf(server.calls[1]?.command as Document));
  assert.equal(final['d'], '20300102T030405Z');
  assert.equal(Symbol.for('mongodb-aws-auth.sasl-test-hooks'), SASL_TEST_HOOKS);
});
