import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromInstanceMetadata } from '@aws-sdk/credential-providers';
import { startAwsEmulator, type AwsEmulator } from '../../lib/emulator/aws.js';
import { ISOLATED_ENV, sdkSign, sendSigned, withEnv, xmlText } from './aws-helpers.js';

let emulator: AwsEmulator;
let clock = Date.now();

before(async () => {
  emulator = await startAwsEmulator({ now: () => clock });
});

after(async () => {
  await emulator.close();
});

async function token(ttl = '21600', base = emulator.imds.url): Promise<string> {
  const response = await fetch(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl } });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), ttl);
  return response.text();
}

async function get(path: string, value?: string, base = emulator.imds.url): Promise<Response> {
  return fetch(`${base}${path}`, value === undefined ? {} : { headers: { 'x-aws-ec2-metadata-token': value } });
}

test('the real SDK fromInstanceMetadata (AWS_EC2_METADATA_SERVICE_ENDPOINT) obtains role credentials over IMDSv2', async () => {
  const before = emulator.requests.length;
  const previous = process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'];
  const credentials = await withEnv({ ...ISOLATED_ENV, AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.imds.url }, () => fromInstanceMetadata({})());
  assert.equal(process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'], previous);
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.ok(credentials.expiration instanceof Date && credentials.expiration.getTime() > clock);
  const calls = emulator.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
  assert.deepEqual(calls, [
    'PUT /latest/api/token 200',
    'GET /latest/meta-data/iam/security-credentials/ 200',
    'GET /latest/meta-data/iam/security-credentials/emulator-instance-role 200',
  ]);
  // The instance-profile credentials are real to the emulated STS.
  const xml = await (await sendSigned(emulator.sts.url, await sdkSign(`${emulator.sts.url}/`, credentials))).text();
  assert.equal(xmlText(xml, 'Arn'), 'arn:aws:sts::123456789012:assumed-role/emulator-instance-role/i-0e2d5c4b3a2910f00');
});

test('the credentials document has the recorded IMDS shape and is reused until close to expiry', async () => {
  const value = await token();
  assert.equal(await (await get('/latest/meta-data/iam/security-credentials/', value)).text(), 'emulator-instance-role');
  assert.equal(await (await get('/latest/meta-data/iam/security-credentials', value)).text(), 'emulator-instance-role');
  const response = await get('/latest/meta-data/iam/security-credentials/emulator-instance-role', value);
  const doc = (await response.json()) as Record<string, string>;
  assert.deepEqual(Object.keys(doc), ['Code', 'LastUpdated', 'Type', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
  assert.equal(doc['Code'], 'Success');
  assert.equal(doc['Type'], 'AWS-HMAC');
  assert.match(doc['Expiration'] as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  assert.match(doc['LastUpdated'] as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  const again = (await (await get('/latest/meta-data/iam/security-credentials/emulator-instance-role', value)).json()) as Record<string, string>;
  assert.equal(again['AccessKeyId'], doc['AccessKeyId']);
  // 56 minutes later the credentials are within 5 minutes of expiry: rotated.
  clock += 56 * 60_000;
  const rotated = (await (await get('/latest/meta-data/iam/security-credentials/emulator-instance-role', await token())).json()) as Record<string, string>;
  assert.notEqual(rotated['AccessKeyId'], doc['AccessKeyId']);
  // Revoked credentials are replaced too.
  emulator.registry.revoke(rotated['AccessKeyId'] as string);
  const replaced = (await (await get('/latest/meta-data/iam/security-credentials/emulator-instance-role', await token())).json()) as Record<string, string>;
  assert.notEqual(replaced['AccessKeyId'], rotated['AccessKeyId']);
});

test('the token TTL must be an integer from 1 to 21600 (else 400), and the token path only takes PUT', async () => {
  for (const ttl of ['0', '21601', 'abc', '-1', '1.5', '']) {
    const response = await fetch(`${emulator.imds.url}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl } });
    assert.equal(response.status, 400, ttl);
  }
  const missing = await fetch(`${emulator.imds.url}/latest/api/token`, { method: 'PUT' });
  assert.equal(missing.status, 400);
  assert.match(await missing.text(), /<h1>400 - Bad Request<\/h1>/);
  assert.equal((await get('/latest/api/token')).status, 405);
  await token('1');
});

test('metadata GETs without a token, with an unknown token or with an expired token are 401', async () => {
  assert.equal((await get('/latest/meta-data/iam/security-credentials/')).status, 401);
  assert.equal((await get('/latest/meta-data/iam/security-credentials/', 'not-a-token')).status, 401);
  const short = await token('30');
  assert.equal((await get('/latest/meta-data/iam/security-credentials/', short)).status, 200);
  clock += 31_000;
  const expired = await get('/latest/meta-data/iam/security-credentials/', short);
  assert.equal(expired.status, 401);
  assert.equal(expired.headers.get('content-type'), 'text/html');
  await token(); // prunes the expired token
  assert.equal((await get('/latest/meta-data/iam/security-credentials/', short)).status, 401);
});

test('an unknown role, another metadata path and a non-GET method are 404, 404 and 405', async () => {
  const value = await token();
  assert.equal((await get('/latest/meta-data/iam/security-credentials/other-role', value)).status, 404);
  assert.equal((await get('/latest/meta-data/instance-id', value)).status, 404);
  const post = await fetch(`${emulator.imds.url}/latest/meta-data/iam/security-credentials/`, { method: 'POST', headers: { 'x-aws-ec2-metadata-token': value } });
  assert.equal(post.status, 405);
});

test('an instance without a role answers 404 on the listing, and the real SDK fails', async () => {
  const bare = await startAwsEmulator({ imdsRoleName: null });
  try {
    assert.equal(bare.imds.roleName, null);
    assert.equal(bare.imds.roleArn, undefined);
    const value = await token('60', bare.imds.url);
    assert.equal((await get('/latest/meta-data/iam/security-credentials/', value, bare.imds.url)).status, 404);
    assert.equal((await get('/latest/meta-data/iam/security-credentials/emulator-instance-role', value, bare.imds.url)).status, 404);
    await assert.rejects(withEnv({ ...ISOLATED_ENV, AWS_EC2_METADATA_SERVICE_ENDPOINT: bare.imds.url }, () => fromInstanceMetadata({})()), {
      name: 'ProviderError',
      message: 'Error response received from instance metadata service',
    });
  } finally {
    await bare.close();
  }
});
