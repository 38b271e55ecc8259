import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromInstanceMetadata, resolveInstanceMetadata, type InstanceMetadataInit } from '../../lib/providers/imds.js';
import { closedPort } from '../http/loopback.js';
import { LATER, NOW, assertNoSecrets, fullRuntime, rejection, scriptedServer, withRuntime, type RecordedRequest, type Reply, type Scripted } from './remote-fixture.js';

const CREDS = JSON.stringify({ Code: 'Success', LastUpdated: '2021-09-20T21:42:26Z', Type: 'AWS-HMAC', AccessKeyId: 'ASIARTEST', SecretAccessKey: 'testsecret', Token: 'testtoken', Expiration: LATER });
type Route = (request: RecordedRequest) => Reply;
const healthy: Route = (r) => {
  if (r.method === 'PUT' && r.path === '/latest/api/token') return { status: 200, body: 'imdstoken-value' };
  if (r.path === '/latest/meta-data/iam/security-credentials/') return { status: 200, body: 'imds-role\n' };
  if (r.path === '/latest/meta-data/iam/security-credentials/imds-role') return { status: 200, body: CREDS };
  return { status: 404 };
};
let route: Route = healthy;
let server: Scripted;
before(async () => {
  server = await scriptedServer((r) => route(r));
});
after(() => server.close());

function runtime(env: Record<string, string> = {}, files: Record<string, string> = {}) {
  server.requests.length = 0;
  return fullRuntime({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url, ...env }, files });
}
const resolve = (env: Record<string, string> = {}, init: InstanceMetadataInit = {}) => resolveInstanceMetadata(runtime(env), { retryDelayMs: 0, ...init });

test('IMDSv2: PUT token with the TTL header, GET role with the token, GET credentials (imds_default_chain_success)', async () => {
  route = healthy;
  const c = await resolve();
  assert.equal(c?.accessKeyId, 'ASIARTEST');
  assert.equal(c?.secretAccessKey.reveal(), 'testsecret');
  assert.equal(c?.sessionToken?.reveal(), 'testtoken');
  assert.equal(c?.expiration?.toISOString(), new Date(LATER).toISOString());
  assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), [
    'PUT /latest/api/token',
    'GET /latest/meta-data/iam/security-credentials/',
    'GET /latest/meta-data/iam/security-credentials/imds-role',
  ]);
  assert.equal(server.requests[0]?.headers['x-aws-ec2-metadata-token-ttl-seconds'], '21600');
  assert.equal(server.requests[0]?.headers['x-aws-ec2-metadata-token'], undefined);
  assert.equal(server.requests[1]?.headers['x-aws-ec2-metadata-token'], 'imdstoken-value');
  assert.equal(server.requests[2]?.headers['x-aws-ec2-metadata-token'], 'imdstoken-value');
});

test('role name: trimmed, first line only; the TTL is configurable', async () => {
  route = (r) => (r.path.endsWith('/security-credentials/') ? { status: 200, body: '  imds-role \r\nsecond-role\n' } : healthy(r));
  assert.equal((await resolve({}, { tokenTtlSeconds: 30 }))?.accessKeyId, 'ASIARTEST');
  assert.equal(server.requests[0]?.headers['x-aws-ec2-metadata-token-ttl-seconds'], '30');
});

test('no role: 404 on the role list or an empty list → not configured (imds_no_iam_role)', async () => {
  route = (r) => (r.path.endsWith('/security-credentials/') ? { status: 404, body: '<html>404</html>' } : healthy(r));
  assert.equal(await resolve(), undefined);
  route = (r) => (r.path.endsWith('/security-credentials/') ? { status: 200, body: '\n' } : healthy(r));
  assert.equal(await resolve(), undefined);
  const notFound = await rejection(fromInstanceMetadata(withRuntime({ retryDelayMs: 0 }, { env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url } }))());
  assert.equal(notFound.code, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.equal(notFound.source, 'instance-metadata');
});

test('AWS_EC2_METADATA_DISABLED=true (any case) → not configured, no request (imds_disabled)', async () => {
  route = healthy;
  assert.equal(await resolve({ AWS_EC2_METADATA_DISABLED: 'True' }), undefined);
  assert.equal(server.requests.length, 0);
  assert.equal((await resolve({ AWS_EC2_METADATA_DISABLED: 'false' }))?.accessKeyId, 'ASIARTEST');
  assert.equal((await resolve({ AWS_EC2_METADATA_DISABLED: '1' }))?.accessKeyId, 'ASIARTEST', 'botocore: only "true" disables');
});

