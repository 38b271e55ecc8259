import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import { resolveIni } from '../../lib/providers/ini.js';
import { fromSSO, resolveSso, ssoTokenPath } from '../../lib/providers/sso.js';
import { resolveSsoEndpoint } from '../../lib/providers/sso-endpoint.js';
import { parseRoleCredentials, parseSsoTokenCache } from '../../lib/providers/sso-parse.js';
import { NOW, assertNoSecrets, initFor, rejection, runtimeOf, server, tempHome, type Server, type TempHome } from '../profiles/fixtures.js';

const TOKEN = 'ssoBearerTokenValue';
const EXPIRATION_MS = NOW + 3_600_000;
const ROLE = { accessKeyId: 'ASIASSO', secretAccessKey: 'ssoSecretValue', sessionToken: 'ssoSessionTokenValue', expiration: EXPIRATION_MS };
// Cache file names from the cross-SDK data: sha1("dev") and sha1("https://ssotest.awsapps.com/start").
const DEV_CACHE = '34c6fceca75e456f25e7e99531e2425c6c1de443.json';
const URL_CACHE = 'dace00cba5f8355ec9d274ceb2bcebdfbeed0e12.json';

describe('parseSsoTokenCache', () => {
  test('reads accessToken and expiresAt; extra fields are ignored; old "UTC" suffix accepted', () => {
    const token = parseSsoTokenCache(JSON.stringify({ accessToken: TOKEN, expiresAt: '2199-11-14T04:05:45Z', refreshToken: 'r', clientSecret: 'c' }), NOW);
    assert.equal(token.accessToken.reveal(), TOKEN);
    assert.equal(token.expiresAt.toISOString(), '2199-11-14T04:05:45.000Z');
    assert.equal(parseSsoTokenCache(JSON.stringify({ accessToken: TOKEN, expiresAt: '2199-11-14T04:05:45UTC' }), NOW).expiresAt.getUTCFullYear(), 2199);
  });
  test('bad files and expired tokens are ERR_SSO_TOKEN naming the field, never the token', () => {
    assert.throws(() => parseSsoTokenCache(`{"accessToken": "${TOKEN}"`, NOW), { code: 'ERR_SSO_TOKEN' });
    assert.throws(() => parseSsoTokenCache('{"expiresAt": "2199-11-14T04:05:45Z"}', NOW), { code: 'ERR_SSO_TOKEN', field: 'accessToken' });
    assert.throws(() => parseSsoTokenCache(JSON.stringify({ accessToken: TOKEN, expiresAt: 5 }), NOW), { field: 'expiresAt' });
    assert.throws(() => parseSsoTokenCache(JSON.stringify({ accessToken: TOKEN, expiresAt: 'soon' }), NOW), { field: 'expiresAt' });
    try {
      parseSsoTokenCache(JSON.stringify({ accessToken: TOKEN, expiresAt: '2025-01-01T00:00:00Z' }), NOW);
      assert.fail('expected ERR_SSO_TOKEN');
    } catch (error) {
      assert.equal((error as MongoAwsError).code, 'ERR_SSO_TOKEN');
      assert.match((error as Error).message, /expired/);
      assertNoSecrets(error, [TOKEN]);
    }
  });
});

