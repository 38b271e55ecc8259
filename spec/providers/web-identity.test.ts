import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromTokenFile, fromWebToken, resolveTokenFile, resolveWebIdentity } from '../../lib/providers/web-identity.js';
import { assertNoSecrets, fullRuntime, rejection, scriptedServer, withRuntime, type Reply, type Scripted } from './remote-fixture.js';

const NOW = Date.parse('2021-08-16T19:52:53Z');
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln';
const OK_BODY = `<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>
  <Credentials><AccessKeyId>AKIDTEST</AccessKeyId><SecretAccessKey>SECRETKEYTEST</SecretAccessKey><SessionToken>SESSIONTOKEN_TEST</SessionToken>
  <Expiration>2021-08-16T20:52:53Z</Expiration></Credentials>
  <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/sdk-test/test-session</Arn></AssumedRoleUser>
</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`;
let script: Reply[] = [{ status: 200, body: OK_BODY }];
let server: Scripted;
before(async () => {
  server = await scriptedServer((_r, i) => script[Math.min(i, script.length - 1)] ?? { status: 500 });
});
after(() => server.close());

const ENV = { AWS_WEB_IDENTITY_TOKEN_FILE: '/token.jwt', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/test-role', AWS_ROLE_SESSION_NAME: 'test-session' };
function options(env: Record<string, string>, files: Record<string, string> = { '/token.jwt': `${JWT}\n` }) {
  server.requests.length = 0;
  return { env: { AWS_ENDPOINT_URL_STS: server.url, ...env }, files, now: NOW };
}
const body = (i = 0) => new URLSearchParams(server.requests[i]?.body ?? '');

test('token file + role ARN from the environment → unsigned AssumeRoleWithWebIdentity (web_identity_token_env)', async () => {
  script = [{ status: 200, body: OK_BODY }];
  const c = await resolveTokenFile(fullRuntime(options(ENV)));
  assert.equal(c?.accessKeyId, 'AKIDTEST');
  assert.equal(c?.accountId, '123456789012');
  assert.equal(c?.expiration?.toISOString(), '2021-08-16T20:52:53.000Z');
  assert.equal(body().get('Action'), 'AssumeRoleWithWebIdentity');
  assert.equal(body().get('RoleArn'), ENV.AWS_ROLE_ARN);
  assert.equal(body().get('RoleSessionName'), 'test-session');
  assert.equal(body().get('WebIdentityToken'), JWT, 'surrounding whitespace trimmed');
  assert.equal(server.requests[0]?.headers['authorization'], undefined);
});

test('either variable alone → not configured; fromTokenFile then throws ERR_CREDENTIALS_NOT_FOUND', async () => {
  assert.equal(await resolveTokenFile(fullRuntime(options({ AWS_WEB_IDENTITY_TOKEN_FILE: '/token.jwt' }))), undefined);
  assert.equal(await resolveTokenFile(fullRuntime(options({ AWS_ROLE_ARN: ENV.AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE: ' ' }))), undefined);
  const failed = await rejection(fromTokenFile(withRuntime({}, options({ AWS_ROLE_ARN: ENV.AWS_ROLE_ARN })))());
  assert.equal(failed.code, 'ERR_CREDENTIALS_NOT_FOUND');
  assert.equal(failed.source, 'web-identity');
  assert.equal(server.requests.length, 0);
});

test('a missing or empty token file is an error, not a skip', async () => {
  const missing = await rejection(resolveTokenFile(fullRuntime(options(ENV, {}))));
  assert.equal(missing.code, 'ERR_FILE_READ');
  assert.equal(missing.field, 'AWS_WEB_IDENTITY_TOKEN_FILE');
  const empty = await rejection(resolveTokenFile(fullRuntime(options(ENV, { '/token.jwt': ' \n' }))));
  assert.equal(empty.code, 'ERR_INVALID_ARGUMENT');
  const profileField = await rejection(resolveWebIdentity(fullRuntime(options({}, {})), { tokenFile: '/nope', roleArn: ENV.AWS_ROLE_ARN }));
  assert.equal(profileField.field, 'web_identity_token_file');
  assert.equal(server.requests.length, 0);
});

test('the token file is re-read on every call (projected tokens rotate)', async () => {
  script = [{ status: 200, body: OK_BODY }];
  const opts = options(ENV);
  const provider = fromTokenFile(withRuntime({}, opts));
  assert.deepEqual(await provider(), { accessKeyId: 'AKIDTEST', secretAccessKey: 'SECRETKEYTEST', sessionToken: 'SESSIONTOKEN_TEST', expiration: new Date('2021-08-16T20:52:53Z'), accountId: '123456789012' });
  opts.files['/token.jwt'] = 'rotated-token';
  await provider();
  assert.deepEqual([body(0).get('WebIdentityToken'), body(1).get('WebIdentityToken')], [JWT, 'rotated-token']);
});

test('init options beat the environment; region comes from clientConfig, then the environment and profile', async () => {
  script = [{ status: 200, body: OK_BODY }];
  const files = { '/other.jwt': 'other-token', '/token.jwt': JWT, '/cfg': '[default]\nregion = ap-south-1\n' };
  // No endpoint override: the transport sees the regional URL and sends it to the loopback server.
  const urls: string[] = [];
  const capture = (region: string) => ({
    env: { ...ENV, AWS_CONFIG_FILE: '/cfg' },
    files,
    now: NOW,
    onRequest: (r: { url: string | URL }) => urls.push(String(r.url)),
    redirect: { from: `https://sts.${region}.amazonaws.com`, to: server.url },
  });
  server.requests.length = 0;
  const init = { webIdentityTokenFile: '/other.jwt', roleArn: 'arn:aws:iam::123456789012:role/other', roleSessionName: 'mine', durationSeconds: 1800, clientConfig: { region: 'eu-west-3' } };
  await fromTokenFile(withRuntime(init, capture('eu-west-3')))();
  assert.equal(body().get('RoleArn'), 'arn:aws:iam::123456789012:role/other');
  assert.equal(body().get('RoleSessionName'), 'mine');
  assert.equal(body().get('DurationSeconds'), '1800');
  assert.equal(body().get('WebIdentityToken'), 'other-token');
  await resolveTokenFile(fullRuntime(capture('ap-south-1')));
  await resolveTokenFile(fullRuntime(capture('eu-north-1')), { region: 'eu-north-1' });
  assert.deepEqual(urls, ['https://sts.eu-west-3.amazonaws.com/', 'https://sts.ap-south-1.amazonaws.com/', 'https://sts.eu-north-1.amazonaws.com/']);
});

test('the profile services section can point STS elsewhere (assume_role_override_service_profile_url)', async () => {
  script = [{ status: 200, body: OK_BODY }];
  const cfg = `[default]\nservices = test-urls\n[services test-urls]\nsts =\n    endpoint_url = ${server.url}\n`;
  server.requests.length = 0;
  const c = await resolveTokenFile(fullRuntime({ env: { ...ENV, AWS_CONFIG_FILE: '/cfg' }, files: { '/cfg': cfg, '/token.jwt': JWT }, now: NOW }));
  assert.equal(c?.accessKeyId, 'AKIDTEST');
  assert.equal(server.requests.length, 1);
});

test('STS errors surface as ERR_STS_ERROR without the token (web_identity_token_invalid_jwt)', async () => {
  script = [{ status: 400, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>No OpenIDConnect provider found in your account</Message></Error></ErrorResponse>' }];
  const failed = await rejection(resolveTokenFile(fullRuntime(options(ENV)), { retryDelayMs: 0 }));
  assert.equal(failed.code, 'ERR_STS_ERROR');
  assert.equal(failed.remoteCode, 'InvalidIdentityToken');
  assertNoSecrets(failed, [JWT]);
});

test('fromWebToken exchanges an in-memory token', async () => {
  script = [{ status: 200, body: OK_BODY }];
  const identity = await fromWebToken(withRuntime({ roleArn: ENV.AWS_ROLE_ARN, webIdentityToken: ` ${JWT} `, providerId: 'p', policy: '{}', timeout: 5000, maxAttempts: 1, retryDelayMs: 0 }, options({ AWS_ROLE_SESSION_NAME: 'env-session' })))();
  assert.equal(identity.accessKeyId, 'AKIDTEST');
  assert.equal(body().get('WebIdentityToken'), JWT);
  assert.equal(body().get('RoleSessionName'), 'env-session');
  assert.equal(body().get('ProviderId'), 'p');
  const empty = await rejection(fromWebToken(withRuntime({ roleArn: ENV.AWS_ROLE_ARN, webIdentityToken: ' ' }, options({})))());
  assert.equal(empty.code, 'ERR_INVALID_ARGUMENT');
  assert.equal(empty.field, 'webIdentityToken');
});