test('403 on the token → ERR_IMDS_DISABLED (imds_token_fail); never an IMDSv1 GET', async () => {
  route = (r) => (r.method === 'PUT' ? { status: 403, headers: { 'content-type': 'text/xml' } } : healthy(r));
  const failed = await rejection(resolve());
  assert.equal(failed.code, 'ERR_IMDS_DISABLED');
  assert.equal(failed.status, 403);
  assert.match(failed.message, /HTTP 403/);
  assert.equal(server.requests.length, 1);
  for (const status of [400, 404, 405]) {
    route = (r) => (r.method === 'PUT' ? { status } : healthy(r));
    const other = await rejection(resolve());
    assert.equal(other.code, 'ERR_IMDS_TOKEN');
    assert.equal(other.status, status);
    assert.equal(server.requests.filter((r) => r.method === 'GET').length, 0);
  }
});

test('a token PUT that times out → ERR_IMDS_TOKEN mentioning the container hop limit', async () => {
  route = (r) => (r.method === 'PUT' ? 'hang' : healthy(r));
  const failed = await rejection(resolve({}, { timeout: 100, maxRetries: 0 }));
  assert.equal(failed.code, 'ERR_IMDS_TOKEN');
  assert.match(failed.message, /HttpPutResponseHopLimit/);
  assert.equal((failed.cause as { code?: string }).code, 'ERR_HTTP_TIMEOUT');
});

