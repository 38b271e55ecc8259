import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assumeRole } from '../../lib/sts/assume-role.js';
import { Secret } from '../../lib/secret.js';
import type { ResolvedCredentials } from '../../lib/types.js';
import { smithyAuthorization } from '../sigv4/smithy.js';
import { assertNoSecrets, fullRuntime, rejection, scriptedServer, type Reply, type Scripted } from '../providers/remote-fixture.js';

const NOW = Date.parse('2021-09-21T17:41:25Z');
const SOURCE: ResolvedCredentials = { accessKeyId: 'ASIARSTSBASE', secretAccessKey: new Secret('base-secret-value'), sessionToken: new Secret('tokenbase-value') };
const ROLE = 'arn:aws:iam::130633740322:role/imds-chained-role-test';
const OK_BODY = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
  <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::130633740322:assumed-role/imds-chained-role-test/s</Arn></AssumedRoleUser>
  <Credentials><AccessKeyId>ASIARCORRECT</AccessKeyId><SecretAccessKey>secretkeycorrect</SecretAccessKey><SessionToken>tokencorrect</SessionToken>
  <Expiration>2021-09-21T18:41:26Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>`;
const OK: Reply = { status: 200, headers: { 'content-type': 'text/xml' }, body: OK_BODY };
const error = (status: number, code: string): Reply => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>says no</Message></Error></ErrorResponse>`,
});

let server: Scripted;
let script: Reply[] = [OK];
before(async () => {
  server = await scriptedServer((_request, index) => script[Math.min(index, script.length - 1)] ?? OK);
});
after(() => server.close());

function runtime(env: Record<string, string> = {}) {
  server.requests.length = 0;
  return fullRuntime({ env: { AWS_ENDPOINT_URL_STS: server.url, ...env }, now: NOW });
}

test('AssumeRole is a signed POST / with the form body; the signature verifies with the AWS SDK signer', async () => {
  script = [OK];
  const credentials = await assumeRole(runtime({ AWS_REGION: 'eu-west-1' }), SOURCE, { roleArn: ROLE, roleSessionName: 'assume-role-from-profile-1632246085998', retryDelayMs: 0 });
  assert.equal(credentials.accessKeyId, 'ASIARCORRECT');
  assert.equal(credentials.secretAccessKey.reveal(), 'secretkeycorrect');
  assert.equal(credentials.sessionToken?.reveal(), 'tokencorrect');
  assert.equal(credentials.accountId, '130633740322');
  assert.equal(credentials.expiration?.toISOString(), '2021-09-21T18:41:26.000Z');
  const [request] = server.requests;
  assert.ok(request);
  assert.equal(request.method, 'POST');
  assert.equal(request.path, '/');
  assert.equal(request.body, 'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A130633740322%3Arole%2Fimds-chained-role-test&RoleSessionName=assume-role-from-profile-1632246085998');
  assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(request.headers['x-amz-security-token'], 'tokenbase-value');
  assert.equal(request.headers['x-amz-date'], '20210921T174125Z');
  const authorization = String(request.headers['authorization']);
  const match = /^AWS4-HMAC-SHA256 Credential=ASIARSTSBASE\/20210921\/eu-west-1\/sts\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/.exec(authorization);
  assert.ok(match, authorization);
  const signedNames = (match[1] ?? '').split(';');
  for (const name of ['content-type', 'host', 'x-amz-date', 'x-amz-security-token']) assert.ok(signedNames.includes(name), name);
  const headers = Object.fromEntries(signedNames.map((name) => [name, String(request.headers[name])]));
  const url = new URL(server.url);
  const expected = await smithyAuthorization(
    { method: 'POST', protocol: 'https:', hostname: url.hostname, port: Number(url.port), path: '/', query: {}, headers, body: request.body },
    { credentials: { accessKeyId: 'ASIARSTSBASE', secretAccessKey: 'base-secret-value', sessionToken: 'tokenbase-value' }, region: 'eu-west-1', service: 'sts', date: new Date(NOW) },
  );
  assert.equal(authorization, expected);
});

test('long-term source keys send no security token; optional parameters and the default session name', async () => {
  script = [OK];
  const longTerm: ResolvedCredentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: new Secret('FAKE') };
  await assumeRole(runtime(), longTerm, { roleArn: ROLE, externalId: 'ext+id', durationSeconds: 900 });
  const [request] = server.requests;
  assert.equal(request?.headers['x-amz-security-token'], undefined);
  assert.match(String(request?.headers['authorization']), /Credential=AKIAFAKE\/20210921\/us-east-1\/sts\/aws4_request/);
  assert.equal(request?.body, `Action=AssumeRole&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE)}&RoleSessionName=mongodb-aws-auth-${NOW}&ExternalId=ext%2Bid&DurationSeconds=900`);
});

