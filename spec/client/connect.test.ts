import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { connect } from '../../lib/client/connect.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { RUNTIME } from '../../lib/runtime.js';
import { createCredentialProvider } from '../../lib/chain/mongodb.js';
import { decodeMessage, encodeOpMsg, MessageFramer, OP_MSG } from '../../lib/wire/message.js';

let emulator: Emulator;
before(async () => {
  emulator = await startEmulator();
});
after(async () => {
  await emulator.close();
});

const noAmbientEnv = (env: Record<string, string> = {}) => ({ [RUNTIME]: { env: () => ({ HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true', ...env }) } });

test('explicit credentials in the URI authenticate and connectionStatus names the IAM user', async () => {
  const user = emulator.registry.addUser();
  const uri = emulator.uri.replace('mongodb://', `mongodb://${encodeURIComponent(user.accessKeyId)}:${encodeURIComponent(user.secretAccessKey)}@`);
  const conn = await connect(uri, noAmbientEnv());
  try {
    assert.equal(conn.source, 'explicit');
    assert.deepEqual((await conn.command('admin', { ping: 1 }))['ok'], 1);
    const status = await conn.command('admin', { connectionStatus: 1 });
    const users = (status['authInfo'] as { authenticatedUsers: { user: string; db: string }[] }).authenticatedUsers;
    assert.deepEqual(users, [{ user: user.arn, db: '$external' }]);
    for (const ms of Object.values(conn.timings)) assert.ok(ms >= 0);
  } finally {
    await conn.close();
  }
});

test('environment credentials with a session token authenticate as the assumed role', async () => {
  const conn = await connect(emulator.uri, noAmbientEnv(emulator.env('session')));
  try {
    assert.equal(conn.source, 'env');
    const status = await conn.command('admin', { connectionStatus: 1 });
    const [entry] = (status['authInfo'] as { authenticatedUsers: { user: string }[] }).authenticatedUsers;
    assert.match(entry!.user, /^arn:aws:(iam|sts)::\d{12}:(role|assumed-role)\/emulator-session-role/);
  } finally {
    await conn.close();
  }
});

test('container credentials from the emulator authenticate through the chain', async () => {
  const conn = await connect(emulator.uri, noAmbientEnv(emulator.env('container')));
  try {
    assert.equal(conn.source, 'container');
    assert.equal((await conn.command('admin', { ping: 1 }))['ok'], 1);
  } finally {
    await conn.close();
  }
});

test('a wrong secret is refused with ERR_AUTHENTICATION_FAILED (code 18) and the given provider is invalidated', async () => {
  const user = emulator.registry.addUser();
  let invalidated = 0;
  const provider = Object.assign(async () => ({ accessKeyId: user.accessKeyId, secretAccessKey: 'not-the-secret' }), { invalidate: () => void invalidated++ });
  await assert.rejects(connect(emulator.uri, { ...noAmbientEnv(), credentialProvider: provider }), (error: Error & { code?: string; serverCode?: number }) => {
    assert.equal(error.code, 'ERR_AUTHENTICATION_FAILED');
    assert.equal(error.serverCode, 18);
    assert.ok(!error.message.includes('not-the-secret'));
    return true;
  });
  assert.equal(invalidated, 1);
});

test('a provider shared across connections keeps its cache and its real source; a plain one counts as custom', async () => {
  const env = emulator.env('container');
  const shared = createCredentialProvider(undefined, noAmbientEnv(env));
  const first = await connect(emulator.uri, { credentialProvider: shared });
  const before = emulator.aws.requests.length;
  const second = await connect(emulator.uri, { credentialProvider: shared });
  assert.equal(first.source, 'container');
  assert.equal(second.source, 'container');
  assert.equal(emulator.aws.requests.length, before, 'the second connection reused the cached credentials');
  await Promise.all([first.close(), second.close()]);
  const user = emulator.registry.addUser();
  const plain = await connect(emulator.uri, { credentialProvider: async () => ({ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }) });
  assert.equal(plain.source, 'custom');
  await plain.close();
  await assert.rejects(connect(emulator.uri, { credentialProvider: async () => ({ accessKeyId: user.accessKeyId }) as never }), { code: 'ERR_INVALID_ARGUMENT' });
});

test('no credentials anywhere fails before connecting with ERR_CREDENTIALS_NOT_FOUND', async () => {
  await assert.rejects(connect(emulator.uri, noAmbientEnv()), { code: 'ERR_CREDENTIALS_NOT_FOUND' });
});

test('an unreachable host fails with ERR_CONNECTION, and every seed host is tried in order', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const env = emulator.env('static');
  await assert.rejects(connect(`mongodb://127.0.0.1:${port}/?authMechanism=MONGODB-AWS`, noAmbientEnv(env)), { code: 'ERR_CONNECTION' });
  const mongodPort = emulator.mongod.port;
  const conn = await connect(`mongodb://127.0.0.1:${port},127.0.0.1:${mongodPort}/?authMechanism=MONGODB-AWS`, noAmbientEnv(env));
  assert.equal(conn.port, mongodPort);
  await conn.close();
});

test('a command slower than commandTimeoutMS fails with ERR_TIMEOUT and later commands fail with ERR_CONNECTION', async () => {
  const conn = await connect(emulator.uri, { ...noAmbientEnv(emulator.env('static')), commandTimeoutMS: 200 });
  emulator.mongod.faults.latencyMs = 1_000;
  try {
    await assert.rejects(conn.command('admin', { ping: 1 }), { code: 'ERR_TIMEOUT' });
    await assert.rejects(conn.command('admin', { ping: 1 }), { code: 'ERR_CONNECTION' });
  } finally {
    delete emulator.mongod.faults.latencyMs;
    await conn.close();
  }
});

test('a failing command surfaces the server code and code name as ERR_SERVER_COMMAND', async () => {
  const conn = await connect(emulator.uri, noAmbientEnv(emulator.env('static')));
  try {
    await assert.rejects(conn.command('admin', { definitelyNotACommand: 1 }), (error: Error & { code?: string; serverCode?: number; remoteCode?: string }) => {
      assert.equal(error.code, 'ERR_SERVER_COMMAND');
      assert.equal(error.serverCode, 59);
      assert.equal(error.remoteCode, 'CommandNotFound');
      return true;
    });
  } finally {
    await conn.close();
  }
});

test('a server that closes the connection mid-command fails with ERR_CONNECTION', async () => {
  const conn = await connect(emulator.uri, noAmbientEnv(emulator.env('static')));
  emulator.mongod.faults.closeOnCommand = 'ping';
  try {
    await assert.rejects(conn.command('admin', { ping: 1 }), { code: 'ERR_CONNECTION' });
  } finally {
    delete emulator.mongod.faults.closeOnCommand;
    await conn.close();
  }
});

test('malformed connection strings and options fail with ERR_INVALID_URI', async () => {
  await assert.rejects(connect('postgres://x/'), { code: 'ERR_INVALID_URI' });
  await assert.rejects(connect(`${emulator.uri}&tls=maybe`, noAmbientEnv(emulator.env('static'))), { code: 'ERR_INVALID_URI' });
  await assert.rejects(connect(`${emulator.uri}&connectTimeoutMS=-1`, noAmbientEnv(emulator.env('static'))), { code: 'ERR_INVALID_URI' });
});

function fakeServer(reply: (body: Record<string, unknown>) => Record<string, unknown>): Promise<Server> {
  const server = createServer((socket) => {
    const framer = new MessageFramer();
    socket.on('data', (chunk) => {
      for (const bytes of framer.push(chunk)) {
        const { header, message } = decodeMessage(bytes);
        if (message.opCode === OP_MSG) socket.write(encodeOpMsg({ requestId: 1, responseTo: header.requestId, body: reply(message.body) }));
      }
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

test('a server older than 4.4 (maxWireVersion < 9) is refused before authentication', async () => {
  const commands: string[] = [];
  const server = await fakeServer((body) => {
    commands.push(Object.keys(body)[0] ?? '');
    return { ok: 1, isWritablePrimary: true, maxWireVersion: 8 };
  });
  try {
    const port = (server.address() as AddressInfo).port;
    await assert.rejects(connect(`mongodb://127.0.0.1:${port}/?authMechanism=MONGODB-AWS`, noAmbientEnv(emulator.env('static'))), {
      code: 'ERR_SERVER_COMMAND',
      field: 'maxWireVersion',
    });
    assert.deepEqual(commands, ['hello']);
  } finally {
    server.close();
  }
});

test('a server that sends bytes that are not a wire message fails the connection with ERR_WIRE_PROTOCOL', async () => {
  const garbage: Server = createServer((socket) => socket.on('data', () => socket.write(Buffer.from([1, 0, 0, 0, 9, 9, 9, 9]))));
  await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
  try {
    const port = (garbage.address() as AddressInfo).port;
    await assert.rejects(connect(`mongodb://127.0.0.1:${port}/?authMechanism=MONGODB-AWS`, noAmbientEnv(emulator.env('static'))), { code: 'ERR_WIRE_PROTOCOL' });
  } finally {
    garbage.close();
  }
});
