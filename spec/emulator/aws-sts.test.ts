import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromTemporaryCredentials, fromTokenFile, fromWebToken } from '@aws-sdk/credential-providers';
import { startAwsEmulator, type AwsEmulator } from '../../lib/emulator/aws.js';
import type { EmulatedIdentity } from '../../lib/emulator/registry.js';
import { ISOLATED_ENV, sdkSign, sendSigned, withEnv, xmlText } from './aws-helpers.js';

const ACCOUNT = '210987654321';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app-role`;
const WEB_ROLE = `arn:aws:iam::${ACCOUNT}:role/web-role`;
const WEB_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0.';

let emulator: AwsEmulator;
let user: EmulatedIdentity;
let dir: string;

before(async () => {
  emulator = await startAwsEmulator({ account: ACCOUNT });
  user = emulator.registry.addUser({ arn: `arn:aws:iam::${ACCOUNT}:user/bob` });
  emulator.registry.addRole({ roleArn: ROLE });
  emulator.registry.addRole({ roleArn: WEB_ROLE, trustedWebIdentityToken: WEB_TOKEN });
  dir = await mkdtemp(join(tmpdir(), 'aws-sts-test-'));
});

after(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

const stsClientConfig = () => ({ endpoint: emulator.sts.url, region: 'us-east-1' });

async function callerArn(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<Response> {
  return sendSigned(emulator.sts.url, await sdkSign(`${emulator.sts.url}/`, credentials));
}

test('GetCallerIdentity signed with @smithy/signature-v4 and sent over HTTP returns the GetCallerIdentityResponse XML', async () => {
  const before = emulator.requests.length;
  const response = await callerArn(user);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/xml');
  const xml = await response.text();
  assert.match(xml, /^<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">/);
  assert.equal(xmlText(xml, 'Arn'), `arn:aws:iam::${ACCOUNT}:user/bob`);
  assert.equal(xmlText(xml, 'UserId'), user.userId);
  assert.equal(xmlText(xml, 'Account'), ACCOUNT);
  assert.match(xmlText(xml, 'RequestId') ?? '', /^[0-9a-f-]{36}$/);
  const record = emulator.requests[before];
  assert.ok(record !== undefined);
  assert.equal(record.server, 'sts');
  assert.equal(record.action, 'GetCallerIdentity');
  assert.equal(record.status, 200);
  assert.ok(record.headerNames.includes('authorization'));
  assert.ok(!JSON.stringify(record).includes(user.secretAccessKey) && !JSON.stringify(record).includes('Signature='));
});

test('GetCallerIdentity with Accept: application/json answers the JSON nesting; refusals are ErrorResponse documents', async () => {
  const signed = await sdkSign(`${emulator.sts.url}/`, user, { headers: { accept: 'application/json' } });
  const response = await sendSigned(emulator.sts.url, signed);
  const json = (await response.json()) as { GetCallerIdentityResponse: { GetCallerIdentityResult: { Arn: string } } };
  assert.equal(json.GetCallerIdentityResponse.GetCallerIdentityResult.Arn, `arn:aws:iam::${ACCOUNT}:user/bob`);

  const bad = await sdkSign(`${emulator.sts.url}/`, { accessKeyId: user.accessKeyId, secretAccessKey: 'wrong' });
  const refused = await sendSigned(emulator.sts.url, bad);
  assert.equal(refused.status, 403);
  const xml = await refused.text();
  assert.match(xml, /^<ErrorResponse xmlns=/);
  assert.equal(xmlText(xml, 'Type'), 'Sender');
  assert.equal(xmlText(xml, 'Code'), 'SignatureDoesNotMatch');

  const badJson = await sdkSign(`${emulator.sts.url}/`, { accessKeyId: 'AKIANOTREGISTERED000', secretAccessKey: 'x' }, { headers: { accept: 'application/json' } });
  const refusedJson = (await (await sendSigned(emulator.sts.url, badJson)).json()) as { Error: { Code: string; Type: string } };
  assert.deepEqual([refusedJson.Error.Code, refusedJson.Error.Type], ['InvalidClientTokenId', 'Sender']);
});

test('the real SDK fromTemporaryCredentials obtains AssumeRole credentials that GetCallerIdentity then maps to the assumed-role ARN', async () => {
  const provider = fromTemporaryCredentials({
    masterCredentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
    params: { RoleArn: ROLE, RoleSessionName: 'sdk-session', DurationSeconds: 900 },
    clientConfig: stsClientConfig(),
  });
  const credentials = await withEnv(ISOLATED_ENV, () => provider());
  assert.match(credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.ok(credentials.sessionToken !== undefined && credentials.expiration instanceof Date);
  assert.equal(credentials.expiration.getMilliseconds(), 0);
  assert.equal(emulator.registry.lookup(credentials.accessKeyId)?.expiration?.getTime(), credentials.expiration.getTime());
  const xml = await (await callerArn(credentials)).text();
  assert.equal(xmlText(xml, 'Arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/sdk-session`);
  assert.match(xmlText(xml, 'UserId') ?? '', /^AROA[A-Z2-7]{17}:sdk-session$/);
  assert.equal(emulator.requests.filter((r) => r.action === 'AssumeRole').at(-1)?.status, 200);
});