describe('parseRoleCredentials', () => {
  const body = (c: Record<string, unknown>) => JSON.stringify({ roleCredentials: c });
  test('maps roleCredentials; expiration is epoch milliseconds; account from the profile', () => {
    const c = parseRoleCredentials(body(ROLE), NOW, '012345678901');
    assert.equal(c.accessKeyId, 'ASIASSO');
    assert.equal(c.secretAccessKey.reveal(), 'ssoSecretValue');
    assert.equal(c.sessionToken?.reveal(), 'ssoSessionTokenValue');
    assert.equal(c.expiration?.getTime(), EXPIRATION_MS);
    assert.equal(c.accountId, '012345678901');
  });
  test('malformed replies name the field; expired ones are ERR_CREDENTIALS_EXPIRED', () => {
    assert.throws(() => parseRoleCredentials('<html>', NOW, '1'), { code: 'ERR_INVALID_CREDENTIALS_RESPONSE' });
    assert.throws(() => parseRoleCredentials('{}', NOW, '1'), { field: 'roleCredentials' });
    assert.throws(() => parseRoleCredentials(body({ ...ROLE, accessKeyId: '' }), NOW, '1'), { field: 'roleCredentials.accessKeyId' });
    assert.throws(() => parseRoleCredentials(body({ ...ROLE, sessionToken: undefined }), NOW, '1'), { field: 'roleCredentials.sessionToken' });
    assert.throws(() => parseRoleCredentials(body({ ...ROLE, expiration: '2026' }), NOW, '1'), { field: 'roleCredentials.expiration' });
    assert.throws(() => parseRoleCredentials(body({ ...ROLE, expiration: 1.5 }), NOW, '1'), { field: 'roleCredentials.expiration' });
    assert.throws(() => parseRoleCredentials(body({ ...ROLE, expiration: NOW - 1 }), NOW, '1'), { code: 'ERR_CREDENTIALS_EXPIRED' });
  });
  test('fuzz: the parsers only ever throw MongoAwsError', () => {
    const check = (fn: () => unknown): void => {
      try {
        fn();
      } catch (error) {
        assert.ok(MongoAwsError.isMongoAwsError(error));
      }
    };
    const field = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.constant(EXPIRATION_MS), fc.jsonValue());
    fc.assert(
      fc.property(fc.record({ accessKeyId: field, secretAccessKey: field, sessionToken: field, expiration: field }, { requiredKeys: [] }), fc.boolean(), (c, wrap) =>
        check(() => parseRoleCredentials(JSON.stringify(wrap ? { roleCredentials: c } : c), NOW, '1')),
      ),
      { numRuns: 400, seed: 11 },
    );
    fc.assert(
      fc.property(fc.record({ accessToken: field, expiresAt: fc.oneof(field, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) }, { requiredKeys: [] }), (t) =>
        check(() => parseSsoTokenCache(JSON.stringify(t), NOW)),
      ),
      { numRuns: 400, seed: 12 },
    );
    fc.assert(fc.property(fc.string(), (text) => (check(() => parseSsoTokenCache(text, NOW)), check(() => parseRoleCredentials(text, NOW, '1')))), { numRuns: 300, seed: 13 });
  });
});