test('HTTP 503 is retried, then the reply parsed (profile-provider/retry_on_error)', async () => {
  script = [{ status: 503, headers: { 'content-type': 'text/xml' }, body: '' }, OK];
  const credentials = await assumeRole(runtime(), SOURCE, { roleArn: ROLE, retryDelayMs: 0 });
  assert.equal(credentials.accessKeyId, 'ASIARCORRECT');
  assert.equal(server.requests.length, 2);
  assert.notEqual(server.requests[0]?.headers['authorization'], undefined);
});

test('throttling is retried; AccessDenied is not and becomes ERR_STS_ERROR with remoteCode', async () => {
  script = [error(400, 'Throttling'), OK];
  await assumeRole(runtime(), SOURCE, { roleArn: ROLE, retryDelayMs: 0 });
  assert.equal(server.requests.length, 2);
  script = [error(403, 'AccessDenied'), OK];
  const denied = await rejection(assumeRole(runtime(), SOURCE, { roleArn: ROLE, retryDelayMs: 0 }));
  assert.equal(server.requests.length, 1);
  assert.equal(denied.code, 'ERR_STS_ERROR');
  assert.equal(denied.remoteCode, 'AccessDenied');
  assert.equal(denied.status, 403);
  assertNoSecrets(denied, ['base-secret-value', 'tokenbase-value']);
});

test('retries stop after maxAttempts (default 3) and the last reply is reported', async () => {
  script = [{ status: 500, body: '' }];
  const failed = await rejection(assumeRole(runtime(), SOURCE, { roleArn: ROLE, retryDelayMs: 1 }));
  assert.equal(failed.code, 'ERR_STS_ERROR');
  assert.equal(failed.status, 500);
  assert.equal(server.requests.length, 3);
  await rejection(assumeRole(runtime(), SOURCE, { roleArn: ROLE, retryDelayMs: 0, maxAttempts: 1 }));
  assert.equal(server.requests.length, 1);
});

test('a server that never answers times out with ERR_HTTP_TIMEOUT', async () => {
  script = ['hang'];
  const failed = await rejection(assumeRole(runtime(), SOURCE, { roleArn: ROLE, timeoutMs: 100, maxAttempts: 2, retryDelayMs: 0 }));
  assert.equal(failed.code, 'ERR_HTTP_TIMEOUT');
  assert.equal(server.requests.length, 2);
});

test('mfa_serial is refused: a code would need a prompt', async () => {
  const failed = await rejection(assumeRole(runtime(), SOURCE, { roleArn: ROLE, mfaSerial: 'arn:aws:iam::123456789012:mfa/user' }));
  assert.equal(failed.code, 'ERR_INVALID_PROFILE');
  assert.equal(failed.field, 'mfa_serial');
  assert.equal(server.requests.length, 0);
});

test('invalid parameters are refused before any request, naming the profile key', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ roleArn: 'not-an-arn' }, 'role_arn'],
    [{ roleArn: ROLE, roleSessionName: 'a' }, 'role_session_name'],
    [{ roleArn: ROLE, roleSessionName: 'has space' }, 'role_session_name'],
    [{ roleArn: ROLE, durationSeconds: 899 }, 'duration_seconds'],
    [{ roleArn: ROLE, durationSeconds: 43_201 }, 'duration_seconds'],
    [{ roleArn: ROLE, durationSeconds: 1000.5 }, 'duration_seconds'],
    [{ roleArn: ROLE, externalId: 'x' }, 'external_id'],
    [{ roleArn: ROLE, timeoutMs: 0 }, 'timeoutMs'],
    [{ roleArn: ROLE, maxAttempts: 0 }, 'maxAttempts'],
  ];
  for (const [params, field] of cases) {
    const failed = await rejection(assumeRole(runtime(), SOURCE, params as never));
    assert.equal(failed.code, 'ERR_INVALID_ARGUMENT', field);
    assert.equal(failed.field, field);
  }
  assert.equal(server.requests.length, 0);
});

test('an explicit endpoint skips resolution and signs for its region', async () => {
  script = [OK];
  await assumeRole(fullRuntime({ now: NOW }), SOURCE, { roleArn: ROLE, endpoint: { url: server.url, region: 'ap-south-1' } });
  assert.match(String(server.requests.at(-1)?.headers['authorization']), /\/ap-south-1\/sts\/aws4_request/);
});
