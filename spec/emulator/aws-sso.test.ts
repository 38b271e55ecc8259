import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { startAwsEmulator, type AwsEmulator } from '../../lib/emulator/aws.js';
import { ISOLATED_ENV, sdkSign, sendSigned, withEnv, xmlText } from './aws-helpers.js';

const ACCOUNT = '333344445555';
const START_URL = 'https://emulator.awsapps.invalid/start';

let emulator: AwsEmulator;
let accessToken: string;
let home: string;

before(async () => {
  emulator = await startAwsEmulator();
  emulator.registry.addRole({ roleArn: `arn:aws:iam::${ACCOUNT}:role/Developer` });
  accessToken = emulator.registry.addSsoAccessToken();
  home = await mkdtemp(join(tmpdir(), 'aws-sso-test-'));
});

after(async () => {
  await emulator.close();
  await rm(home, { recursive: true, force: true });
});

function portal(query: string, token?: string): Promise<Response> {
  return fetch(`${emulator.sso.url}/federation/credentials?${query}`, token === undefined ? {} : { headers: { 'x-amz-sso_bearer_token': token } });
}

test('the real SDK fromSSO (legacy profile fields, token cache file, clientConfig endpoint) obtains role credentials', async () => {
  const cache = join(home, '.aws', 'sso', 'cache');
  await mkdir(cache, { recursive: true });
  const expiresAt = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await writeFile(join(cache, `${createHash('sha1').update(START_URL).digest('hex')}.json`), JSON.stringify({ accessToken, expiresAt, startUrl: START_URL, region: 'us-east-2' }));
  const credentials = await withEnv({ ...ISOLATED_ENV, HOME: home, USERPROFILE: home }, () =>
    fromSSO({ ssoStartUrl: START_URL, ssoAccountId: ACCOUNT, ssoRegion: 'us-east-2', ssoRoleName: 'Developer', clientConfig: { endpoint: emulator.sso.url } })(),
  );
  assert.match(credentials.accessKeyId, /^ASIA/);
  assert.ok(credentials.expiration instanceof Date && credentials.expiration.getTime() > Date.now());
  const xml = await (await sendSigned(emulator.sts.url, await sdkSign(`${emulator.sts.url}/`, credentials))).text();
  assert.equal(xmlText(xml, 'Arn'), `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/emulator-sso-user`);
});

test('GetRoleCredentials answers {roleCredentials} with an epoch-millisecond expiration', async () => {
  const response = await portal(`role_name=Developer&account_id=${ACCOUNT}`, accessToken);
  assert.equal(response.status, 200);
  const { roleCredentials } = (await response.json()) as { roleCredentials: Record<string, string | number> };
  assert.deepEqual(Object.keys(roleCredentials), ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration']);
  assert.equal(typeof roleCredentials['expiration'], 'number');
  assert.equal(emulator.registry.lookup(roleCredentials['accessKeyId'] as string)?.expiration?.getTime(), roleCredentials['expiration']);
});

test('a missing or unknown bearer token is 401 UnauthorizedException; a revoked token too', async () => {
  for (const token of [undefined, 'not-registered']) {
    const response = await portal(`role_name=Developer&account_id=${ACCOUNT}`, token);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UnauthorizedException');
    assert.deepEqual(await response.json(), { message: 'Session token not found or invalid' });
  }
  const token = emulator.registry.addSsoAccessToken('short-lived-token');
  assert.equal((await portal(`role_name=Developer&account_id=${ACCOUNT}`, token)).status, 200);
  assert.equal(emulator.registry.revokeSsoAccessToken(token), true);
  assert.equal(emulator.registry.revokeSsoAccessToken(token), false);
  assert.equal((await portal(`role_name=Developer&account_id=${ACCOUNT}`, token)).status, 401);
});

test('missing parameters are 400, an unregistered role 403, another path 404 and a non-GET method 405', async () => {
  assert.equal((await portal(`account_id=${ACCOUNT}`, accessToken)).status, 400);
  assert.equal((await portal('role_name=Developer&account_id=', accessToken)).status, 400);
  const forbidden = await portal('role_name=Admin&account_id=999999999999', accessToken);
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.headers.get('x-amzn-errortype'), 'ForbiddenException');
  const other = await fetch(`${emulator.sso.url}/federation/other`);
  assert.equal(other.status, 404);
  assert.equal(other.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
  const post = await fetch(`${emulator.sso.url}/federation/credentials`, { method: 'POST', body: '' });
  assert.equal(post.status, 405);
});
