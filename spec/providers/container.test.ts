import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { fromContainerMetadata, resolveContainer } from '../../lib/providers/container.js';
import { closedPort } from '../http/loopback.js';
import { LATER, NOW, assertNoSecrets, fullRuntime, rejection, scriptedServer, withRuntime, type Reply, type Scripted, type TestRuntimeOptions } from './remote-fixture.js';

const BODY = JSON.stringify({ RoleArn: 'arn:aws:iam::123456789:role/ecs-task-role', AccessKeyId: 'ASIARCORRECT', SecretAccessKey: 'secretkeycorrect', Token: 'tokencorrect', AccountId: '012345678901', Expiration: LATER });
const OK: Reply = { status: 200, headers: { 'content-type': 'application/json' }, body: BODY };
let script: Reply[] = [OK];
let server: Scripted;
before(async () => {
  server = await scriptedServer((_r, i) => script[Math.min(i, script.length - 1)] ?? OK);
});
after(() => server.close());

function options(env: Record<string, string>, files: Record<string, string> = {}): TestRuntimeOptions {
  server.requests.length = 0;
  return { env, files, redirect: { from: 'http://169.254.170.2', to: server.url } };
}
const full = (path = '/v1/credentials') => `${server.url}${path}`;

test('relative URI: GET http://169.254.170.2<uri> with Accept: application/json (ecs_credentials)', async () => {
  script = [OK];
  const c = await resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/52b19262?a=1' })));
  assert.equal(c?.accessKeyId, 'ASIARCORRECT');
  assert.equal(c?.secretAccessKey.reveal(), 'secretkeycorrect');
  assert.equal(c?.sessionToken?.reveal(), 'tokencorrect');
  assert.equal(c?.accountId, '012345678901');
  assert.equal(c?.expiration?.toISOString(), new Date(LATER).toISOString());
  const [request] = server.requests;
  assert.equal(request?.method, 'GET');
  assert.equal(request?.path, '/v2/credentials/52b19262?a=1');
  assert.equal(request?.headers['accept'], 'application/json');
  assert.equal(request?.headers['authorization'], undefined);
  assert.ok(!inspect(c).includes('secretkeycorrect'));
});

test('EKS Pod Identity: the token file (trimmed, re-read on every request) beats the token variable', async () => {
  script = [OK];
  const files: Record<string, string> = { '/token.jwt': 'sometoken\n' };
  const init = withRuntime({}, options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/token.jwt', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'env-token' }, files));
  const provider = fromContainerMetadata(init);
  const identity = await provider();
  assert.deepEqual(identity, { accessKeyId: 'ASIARCORRECT', secretAccessKey: 'secretkeycorrect', sessionToken: 'tokencorrect', expiration: new Date(LATER), accountId: '012345678901' });
  files['/token.jwt'] = 'rotated';
  await provider();
  assert.deepEqual(server.requests.map((r) => r.headers['authorization']), ['sometoken', 'rotated']);
});

test('the token variable is used when no token file is named', async () => {
  script = [OK];
  await resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: ' env-token ' })));
  assert.equal(server.requests[0]?.headers['authorization'], 'env-token');
});

