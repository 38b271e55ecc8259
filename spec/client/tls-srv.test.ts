import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as netConnect, type AddressInfo, type LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { connect } from '../../lib/client/connect.js';
import { parseTxtRecords, resolveSeedList, srvParentDomain, validateSrvRecords, type SrvResolver } from '../../lib/client/srv.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { RUNTIME } from '../../lib/runtime.js';

const HOST = 'node1.cluster0.example.test';
let emulator: Emulator;
let dir: string;
let cert: Buffer;
let proxy: TlsServer;
let proxyPort: number;

before(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'mongodb-aws-auth-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`], { stdio: 'ignore' });
  cert = readFileSync(join(dir, 'cert.pem'));
  // A TLS terminator in front of the emulator's plain-TCP mongod.
  proxy = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (socket) => {
    const upstream = netConnect(emulator.mongod.port, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyPort = (proxy.address() as AddressInfo).port;
});

after(async () => {
  proxy.close();
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

const loopbackLookup = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  if (options.all === true) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as LookupFunction;

const resolver = (port: number, txt: string[][] = []): SrvResolver => ({
  resolveSrv: async (name) => {
    assert.equal(name, '_mongodb._tcp.cluster0.example.test');
    return [{ name: `${HOST}.`, port, priority: 0, weight: 0 }];
  },
  resolveTxt: async () => txt,
});

const sandbox = () => ({ [RUNTIME]: { env: () => ({ HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true', ...emulator.env('static') }) } });

test('mongodb+srv resolves the seed list, turns TLS on by default, verifies the certificate and authenticates', async () => {
  const conn = await connect('mongodb+srv://cluster0.example.test/?authMechanism=MONGODB-AWS', {
    ...sandbox(),
    srvResolver: resolver(proxyPort, [['authSource=%24external']]),
    lookup: loopbackLookup,
    tlsOptions: { ca: cert },
  });
  try {
    assert.equal(conn.host, HOST);
    assert.equal((await conn.command('admin', { ping: 1 }))['ok'], 1);
  } finally {
    await conn.close();
  }
});

test('TLS refuses a certificate the client does not trust (certificates are verified by default)', async () => {
  await assert.rejects(
    connect(`mongodb://${HOST}:${proxyPort}/?authMechanism=MONGODB-AWS&tls=true`, { ...sandbox(), lookup: loopbackLookup }),
    { code: 'ERR_CONNECTION' },
  );
});

test('tls=false on a mongodb+srv URI connects in plain TCP', async () => {
  const conn = await connect('mongodb+srv://cluster0.example.test/?authMechanism=MONGODB-AWS&tls=false', {
    ...sandbox(),
    srvResolver: resolver(emulator.mongod.port),
    lookup: loopbackLookup,
  });
  await conn.close();
});

test('SRV records must stay inside the parent domain of the mongodb+srv host', () => {
  assert.equal(srvParentDomain('cluster0.example.test'), 'example.test');
  assert.equal(srvParentDomain('example.test'), 'example.test');
  assert.throws(() => srvParentDomain('localhost'), { code: 'ERR_DNS' });
  assert.throws(() => srvParentDomain('a..b'), { code: 'ERR_DNS' });
  assert.deepEqual(validateSrvRecords('cluster0.example.test', [{ name: 'Shard-1.Example.test.', port: 27017 }]), [{ host: 'shard-1.example.test', port: 27017 }]);
  assert.throws(() => validateSrvRecords('cluster0.example.test', [{ name: 'evil.attacker.test', port: 1 }]), { code: 'ERR_DNS' });
  assert.throws(() => validateSrvRecords('cluster0.example.test', [{ name: 'example.test', port: 1 }]), { code: 'ERR_DNS' });
  assert.throws(() => validateSrvRecords('cluster0.example.test', []), { code: 'ERR_DNS' });
});

test('TXT records may carry only authSource, replicaSet and loadBalanced, in one record', () => {
  assert.deepEqual({ ...parseTxtRecords([['authSource=%24external&', 'replicaSet=rs0']]) }, { authsource: '$external', replicaset: 'rs0' });
  assert.deepEqual({ ...parseTxtRecords([]) }, {});
  assert.throws(() => parseTxtRecords([['a=1'], ['b=2']]), { code: 'ERR_DNS' });
  assert.throws(() => parseTxtRecords([['tls=false']]), { code: 'ERR_DNS' });
  assert.throws(() => parseTxtRecords([['=x']]), { code: 'ERR_DNS' });
  assert.throws(() => parseTxtRecords([['authSource=%E0%A4%A']]), { code: 'ERR_DNS' });
});

test('DNS failures become ERR_DNS; a missing TXT record is not an error', async () => {
  const failing = (code: string): SrvResolver => ({
    resolveSrv: async () => Promise.reject(Object.assign(new Error('x'), { code })),
    resolveTxt: async () => [],
  });
  await assert.rejects(resolveSeedList('cluster0.example.test', failing('ENOTFOUND')), { code: 'ERR_DNS' });
  const noTxt: SrvResolver = {
    resolveSrv: async () => [{ name: HOST, port: 1, priority: 0, weight: 0 }],
    resolveTxt: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENODATA' })),
  };
  assert.deepEqual((await resolveSeedList('cluster0.example.test', noTxt)).hosts, [{ host: HOST, port: 1 }]);
  const badTxt: SrvResolver = { ...noTxt, resolveTxt: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ESERVFAIL' })) };
  await assert.rejects(resolveSeedList('cluster0.example.test', badTxt), { code: 'ERR_DNS' });
});

test('a connection that cannot be set up within connectTimeoutMS fails with ERR_TIMEOUT', async () => {
  const neverResolves = (() => undefined) as unknown as LookupFunction;
  await assert.rejects(
    connect(`mongodb://${HOST}:${proxyPort}/?authMechanism=MONGODB-AWS&connectTimeoutMS=150`, { ...sandbox(), lookup: neverResolves }),
    { code: 'ERR_TIMEOUT' },
  );
});

test('TLS to an IP address checks the certificate against the IP (a DNS-only certificate is refused)', async () => {
  await assert.rejects(connect(`mongodb://127.0.0.1:${proxyPort}/?authMechanism=MONGODB-AWS&ssl=true`, { ...sandbox(), tlsOptions: { ca: cert } }), {
    code: 'ERR_CONNECTION',
  });
});
