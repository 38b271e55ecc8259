import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromContainerMetadata, fromHttp } from '@aws-sdk/credential-providers';
import { startAwsEmulator, type AwsEmulator } from '../../lib/emulator/aws.js';
import { ISOLATED_ENV, sdkSign, sendSigned, withEnv, xmlText } from './aws-helpers.js';

let emulator: AwsEmulator;

before(async () => {
  emulator = await startAwsEmulator({ ecsRoleArn: 'arn:aws:iam::123456789012:role/service/task-role' });
});

after(async () => {
  await emulator.close();
});

async function arnOf(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<string | undefined> {
  return xmlText(await (await sendSigned(emulator.sts.url, await sdkSign(`${emulator.sts.url}/`, credentials))).text(), 'Arn');
}

test('the real SDK fromContainerMetadata (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN) obtains task credentials', async () => {
  assert.match(emulator.ecs.fullUri, /^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/);
  const env = { ...ISOLATED_ENV, AWS_CONTAINER_CREDENTIALS_FULL_URI: emulator.ecs.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: emulator.ecs.authorizationToken };
  const credentials = await withEnv(env, () => fromContainerMetadata()());
  assert.equal(process.env['AWS_CONTAINER_AUTHORIZATION_TOKEN'], undefined);
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.equal(await arnOf(credentials), 'arn:aws:sts::123456789012:assumed-role/task-role/emulator-task');
  const record = emulator.requests.filter((r) => r.server === 'ecs').at(-1);
  assert.ok(record?.headerNames.includes('authorization'));
});

test('the real SDK fromHttp obtains credentials from the full URI with the token, and from the relative path without one', async () => {
  const env = { ...ISOLATED_ENV, AWS_CONTAINER_CREDENTIALS_FULL_URI: emulator.ecs.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: emulator.ecs.authorizationToken };
  const full = await withEnv(env, () => fromHttp({})());
  assert.match(full.accessKeyId, /^ASIA/);
  // The SDK puts 169.254.170.2 before a relative URI, so the relative path is reached through a full URI.
  const relative = await withEnv({ ...ISOLATED_ENV }, () => fromHttp({ awsContainerCredentialsFullUri: `${emulator.ecs.url}${emulator.ecs.relativePath}` })());
  assert.equal(relative.accessKeyId, full.accessKeyId);
});

test('the documents carry RoleArn, AccessKeyId, SecretAccessKey, Token, AccountId and an ISO Expiration without milliseconds', async () => {
  const response = await fetch(`${emulator.ecs.url}${emulator.ecs.relativePath}`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const doc = (await response.json()) as Record<string, string>;
  assert.deepEqual(Object.keys(doc).sort(), ['AccessKeyId', 'AccountId', 'Expiration', 'RoleArn', 'SecretAccessKey', 'Token']);
  assert.equal(doc['RoleArn'], emulator.ecs.roleArn);
  assert.match(doc['Expiration'] as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
});

test('the full-URI path refuses a missing or wrong Authorization with 403 {Code, Message}, surfaced by the real SDK', async () => {
  const missing = await fetch(emulator.ecs.fullUri);
  assert.equal(missing.status, 403);
  assert.deepEqual(await missing.json(), { Code: 'AccessDenied', Message: 'Authorization header is missing or not valid' });
  const wrong = await fetch(emulator.ecs.fullUri, { headers: { authorization: `${emulator.ecs.authorizationToken}x` } });
  assert.equal(wrong.status, 403);
  const env = { ...ISOLATED_ENV, AWS_CONTAINER_CREDENTIALS_FULL_URI: emulator.ecs.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong-token' };
  await assert.rejects(withEnv(env, () => fromHttp({ maxRetries: 0 })()), { name: 'CredentialsProviderError', message: 'Server responded with status: 403' });
});

test('another path is 404 and a non-GET method is 405', async () => {
  const other = await fetch(`${emulator.ecs.url}/v2/credentials/not-this-one`);
  assert.equal(other.status, 404);
  assert.equal(((await other.json()) as { Code: string }).Code, 'NotFound');
  const post = await fetch(`${emulator.ecs.url}${emulator.ecs.relativePath}`, { method: 'POST', body: '' });
  assert.equal(post.status, 405);
});