test('a missing token file fails without a request (eks_pod_identity_no_token_file); an empty one too', async () => {
  const missing = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/token.jwt' }))));
  assert.equal(missing.code, 'ERR_FILE_READ');
  assert.equal(missing.field, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  const empty = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t' }, { '/t': ' \n' }))));
  assert.equal(empty.code, 'ERR_INVALID_ARGUMENT');
  assert.equal(server.requests.length, 0);
});

test('CR/LF in the token (file or variable) is ERR_UNSAFE_HEADER before any request, without the token', async () => {
  const fromFile = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t' }, { '/t': 'abc\r\nX-Injected: secret-part' }))));
  assert.equal(fromFile.code, 'ERR_UNSAFE_HEADER');
  assert.equal(fromFile.field, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  assertNoSecrets(fromFile, ['secret-part', 'abc']);
  const fromEnv = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\nb' }))));
  assert.equal(fromEnv.code, 'ERR_UNSAFE_HEADER');
  assert.equal(fromEnv.field, 'AWS_CONTAINER_AUTHORIZATION_TOKEN');
  assert.equal(server.requests.length, 0);
});

test('a disallowed full-URI host stops with ERR_INVALID_ENDPOINT; no variable means not configured', async () => {
  const refused = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://192.0.2.1/creds' }))));
  assert.equal(refused.code, 'ERR_INVALID_ENDPOINT');
  assert.equal(await resolveContainer(fullRuntime(options({}))), undefined);
  const notFound = await rejection(fromContainerMetadata(withRuntime({}, options({})))());
  assert.equal(notFound.code, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.equal(notFound.source, 'container');
});

test('a 4xx JSON error carries the service Code as remoteCode and a bounded message, not the body', async () => {
  script = [{ status: 403, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Code: 'AccessDenied', Message: 'Token\ninvalid', Secret: 'body-secret' }) }];
  const failed = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full(), AWS_CONTAINER_AUTHORIZATION_TOKEN: 'auth-token-value' }))));
  assert.equal(failed.code, 'ERR_HTTP_STATUS');
  assert.equal(failed.status, 403);
  assert.equal(failed.remoteCode, 'AccessDenied');
  assert.equal(failed.source, 'container');
  assert.equal(failed.message, 'container endpoint returned HTTP 403: AccessDenied: Token invalid');
  assert.equal(server.requests.length, 1, '4xx is not retried');
  assertNoSecrets(failed, ['body-secret', 'auth-token-value']);
  script = [{ status: 404, body: 'not json' }];
  const plain = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() }))));
  assert.equal(plain.remoteCode, undefined);
  assert.equal(plain.message, 'container endpoint returned HTTP 404');
});

test('5xx, dropped connections and timeouts are retried (default 3 attempts), then reported', async () => {
  script = [{ status: 500 }, 'destroy', OK];
  const c = await resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })), { retryDelayMs: 0 });
  assert.equal(c?.accessKeyId, 'ASIARCORRECT');
  assert.equal(server.requests.length, 3);
  script = [{ status: 503 }];
  const failed = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })), { retryDelayMs: 1, maxRetries: 1 }));
  assert.equal(failed.code, 'ERR_HTTP_STATUS');
  assert.equal(failed.status, 503);
  assert.equal(server.requests.length, 2);
  script = ['hang'];
  const slow = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })), { timeout: 100, maxRetries: 0 }));
  assert.equal(slow.code, 'ERR_HTTP_TIMEOUT');
});

test('a refused connection is not retried: ERR_HTTP_CONNECTION', async () => {
  let attempts = 0;
  const port = await closedPort();
  const failed = await rejection(resolveContainer(fullRuntime({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/c` }, onRequest: () => attempts++ }), { retryDelayMs: 0 }));
  assert.equal(failed.code, 'ERR_HTTP_CONNECTION');
  assert.equal(attempts, 1);
});

test('malformed, incomplete and expired credentials are refused', async () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['{"AccessKeyId": "secretkeycorrect"', 'ERR_INVALID_CREDENTIALS_RESPONSE', undefined],
    [JSON.stringify({ AccessKeyId: 'A', SecretAccessKey: 'S', Expiration: LATER }), 'ERR_INVALID_CREDENTIALS_RESPONSE', 'Token'],
    [JSON.stringify({ AccessKeyId: 'A', SecretAccessKey: 'S', Token: 'T', Expiration: '2026-01-01 06:00:00' }), 'ERR_INVALID_CREDENTIALS_RESPONSE', 'Expiration'],
    [JSON.stringify({ AccessKeyId: 'A', SecretAccessKey: 'S', Token: 'T', Expiration: new Date(NOW).toISOString() }), 'ERR_CREDENTIALS_EXPIRED', 'Expiration'],
  ];
  for (const [body, code, field] of cases) {
    script = [{ status: 200, body }];
    const failed = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() }))));
    assert.equal(failed.code, code, body);
    assert.equal(failed.field, field);
    assertNoSecrets(failed, ['secretkeycorrect']);
  }
});

test('invalid timeout and maxRetries options are ERR_INVALID_ARGUMENT', async () => {
  for (const init of [{ timeout: 0 }, { timeout: Number.NaN }, { maxRetries: -1 }, { maxRetries: 1.5 }, { maxRetries: 11 }]) {
    const failed = await rejection(resolveContainer(fullRuntime(options({ AWS_CONTAINER_CREDENTIALS_FULL_URI: full() })), init));
    assert.equal(failed.code, 'ERR_INVALID_ARGUMENT', JSON.stringify(init));
  }
});
