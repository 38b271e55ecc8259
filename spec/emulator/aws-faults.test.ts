import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromInstanceMetadata, fromWebToken } from '@aws-sdk/credential-providers';
import { startAwsEmulator, type AwsEmulator } from '../../lib/emulator/aws.js';
import type { AwsServerName } from '../../lib/emulator/faults.js';
import { httpRequest } from '../../lib/http/client.js';
import { ISOLATED_ENV, sdkSign, sendSigned, withEnv, xmlText } from './aws-helpers.js';

const ROLE = 'arn:aws:iam::123456789012:role/faulty';
const TOKEN = 'faulty-web-identity-token';
const WEB_BODY = `Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=${encodeURIComponent(ROLE)}&RoleSessionName=s1&WebIdentityToken=${TOKEN}`;
const IMDS_CREDS = '/latest/meta-data/iam/security-credentials/emulator-instance-role';

let emulator: AwsEmulator;

before(async () => {
  emulator = await startAwsEmulator();
  emulator.registry.addRole({ roleArn: ROLE, trustedWebIdentityToken: TOKEN });
  emulator.registry.addSsoAccessToken('sso-token');
});

after(async () => {
  await emulator.close();
});

function webIdentity(): Promise<Response> {
  return fetch(`${emulator.sts.url}/`, { method: 'POST', body: WEB_BODY });
}

async function imdsToken(): Promise<string> {
  return (await fetch(`${emulator.imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
}

function sso(): Promise<Response> {
  return fetch(`${emulator.sso.url}/federation/credentials?role_name=faulty&account_id=123456789012`, { headers: { 'x-amz-sso_bearer_token': 'sso-token' } });
}

function ecs(): Promise<Response> {
  return fetch(`${emulator.ecs.url}${emulator.ecs.relativePath}`);
}

test('status fault with times: 1 answers the STS error document once, then the server recovers; the real SDK retries through it', async () => {
  emulator.faults.set('sts', { status: 500, times: 1 });
  const first = await webIdentity();
  assert.equal(first.status, 500);
  const xml = await first.text();
  assert.deepEqual([xmlText(xml, 'Type'), xmlText(xml, 'Code')], ['Receiver', 'InternalFailure']);
  assert.equal((await webIdentity()).status, 200);
  assert.deepEqual(emulator.faults.active('sts'), []);

  emulator.faults.set('sts', { status: 503, times: 1 });
  const before = emulator.requests.length;
  const credentials = await withEnv(ISOLATED_ENV, () =>
    fromWebToken({ roleArn: ROLE, webIdentityToken: TOKEN, roleSessionName: 'retry', clientConfig: { endpoint: emulator.sts.url, region: 'us-east-1' } })(),
  );
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.deepEqual(emulator.requests.slice(before).map((r) => r.status), [503, 200]);
});

test('status faults use each server\'s own error document, a default code per status, or the given code', async () => {
  const stsCode = async (status: number, code?: string) => {
    emulator.faults.set('sts', { status, times: 1, ...(code === undefined ? {} : { code }) });
    const response = await webIdentity();
    assert.equal(response.status, status);
    return xmlText(await response.text(), 'Code');
  };
  assert.equal(await stsCode(503), 'ServiceUnavailable');
  assert.equal(await stsCode(403), 'AccessDenied');
  assert.equal(await stsCode(429), 'Throttling');
  assert.equal(await stsCode(400), 'InvalidParameterValue');
  assert.equal(await stsCode(400, 'IDPCommunicationError'), 'IDPCommunicationError');

  emulator.faults.set('ecs', { status: 500 });
  const ecsBody = async () => ((await (await ecs()).json()) as { Code: string }).Code;
  assert.equal(await ecsBody(), 'InternalServerError');
  emulator.faults.set('ecs', { status: 429 });
  assert.equal(await ecsBody(), 'InvalidRequest');
  emulator.faults.set('ecs', { status: 403, code: 'Denied' });
  assert.equal(await ecsBody(), 'Denied');
  emulator.faults.clear('ecs');
  assert.equal((await ecs()).status, 200);

  emulator.faults.set('sso', { status: 500, times: 2 });
  assert.equal((await sso()).headers.get('x-amzn-errortype'), 'InternalServerException');
  emulator.faults.set('sso', { status: 429, times: 1 });
  assert.equal((await sso()).headers.get('x-amzn-errortype'), 'TooManyRequestsException');
  assert.equal((await sso()).status, 200);

  emulator.faults.set('imds', { status: 503 });
  const page = await fetch(`${emulator.imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } });
  assert.equal(page.status, 503);
  assert.match(await page.text(), /<h1>503 - Error<\/h1>/);
  await assert.rejects(withEnv({ ...ISOLATED_ENV, AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.imds.url }, () => fromInstanceMetadata({})()), { name: 'ProviderError' });
  emulator.faults.clear();
});

