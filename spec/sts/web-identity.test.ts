import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assumeRoleWithWebIdentity } from '../../lib/sts/web-identity.js';
import { Secret } from '../../lib/secret.js';
import { assertNoSecrets, fullRuntime, rejection, scriptedServer, type Reply, type Scripted } from '../providers/remote-fixture.js';

const NOW = Date.parse('2021-08-16T19:52:53Z');
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl+/=';
const OK_BODY = `<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>
  <Credentials><AccessKeyId>AKIDTEST</AccessKeyId><SecretAccessKey>SECRETKEYTEST</SecretAccessKey><SessionToken>SESSIONTOKEN_TEST</SessionToken>
  <Expiration>2021-08-16T20:52:53Z</Expiration></Credentials>
  <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/sdk-test/test-session</Arn></AssumedRoleUser>
</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`;
let script: Reply[] = [];
let server: Scripted;
before(async () => {
  server = await scriptedServer((_r, i) => script[Math.min(i, script.length - 1)] ?? { status: 500 });
});
after(() => server.close());

function runtime() {
  server.requests.length = 0;
  return fullRuntime({ env: { AWS_ENDPOINT_URL_STS: server.url, AWS_REGION: 'eu-west-1' }, now: NOW });
}

test('AssumeRoleWithWebIdentity is unsigned: no Authorization, no security token, no X-Amz-Date', async () => {
  script = [{ status: 200, headers: { 'content-type': 'text/xml' }, body: OK_BODY }];
  const credentials = await assumeRoleWithWebIdentity(runtime(), { roleArn: 'arn:aws:iam::123456789123:role/test-role', roleSessionName: 'test-session', webIdentityToken: new Secret(TOKEN) });
  assert.equal(credentials.accessKeyId, 'AKIDTEST');
  assert.equal(credentials.accountId, '123456789012');
  const [request] = server.requests;
  assert.equal(request?.method, 'POST');
  assert.equal(request?.headers['authorization'], undefined);
  assert.equal(request?.headers['x-amz-security-token'], undefined);
  assert.equal(request?.headers['x-amz-date'], undefined);
  assert.equal(request?.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.equal(
    request?.body,
    `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789123%3Arole%2Ftest-role&RoleSessionName=test-session&WebIdentityToken=${TOKEN.replace('+', '%2B').replace('/', '%2F').replace('=', '%3D')}`,
  );
});

test('optional parameters and the generated session name', async () => {
  script = [{ status: 200, headers: { 'content-type': 'text/xml' }, body: OK_BODY }];
  await assumeRoleWithWebIdentity(runtime(), { roleArn: 'arn:aws:iam::123456789123:role/r', webIdentityToken: new Secret(TOKEN), providerId: 'www.amazon.com', policy: '{"a":1}', durationSeconds: 3600 });
  const body = new URLSearchParams(server.requests[0]?.body ?? '');
  assert.equal(body.get('RoleSessionName'), `mongodb-aws-auth-${NOW}`);
  assert.equal(body.get('ProviderId'), 'www.amazon.com');
  assert.equal(body.get('Policy'), '{"a":1}');
  assert.equal(body.get('DurationSeconds'), '3600');
});

test('STS error reply (web_identity_token_invalid_jwt) → ERR_STS_ERROR InvalidIdentityToken; the token never leaks', async () => {
  script = [{
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>No OpenIDConnect provider found in your account for https://s3-us-west-2.amazonaws.com/oidc-test</Message></Error><RequestId>5045ca91</RequestId></ErrorResponse>',
  }];
  const failed = await rejection(assumeRoleWithWebIdentity(runtime(), { roleArn: 'arn:aws:iam::123456789:role/RoleB', webIdentityToken: new Secret(TOKEN), retryDelayMs: 0 }));
  assert.equal(failed.code, 'ERR_STS_ERROR');
  assert.equal(failed.remoteCode, 'InvalidIdentityToken');
  assert.match(failed.message, /InvalidIdentityToken: No OpenIDConnect provider found in your account/);
  assert.equal(server.requests.length, 1);
  assertNoSecrets(failed, [TOKEN]);
});

test('IDPCommunicationError is retried', async () => {
  script = [{ status: 400, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse><Error><Code>IDPCommunicationError</Code></Error></ErrorResponse>' }, { status: 200, body: OK_BODY }];
  await assumeRoleWithWebIdentity(runtime(), { roleArn: 'arn:aws:iam::123456789:role/RoleB', webIdentityToken: new Secret(TOKEN), retryDelayMs: 0 });
  assert.equal(server.requests.length, 2);
});

test('tokens outside 4..20000 characters are refused before any request', async () => {
  for (const token of ['abc', 'x'.repeat(20_001)]) {
    const failed = await rejection(assumeRoleWithWebIdentity(runtime(), { roleArn: 'arn:aws:iam::123456789:role/RoleB', webIdentityToken: new Secret(token) }));
    assert.equal(failed.code, 'ERR_INVALID_ARGUMENT');
    assert.equal(failed.field, 'webIdentityToken');
  }
  const badName = await rejection(assumeRoleWithWebIdentity(runtime(), { roleArn: 'arn:aws:iam::123456789:role/RoleB', roleSessionName: 'x', webIdentityToken: new Secret(TOKEN) }));
  assert.equal(badName.field, 'roleSessionName');
  assert.equal(server.requests.length, 0);
});