test('nothing listening → ERR_HTTP_CONNECTION, not retried', async () => {
  let attempts = 0;
  const port = await closedPort();
  const failed = await rejection(resolveInstanceMetadata(fullRuntime({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${port}` }, onRequest: () => attempts++ }), { retryDelayMs: 0 }));
  assert.equal(failed.code, 'ERR_HTTP_CONNECTION');
  assert.equal(attempts, 1);
});

test('5xx on each step is retried (imds_default_chain_retries)', async () => {
  const seen = new Map<string, number>();
  route = (r) => {
    const n = (seen.get(r.path) ?? 0) + 1;
    seen.set(r.path, n);
    return n === 1 ? { status: 503 } : healthy(r);
  };
  assert.equal((await resolve())?.accessKeyId, 'ASIARTEST');
  assert.equal(server.requests.length, 6);
  route = () => ({ status: 500 });
  const exhausted = await rejection(resolve({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '2' }));
  assert.equal(exhausted.code, 'ERR_IMDS_TOKEN');
  assert.equal(exhausted.status, 500);
  assert.equal(server.requests.length, 2);
});

test('error replies on the role steps: 401 → ERR_IMDS_TOKEN, others → ERR_HTTP_STATUS', async () => {
  route = (r) => (r.path.endsWith('/security-credentials/') ? { status: 401 } : healthy(r));
  assert.equal((await rejection(resolve())).code, 'ERR_IMDS_TOKEN');
  route = (r) => (r.path.endsWith('/imds-role') ? { status: 404 } : healthy(r));
  const gone = await rejection(resolve());
  assert.equal(gone.code, 'ERR_HTTP_STATUS');
  assert.equal(gone.status, 404);
  route = (r) => (r.path.endsWith('/security-credentials/') ? { status: 400 } : healthy(r));
  assert.equal((await rejection(resolve())).status, 400);
});

test('invalid tokens, role names and credential documents are refused without leaking them', async () => {
  route = (r) => (r.method === 'PUT' ? { status: 200, body: 'bad token\u0001' } : healthy(r));
  assert.equal((await rejection(resolve())).code, 'ERR_IMDS_TOKEN');
  route = (r) => (r.path.endsWith('/security-credentials/') ? { status: 200, body: '../../latest/api/token' } : healthy(r));
  assert.equal((await rejection(resolve())).code, 'ERR_INVALID_CREDENTIALS_RESPONSE');
  const documents: Array<[string, string]> = [
    [JSON.stringify({ Code: 'AssumeRoleUnauthorizedAccess', Message: 'x', AccessKeyId: 'A', SecretAccessKey: 'testsecret', Token: 'T', Expiration: LATER }), 'ERR_INVALID_CREDENTIALS_RESPONSE'],
    ['{"SecretAccessKey": "testsecret"', 'ERR_INVALID_CREDENTIALS_RESPONSE'],
    [JSON.stringify({ Code: 'Success', AccessKeyId: 'A', SecretAccessKey: 'testsecret', Token: 'T', Expiration: new Date(NOW - 1000).toISOString() }), 'ERR_CREDENTIALS_EXPIRED'],
  ];
  for (const [body, code] of documents) {
    route = (r) => (r.path.endsWith('/imds-role') ? { status: 200, body } : healthy(r));
    const failed = await rejection(resolve());
    assert.equal(failed.code, code);
    assertNoSecrets(failed, ['testsecret', 'imdstoken-value']);
  }
  route = (r) => (r.path.endsWith('/imds-role') ? { status: 200, body: documents[0]?.[0] ?? '' } : healthy(r));
  assert.equal((await rejection(resolve())).remoteCode, 'AssumeRoleUnauthorizedAccess');
});

test('timeout and attempts from the environment, then the selected profile; bad values are ERR_INVALID_ARGUMENT', async () => {
  route = () => ({ status: 500 });
  const config = '[profile p]\nmetadata_service_num_attempts = 2\nmetadata_service_timeout = 2\n[default]\nmetadata_service_num_attempts = 4\n';
  server.requests.length = 0;
  await rejection(resolveInstanceMetadata(fullRuntime({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url, AWS_CONFIG_FILE: '/cfg', AWS_PROFILE: 'p' }, files: { '/cfg': config } }), { retryDelayMs: 0 }));
  assert.equal(server.requests.length, 2);
  server.requests.length = 0;
  await rejection(resolveInstanceMetadata(fullRuntime({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url, AWS_CONFIG_FILE: '/cfg' }, files: { '/cfg': config } }), { retryDelayMs: 0 }));
  assert.equal(server.requests.length, 4);
  server.requests.length = 0;
  await rejection(resolveInstanceMetadata(fullRuntime({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url, AWS_CONFIG_FILE: '/cfg', AWS_METADATA_SERVICE_NUM_ATTEMPTS: '1' }, files: { '/cfg': config } }), { retryDelayMs: 0 }));
  assert.equal(server.requests.length, 1);
  server.requests.length = 0;
  await rejection(resolveInstanceMetadata(fullRuntime({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url, AWS_CONFIG_FILE: '/cfg' }, files: { '/cfg': config } }), { retryDelayMs: 0, maxRetries: 0, profile: 'p' }));
  assert.equal(server.requests.length, 1);
  for (const [env, field] of [
    [{ AWS_METADATA_SERVICE_TIMEOUT: 'soon' }, 'AWS_METADATA_SERVICE_TIMEOUT'],
    [{ AWS_METADATA_SERVICE_TIMEOUT: '0' }, 'AWS_METADATA_SERVICE_TIMEOUT'],
    [{ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '0' }, 'AWS_METADATA_SERVICE_NUM_ATTEMPTS'],
    [{ AWS_METADATA_SERVICE_NUM_ATTEMPTS: '1.5' }, 'AWS_METADATA_SERVICE_NUM_ATTEMPTS'],
  ] as const) {
    const failed = await rejection(resolve(env));
    assert.equal(failed.code, 'ERR_INVALID_ARGUMENT');
    assert.equal(failed.field, field);
  }
  assert.equal((await rejection(resolve({}, { tokenTtlSeconds: 21_601 }))).field, 'tokenTtlSeconds');
  assert.equal((await rejection(resolve({}, { timeout: -1 }))).field, 'timeout');
});

test('the timeout setting is honoured: seconds from AWS_METADATA_SERVICE_TIMEOUT', async () => {
  route = (r) => (r.method === 'PUT' ? 'hang' : healthy(r));
  const failed = await rejection(resolve({ AWS_METADATA_SERVICE_TIMEOUT: '0.1', AWS_METADATA_SERVICE_NUM_ATTEMPTS: '1' }));
  assert.equal(failed.code, 'ERR_IMDS_TOKEN');
  assert.match(String((failed.cause as Error).message), /100 ms/);
});

test('fromInstanceMetadata returns the public shape', async () => {
  route = healthy;
  const identity = await fromInstanceMetadata(withRuntime({ retryDelayMs: 0 }, { env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: server.url } }))();
  assert.deepEqual(identity, { accessKeyId: 'ASIARTEST', secretAccessKey: 'testsecret', sessionToken: 'testtoken', expiration: new Date(LATER) });
});