test('a path-scoped malformedBody fault truncates only the matching responses, so STS XML, IMDS, ECS and SSO JSON no longer parse', async () => {
  emulator.faults.set('imds', { malformedBody: true, path: IMDS_CREDS, times: 1 });
  const token = await imdsToken();
  assert.equal(token.length > 20, true);
  const creds = await fetch(`${emulator.imds.url}${IMDS_CREDS}`, { headers: { 'x-aws-ec2-metadata-token': token } });
  assert.equal(creds.status, 200);
  await assert.rejects(creds.json(), SyntaxError);

  emulator.faults.set('ecs', { malformedBody: true, times: 1 });
  await assert.rejects((await ecs()).json(), SyntaxError);
  emulator.faults.set('sso', { malformedBody: true, times: 1 });
  await assert.rejects((await sso()).json(), SyntaxError);
  emulator.faults.set('sts', { malformedBody: true, times: 1 });
  const xml = await (await webIdentity()).text();
  assert.ok(!xml.includes('</AssumeRoleWithWebIdentityResponse>'));
  emulator.faults.set('sts', { malformedBody: true, times: 1 });
  await assert.rejects(
    withEnv(ISOLATED_ENV, () => fromWebToken({ roleArn: ROLE, webIdentityToken: TOKEN, clientConfig: { endpoint: emulator.sts.url, region: 'us-east-1', maxAttempts: 1 } })()),
  );
  // The next request is whole again.
  assert.equal((await webIdentity()).status, 200);
});

test('a closeConnection fault destroys the socket: the client sees ERR_HTTP_CONNECTION and the log has no status', async () => {
  for (const server of ['sts', 'imds', 'ecs', 'sso'] as const satisfies readonly AwsServerName[]) {
    emulator.faults.set(server, { closeConnection: true, times: 1 });
    await assert.rejects(
      httpRequest({ method: 'GET', url: `${emulator[server].url}/`, timeoutMs: 5000, maxBodyBytes: 1024 }),
      { code: 'ERR_HTTP_CONNECTION' },
    );
    const record = emulator.requests.at(-1);
    assert.equal(record?.server, server);
    assert.equal(record?.status, undefined);
  }
});

test('a latency fault delays the answer: a client with a shorter timeout gives up, a patient one gets the answer', async () => {
  emulator.faults.set('ecs', { latencyMs: 30_000, times: 1 });
  await assert.rejects(httpRequest({ method: 'GET', url: `${emulator.ecs.url}${emulator.ecs.relativePath}`, timeoutMs: 100, maxBodyBytes: 4096 }), { code: 'ERR_HTTP_TIMEOUT' });
  emulator.faults.set('ecs', { latencyMs: 20, times: 1 });
  const response = await httpRequest({ method: 'GET', url: `${emulator.ecs.url}${emulator.ecs.relativePath}`, timeoutMs: 10_000, maxBodyBytes: 4096 });
  assert.equal(response.status, 200);
});

test('closing the emulator cancels a pending latency fault instead of waiting for it', async () => {
  const short = await startAwsEmulator();
  short.faults.set('sts', { latencyMs: 60_000 });
  const pending = httpRequest({ method: 'POST', url: `${short.sts.url}/`, body: 'Action=GetCallerIdentity&Version=2011-06-15', timeoutMs: 120_000, maxBodyBytes: 4096 });
  while (short.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
  await short.close();
  await assert.rejects(pending, { code: 'ERR_HTTP_CONNECTION' });
});

test('an expiredCredentials fault makes every server issue already-expired credentials, which STS then refuses with ExpiredToken', async () => {
  const now = Date.now();
  emulator.faults.set('sts', { expiredCredentials: true, times: 1 });
  const xml = await (await webIdentity()).text();
  assert.ok(Date.parse(xmlText(xml, 'Expiration') as string) < now);
  const expired = { accessKeyId: xmlText(xml, 'AccessKeyId') as string, secretAccessKey: xmlText(xml, 'SecretAccessKey') as string, sessionToken: xmlText(xml, 'SessionToken') as string };
  const refused = await sendSigned(emulator.sts.url, await sdkSign(`${emulator.sts.url}/`, expired));
  assert.equal(refused.status, 403);
  assert.equal(xmlText(await refused.text(), 'Code'), 'ExpiredToken');

  emulator.faults.set('imds', { expiredCredentials: true, path: IMDS_CREDS, times: 1 });
  const token = await imdsToken();
  const imdsDoc = async () => (await (await fetch(`${emulator.imds.url}${IMDS_CREDS}`, { headers: { 'x-aws-ec2-metadata-token': token } })).json()) as { Expiration: string; AccessKeyId: string };
  const stale = await imdsDoc();
  assert.ok(Date.parse(stale.Expiration) < now);
  const fresh = await imdsDoc();
  assert.ok(Date.parse(fresh.Expiration) > now);
  assert.notEqual(fresh.AccessKeyId, stale.AccessKeyId);

  emulator.faults.set('ecs', { expiredCredentials: true, times: 1 });
  assert.ok(Date.parse(((await (await ecs()).json()) as { Expiration: string }).Expiration) < now);
  emulator.faults.set('sso', { expiredCredentials: true, times: 1 });
  assert.ok((((await (await sso()).json()) as { roleCredentials: { expiration: number } }).roleCredentials.expiration) < now);
});