test('AssumeRole of an unregistered role is 403 AccessDenied, surfaced by the real SDK with its code and status', async () => {
  const provider = fromTemporaryCredentials({
    masterCredentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
    params: { RoleArn: `arn:aws:iam::${ACCOUNT}:role/unknown`, RoleSessionName: 'x1' },
    clientConfig: stsClientConfig(),
  });
  await assert.rejects(withEnv(ISOLATED_ENV, () => provider()), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, 'AccessDenied');
    assert.equal(error.$metadata?.httpStatusCode, 403);
    return true;
  });
});

test('AssumeRole checks the signature first, then RoleArn, RoleSessionName and DurationSeconds (400 ValidationError)', async () => {
  const assume = async (params: string, credentials: { accessKeyId: string; secretAccessKey: string } = user) => {
    const response = await sendSigned(emulator.sts.url, await sdkSign(`${emulator.sts.url}/`, credentials, { body: `Action=AssumeRole&Version=2011-06-15&${params}` }));
    return `${response.status} ${xmlText(await response.text(), 'Code') ?? 'ok'}`;
  };
  const role = `RoleArn=${encodeURIComponent(ROLE)}`;
  assert.equal(await assume(`${role}&RoleSessionName=ok`, { accessKeyId: user.accessKeyId, secretAccessKey: 'nope' }), '403 SignatureDoesNotMatch');
  assert.equal(await assume('RoleSessionName=ok'), '400 ValidationError');
  assert.equal(await assume(role), '400 ValidationError');
  assert.equal(await assume(`${role}&RoleSessionName=has%20space`), '400 ValidationError');
  assert.equal(await assume(`${role}&RoleSessionName=ok&DurationSeconds=899`), '400 ValidationError');
  assert.equal(await assume(`${role}&RoleSessionName=ok&DurationSeconds=43201`), '400 ValidationError');
  assert.equal(await assume(`${role}&RoleSessionName=a%2Bb%3Dc%40d&DurationSeconds=43200`), '200 ok');
  const unsigned = await fetch(`${emulator.sts.url}/`, { method: 'POST', body: `Action=AssumeRole&Version=2011-06-15&${role}&RoleSessionName=ok` });
  assert.equal(unsigned.status, 403);
  assert.equal(xmlText(await unsigned.text(), 'Code'), 'MissingAuthenticationToken');
});