describe('resolveSsoEndpoint', () => {
  test('regional portal by default; FIPS and dual-stack variants; China suffix', () => {
    assert.equal(resolveSsoEndpoint({}, 'us-east-2'), 'https://portal.sso.us-east-2.amazonaws.com');
    assert.equal(resolveSsoEndpoint({ AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' }, 'us-east-2'), 'https://portal.sso-fips.us-east-2.api.aws');
    assert.equal(resolveSsoEndpoint({}, 'us-east-2', { use_fips_endpoint: 'true' }), 'https://portal.sso-fips.us-east-2.amazonaws.com');
    assert.equal(resolveSsoEndpoint({}, 'cn-north-1'), 'https://portal.sso.cn-north-1.amazonaws.com.cn');
    assert.equal(resolveSsoEndpoint({ AWS_USE_DUALSTACK_ENDPOINT: 'true' }, 'cn-north-1'), 'https://portal.sso.cn-north-1.api.amazonwebservices.com.cn');
  });
  test('overrides: AWS_ENDPOINT_URL_SSO > services sso > AWS_ENDPOINT_URL > profile endpoint_url; ignore flag', () => {
    const services = { sso: { endpoint_url: 'http://services.test' } };
    const profile = { endpoint_url: 'http://profile.test' };
    assert.equal(resolveSsoEndpoint({ AWS_ENDPOINT_URL_SSO: 'http://sso-env.test/', AWS_ENDPOINT_URL: 'http://global.test' }, 'us-east-1', profile, services), 'http://sso-env.test');
    assert.equal(resolveSsoEndpoint({ AWS_ENDPOINT_URL: 'http://global.test' }, 'us-east-1', profile, services), 'http://services.test');
    assert.equal(resolveSsoEndpoint({ AWS_ENDPOINT_URL: 'http://global.test' }, 'us-east-1', profile), 'http://global.test');
    assert.equal(resolveSsoEndpoint({}, 'us-east-1', profile), 'http://profile.test');
    assert.equal(resolveSsoEndpoint({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://global.test' }, 'us-east-1', profile), 'https://portal.sso.us-east-1.amazonaws.com');
  });
  test('an unusable override is ERR_INVALID_ENDPOINT naming where it came from', () => {
    assert.throws(() => resolveSsoEndpoint({ AWS_ENDPOINT_URL_SSO: 'not a url' }, 'us-east-1'), { code: 'ERR_INVALID_ENDPOINT', field: 'AWS_ENDPOINT_URL_SSO' });
    assert.throws(() => resolveSsoEndpoint({}, 'us-east-1', { endpoint_url: 'ftp://x.test' }), { code: 'ERR_INVALID_ENDPOINT', field: 'endpoint_url' });
    assert.throws(() => resolveSsoEndpoint({ AWS_ENDPOINT_URL: 'http://u:p@x.test' }, 'us-east-1'), { code: 'ERR_INVALID_ENDPOINT' });
  });
});

describe('fromSSO / resolveSso against a loopback portal', () => {
  let home: TempHome;
  let portal: Server;
  let status = 200;
  before(async () => {
    home = await tempHome();
    portal = await server(() =>
      status === 200
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roleCredentials: ROLE }) }
        : status === 503
          ? { status, body: `{"message":"try later ${TOKEN}"}` }
          : { status, headers: { 'x-amzn-errortype': 'UnauthorizedException:http://internal.amazon.com/' }, body: `{"message":"bad token ${TOKEN}"}` },
    );
  });
  after(async () => {
    await portal.close();
    await home.remove();
  });

  async function setup(config: string, cacheFile: string | undefined, token: Record<string, unknown> = { accessToken: TOKEN, expiresAt: '2199-11-14T04:05:45Z' }): Promise<Record<string, string>> {
    const dir = `s${Math.random().toString(36).slice(2)}`;
    const configPath = await home.write(`${dir}/config`, config);
    if (cacheFile !== undefined) await home.write(`${dir}/home/.aws/sso/cache/${cacheFile}`, JSON.stringify(token));
    return { HOME: `${home.dir}/${dir}/home`, AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: `${configPath}.none`, AWS_ENDPOINT_URL_SSO: portal.url };
  }

  const MODERN = '[profile default]\nsso_session = dev\nsso_account_id = 012345678901\nsso_role_name = SampleRole\nregion = us-east-1\n[sso-session dev]\nsso_region = us-east-1\nsso_start_url = https://d-abc123.awsapps.com/start\n';
  const LEGACY = '[profile sso-test]\nsso_start_url = https://ssotest.awsapps.com/start\nsso_region = us-east-2\nsso_account_id = 123456789\nsso_role_name = MySsoRole\n';

  test('the token cache path is ~/.aws/sso/cache/<sha1 hex>.json, keyed by session name or start URL', () => {
    const runtime = runtimeOf(home, { env: { HOME: '/home' } });
    assert.equal(ssoTokenPath(runtime, 'dev'), `/home/.aws/sso/cache/${DEV_CACHE}`);
    assert.equal(ssoTokenPath(runtime, 'https://ssotest.awsapps.com/start'), `/home/.aws/sso/cache/${URL_CACHE}`);
    assert.equal(ssoTokenPath({ ...runtime, platform: 'win32', env: () => ({ USERPROFILE: 'C:\\Users\\me' }) }, 'dev'), `C:\\Users\\me\\.aws\\sso\\cache\\${DEV_CACHE}`);
  });

  test('modern sso_session profile: unsigned GET with the bearer token header; source sso (sso_credentials)', async () => {
    const env = await setup(MODERN, DEV_CACHE);
    const before = portal.requests.length;
    const result = await resolveIni(runtimeOf(home, { env }));
    assert.equal(result?.source, 'sso');
    assert.equal(result.credentials.accessKeyId, 'ASIASSO');
    assert.equal(result.credentials.accountId, '012345678901');
    const request = portal.requests[before];
    assert.equal(request?.method, 'GET');
    assert.equal(request.path, '/federation/credentials?role_name=SampleRole&account_id=012345678901');
    assert.equal(request.headers['x-amz-sso_bearer_token'], TOKEN);
    assert.equal(request.headers['authorization'], undefined);
  });

  test('legacy profile: token keyed by start URL; fromSSO returns the plain identity', async () => {
    const env = await setup(LEGACY, URL_CACHE);
    const identity = await fromSSO(initFor({ profile: 'sso-test' }, home, { env }))();
    assert.deepEqual(identity, { accessKeyId: 'ASIASSO', secretAccessKey: 'ssoSecretValue', sessionToken: 'ssoSessionTokenValue', expiration: new Date(EXPIRATION_MS), accountId: '123456789' });
  });

  test('SSO values given in code need no profile', async () => {
    const env = await setup('', URL_CACHE);
    const identity = await fromSSO(initFor({ ssoStartUrl: 'https://ssotest.awsapps.com/start', ssoAccountId: '123456789', ssoRegion: 'us-east-2', ssoRoleName: 'MySsoRole', ssoSession: '' }, home, { env }))();
    assert.equal(identity.accessKeyId, 'ASIASSO');
    const sessionEnv = await setup('', DEV_CACHE);
    const viaSession = await resolveSso(runtimeOf(home, { env: sessionEnv }), { ssoStartUrl: 'u', ssoAccountId: '1', ssoRegion: 'us-east-1', ssoRoleName: 'r', ssoSession: 'dev' });
    assert.equal(viaSession?.accessKeyId, 'ASIASSO');
  });

  test('incomplete or invalid SSO values in code are ERR_INVALID_ARGUMENT', async () => {
    const runtime = runtimeOf(home);
    assert.equal((await rejection(resolveSso(runtime, { ssoStartUrl: 'u', ssoRegion: 'us-east-1', ssoRoleName: 'r' }))).field, 'ssoAccountId');
    assert.equal((await rejection(resolveSso(runtime, { ssoStartUrl: 'u', ssoAccountId: '1', ssoRegion: 'evil.host/x', ssoRoleName: 'r' }))).field, 'ssoRegion');
    assert.throws(() => fromSSO({ timeout: -5 }), { code: 'ERR_INVALID_ARGUMENT' });
    assert.throws(() => fromSSO({ profile: 1 as never }), { code: 'ERR_INVALID_ARGUMENT' });
    assert.throws(() => fromSSO(null as never), { code: 'ERR_INVALID_ARGUMENT' });
  });

  test('no cached token is ERR_SSO_TOKEN (sso_no_token_file); an expired one too', async () => {
    const missing = await rejection(resolveIni(runtimeOf(home, { env: await setup(LEGACY, 'differenthashthatdoesntmatch.json') }), { profile: 'sso-test' }));
    assert.equal(missing.code, 'ERR_SSO_TOKEN');
    assert.equal(missing.field, 'sso_start_url');
    const expired = await rejection(resolveIni(runtimeOf(home, { env: await setup(MODERN, DEV_CACHE, { accessToken: TOKEN, expiresAt: '2020-01-01T00:00:00Z' }) })));
    assert.equal(expired.code, 'ERR_SSO_TOKEN');
    assertNoSecrets(expired, [TOKEN]);
  });

  test('a profile with sso settings but no account and role resolves a token, not credentials (sso_token)', async () => {
    const env = await setup('[profile default]\nsso_session = dev\nregion = us-east-1\n[sso-session dev]\nsso_region = us-east-1\nsso_start_url = https://d-abc123.awsapps.com/start\n', DEV_CACHE);
    const before = portal.requests.length;
    const error = await rejection(resolveIni(runtimeOf(home, { env })));
    assert.equal(error.code, 'ERR_INVALID_PROFILE');
    assert.match(error.message, /access token, not credentials/);
    assert.equal(portal.requests.length, before);
  });

  test('conflicting sso_region between profile and sso-session is ERR_INVALID_PROFILE', async () => {
    const env = await setup(MODERN.replace('region = us-east-1\n[sso', 'sso_region = eu-west-1\n[sso'), DEV_CACHE);
    const error = await rejection(fromSSO(initFor({}, home, { env }))());
    assert.equal(error.code, 'ERR_INVALID_PROFILE');
    assert.equal(error.field, 'sso_region');
  });

  test('HTTP 401 is ERR_SSO_TOKEN and 503 is ERR_HTTP_STATUS (sso_server_error), with the AWS error type and no body', async () => {
    const env = await setup(MODERN, DEV_CACHE);
    try {
      status = 401;
      const unauthorized = await rejection(resolveIni(runtimeOf(home, { env })));
      assert.equal(unauthorized.code, 'ERR_SSO_TOKEN');
      assert.equal(unauthorized.status, 401);
      assert.equal(unauthorized.remoteCode, 'UnauthorizedException');
      assertNoSecrets(unauthorized, [TOKEN]);
      status = 403;
      assert.equal((await rejection(resolveIni(runtimeOf(home, { env })))).code, 'ERR_SSO_TOKEN');
      status = 503;
      const unavailable = await rejection(resolveIni(runtimeOf(home, { env })));
      assert.equal(unavailable.code, 'ERR_HTTP_STATUS');
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.remoteCode, undefined);
      assertNoSecrets(unavailable, [TOKEN]);
    } finally {
      status = 200;
    }
  });

  test('fromSSO: a profile without SSO settings is ERR_CREDENTIALS_NOT_FOUND; a named missing profile ERR_PROFILE_NOT_FOUND', async () => {
    const env = await setup('[default]\nregion = us-east-1\n', undefined);
    assert.equal((await rejection(fromSSO(initFor({}, home, { env }))())).code, 'ERR_CREDENTIALS_NOT_FOUND');
    assert.equal((await rejection(fromSSO(initFor({ profile: 'ghost' }, home, { env }))())).code, 'ERR_PROFILE_NOT_FOUND');
    assert.equal(await resolveSso(runtimeOf(home, { env: { ...env, AWS_CONFIG_FILE: '/none' } })), undefined);
  });

  test('the portal URL follows sso_region when no override is set (redirected to loopback)', async () => {
    const env = await setup(LEGACY, URL_CACHE);
    delete env['AWS_ENDPOINT_URL_SSO'];
    const sent: { url: string | URL }[] = [];
    await resolveSso(runtimeOf(home, { env, sent: sent as never, redirect: { from: 'https://portal.sso.us-east-2.amazonaws.com', to: portal.url } }), { profile: 'sso-test' });
    assert.equal(String(sent[0]?.url), 'https://portal.sso.us-east-2.amazonaws.com/federation/credentials?role_name=MySsoRole&account_id=123456789');
  });
});