test('the real SDK fromWebToken obtains AssumeRoleWithWebIdentity credentials (unsigned) for the trusted token', async () => {
  const provider = fromWebToken({ roleArn: WEB_ROLE, webIdentityToken: WEB_TOKEN, roleSessionName: 'pod-1', clientConfig: stsClientConfig() });
  const credentials = await withEnv(ISOLATED_ENV, () => provider());
  assert.match(credentials.accessKeyId, /^ASIA/);
  const xml = await (await callerArn(credentials)).text();
  assert.equal(xmlText(xml, 'Arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/pod-1`);
  const record = emulator.requests.filter((r) => r.action === 'AssumeRoleWithWebIdentity').at(-1);
  assert.ok(record !== undefined && !record.headerNames.includes('authorization'));
});

test('a wrong web identity token is 400 InvalidIdentityToken; a role without a trusted token is 403 AccessDenied', async () => {
  const wrong = fromWebToken({ roleArn: WEB_ROLE, webIdentityToken: `${WEB_TOKEN}x`, roleSessionName: 'pod-1', clientConfig: stsClientConfig() });
  await assert.rejects(withEnv(ISOLATED_ENV, () => wrong()), (error: Error & { $metadata?: { httpStatusCode?: number } }) => error.name === 'InvalidIdentityTokenException' && error.$metadata?.httpStatusCode === 400);
  const untrusted = fromWebToken({ roleArn: ROLE, webIdentityToken: WEB_TOKEN, roleSessionName: 'pod-1', clientConfig: stsClientConfig() });
  await assert.rejects(withEnv(ISOLATED_ENV, () => untrusted()), { name: 'AccessDenied' });
  const short = await fetch(`${emulator.sts.url}/`, { method: 'POST', body: `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(WEB_ROLE)}&RoleSessionName=ab&WebIdentityToken=abc` });
  assert.equal(xmlText(await short.text(), 'Code'), 'ValidationError');
  const noSession = await fetch(`${emulator.sts.url}/`, { method: 'POST', body: `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(WEB_ROLE)}&WebIdentityToken=abcd` });
  assert.equal(xmlText(await noSession.text(), 'Code'), 'ValidationError');
});

test('the real SDK fromTokenFile, configured only by environment variables (AWS_ENDPOINT_URL_STS), obtains credentials', async () => {
  const tokenFile = join(dir, 'token');
  await writeFile(tokenFile, WEB_TOKEN);
  const previous = process.env['AWS_ROLE_ARN'];
  const credentials = await withEnv(
    { ...ISOLATED_ENV, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: WEB_ROLE, AWS_ROLE_SESSION_NAME: 'env-session', AWS_ENDPOINT_URL_STS: emulator.sts.url },
    () => fromTokenFile()(),
  );
  const xml = await (await callerArn(credentials)).text();
  assert.equal(xmlText(xml, 'Arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/env-session`);
  assert.equal(process.env['AWS_ROLE_ARN'], previous);
});

test('the MongoDB specification form (query-string parameters, Accept: application/json) gets JSON with Expiration in epoch seconds', async () => {
  const query = new URLSearchParams({ Action: 'AssumeRoleWithWebIdentity', RoleSessionName: 'mongo', RoleArn: WEB_ROLE, WebIdentityToken: WEB_TOKEN, Version: '2011-06-15' });
  const response = await fetch(`${emulator.sts.url}/?${query}`, { method: 'POST', headers: { accept: 'application/json' } });
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    AssumeRoleWithWebIdentityResponse: { AssumeRoleWithWebIdentityResult: { Credentials: { AccessKeyId: string; Expiration: number }; AssumedRoleUser: { Arn: string } } };
  };
  const result = body.AssumeRoleWithWebIdentityResponse.AssumeRoleWithWebIdentityResult;
  assert.equal(typeof result.Credentials.Expiration, 'number');
  assert.equal(emulator.registry.lookup(result.Credentials.AccessKeyId)?.expiration?.getTime(), result.Credentials.Expiration * 1000);
  assert.equal(result.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/web-role/mongo`);
});

test('a missing Action, an unknown Action, a wrong Version and an unsupported method are refused with STS error documents', async () => {
  const post = async (body: string, method = 'POST') => {
    const response = await fetch(`${emulator.sts.url}/`, { method, ...(method === 'POST' ? { body } : {}) });
    return `${response.status} ${xmlText(await response.text(), 'Code')}`;
  };
  assert.equal(await post('Version=2011-06-15'), '400 MissingAction');
  assert.equal(await post('Action=GetSessionToken&Version=2011-06-15'), '400 InvalidAction');
  assert.equal(await post('Action=GetCallerIdentity&Version=2020-01-01'), '400 InvalidAction');
  assert.equal(await post('Action=GetCallerIdentity'), '400 InvalidAction');
  assert.equal(await post('', 'DELETE'), '405 MethodNotAllowed');
  assert.equal(await post('Action=GetCallerIdentity&Version=2011-06-15'), '403 MissingAuthenticationToken');
  const escaped = await fetch(`${emulator.sts.url}/`, { method: 'POST', body: 'Action=%3Cx%3E&Version=2011-06-15' });
  assert.match(await escaped.text(), /Could not find operation &lt;x&gt; for version/);
});

test('a body over the cap is refused with 413 before any handler runs', async () => {
  const small = await startAwsEmulator({ maxBodyBytes: 64 });
  try {
    const response = await fetch(`${small.sts.url}/`, { method: 'POST', body: `Action=GetCallerIdentity&Version=2011-06-15&pad=${'x'.repeat(100)}` });
    assert.equal(response.status, 413);
    assert.equal(small.requests[0]?.status, 413);
    assert.equal(small.requests[0]?.action, undefined);
  } finally {
    await small.close();
  }
});
