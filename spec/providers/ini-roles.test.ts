import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { fromIni, resolveIni } from '../../lib/providers/ini.js';
import { assertNoSecrets, form, initFor, rejection, runtimeOf, server, signer, stsErrorXml, stsXml, tempHome, writeFiles, type Server, type TempHome } from '../profiles/fixtures.js';

const LATER = '2026-01-01T06:00:00Z';
const BASE = { accessKeyId: 'AKIDBASE', secretAccessKey: 'baseSecretValue123' };
const ROLE_A = { accessKeyId: 'ASIAROLEA', secretAccessKey: 'roleASecretValue', sessionToken: 'roleASessionToken', expiration: LATER, account: '111122223333' };
const ROLE_B = { accessKeyId: 'ASIAROLEB', secretAccessKey: 'roleBSecretValue', sessionToken: 'roleBSessionToken', expiration: LATER, account: '444455556666' };

let home: TempHome;
before(async () => {
  home = await tempHome();
});
after(() => home.remove());

const files = (config: string, credentials?: string): Promise<Record<string, string>> => writeFiles(home, config, credentials);

describe('resolveIni: AssumeRole through a loopback STS', () => {
  let sts: Server;
  const replies: Record<string, ReturnType<typeof stsXml>> = {
    'arn:aws:iam::111122223333:role/A': stsXml('AssumeRole', ROLE_A),
    'arn:aws:iam::444455556666:role/B': stsXml('AssumeRole', ROLE_B),
  };
  before(async () => {
    sts = await server((request) => {
      const fields = form(request.body);
      if (fields['RoleArn'] === 'arn:aws:iam::999999999999:role/Denied') return stsErrorXml(403, 'AccessDenied', 'not allowed for roleASecretValue');
      if (fields['Action'] === 'AssumeRoleWithWebIdentity') return stsXml('AssumeRoleWithWebIdentity', ROLE_B);
      return replies[fields['RoleArn'] ?? ''] ?? stsErrorXml(400, 'ValidationError', 'unknown role');
    });
  });
  after(() => sts.close());

  const stsEnv = async (config: string, credentials?: string): Promise<Record<string, string>> => ({ ...(await files(config, credentials)), AWS_ENDPOINT_URL_STS: sts.url });

  test('role_arn + source_profile: the source keys sign AssumeRole with the profile parameters; source assume-role', async () => {
    const env = await stsEnv(
      '[default]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nrole_session_name = my-session\nexternal_id = ext-123\nduration_seconds = 1800\nregion = eu-west-1\n',
      `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`,
    );
    const before = sts.requests.length;
    const result = await resolveIni(runtimeOf(home, { env }));
    assert.equal(result?.source, 'assume-role');
    assert.equal(result.credentials.accessKeyId, ROLE_A.accessKeyId);
    assert.equal(result.credentials.sessionToken?.reveal(), ROLE_A.sessionToken);
    assert.equal(result.credentials.accountId, ROLE_A.account);
    assert.equal(result.credentials.expiration?.toISOString(), '2026-01-01T06:00:00.000Z');
    const request = sts.requests[before];
    assert.ok(request !== undefined);
    assert.deepEqual(signer(request), { accessKeyId: BASE.accessKeyId, region: 'eu-west-1' });
    assert.equal(request.headers['x-amz-security-token'], undefined);
    const fields = form(request.body);
    assert.equal(fields['Action'], 'AssumeRole');
    assert.equal(fields['RoleArn'], 'arn:aws:iam::111122223333:role/A');
    assert.equal(fields['RoleSessionName'], 'my-session');
    assert.equal(fields['ExternalId'], 'ext-123');
    assert.equal(fields['DurationSeconds'], '1800');
  });

  test('role chaining: each hop is signed with the credentials the previous hop returned', async () => {
    const env = await stsEnv(
      '[profile top]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = middle\n[profile middle]\nrole_arn = arn:aws:iam::444455556666:role/B\nsource_profile = root\n',
      `[root]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`,
    );
    const before = sts.requests.length;
    const result = await resolveIni(runtimeOf(home, { env }), { profile: 'top' });
    assert.equal(result?.credentials.accessKeyId, ROLE_A.accessKeyId);
    const [first, second] = sts.requests.slice(before);
    assert.ok(first !== undefined && second !== undefined);
    assert.equal(form(first.body)['RoleArn'], 'arn:aws:iam::444455556666:role/B');
    assert.equal(signer(first)?.accessKeyId, BASE.accessKeyId);
    assert.equal(form(second.body)['RoleArn'], 'arn:aws:iam::111122223333:role/A');
    assert.equal(signer(second)?.accessKeyId, ROLE_B.accessKeyId);
    assert.equal(second.headers['x-amz-security-token'], ROLE_B.sessionToken);
  });

  test('a self-referencing role profile signs its own role with its own static keys', async () => {
    const env = await stsEnv(`[profile self]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = self\n`);
    const before = sts.requests.length;
    const result = await resolveIni(runtimeOf(home, { env }), { profile: 'self' });
    assert.equal(result?.source, 'assume-role');
    assert.equal(signer(sts.requests[before] as never)?.accessKeyId, BASE.accessKeyId);
  });

  test('an STS error reply is ERR_STS_ERROR with the AWS code, and no secret in the error', async () => {
    const env = await stsEnv(`[default]\nrole_arn = arn:aws:iam::999999999999:role/Denied\nsource_profile = base\n[profile base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`);
    const error = await rejection(resolveIni(runtimeOf(home, { env })));
    assert.equal(error.code, 'ERR_STS_ERROR');
    assert.equal(error.remoteCode, 'AccessDenied');
    assert.equal(error.status, 403);
    assertNoSecrets(error, [BASE.secretAccessKey]);
  });

  test('a cycle in source_profile is ERR_PROFILE_CYCLE before any request', async () => {
    const env = await stsEnv('[profile a]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::444455556666:role/B\nsource_profile = a\n');
    const before = sts.requests.length;
    const error = await rejection(resolveIni(runtimeOf(home, { env }), { profile: 'a' }));
    assert.equal(error.code, 'ERR_PROFILE_CYCLE');
    assert.equal(sts.requests.length, before);
  });

  test('mfa_serial and a non-integer duration_seconds are ERR_INVALID_PROFILE', async () => {
    const base = `[profile base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`;
    const mfa = await stsEnv(`[default]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/u\n${base}`);
    assert.equal((await rejection(resolveIni(runtimeOf(home, { env: mfa })))).field, 'mfa_serial');
    const duration = await stsEnv(`[default]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nduration_seconds = 1h\n${base}`);
    const error = await rejection(resolveIni(runtimeOf(home, { env: duration })));
    assert.equal(error.code, 'ERR_INVALID_PROFILE');
    assert.equal(error.field, 'duration_seconds');
  });

  test('credential_source = Environment signs with the environment keys; without them it is ERR_CREDENTIALS_NOT_FOUND', async () => {
    const config = await stsEnv('[default]\nrole_arn = arn:aws:iam::111122223333:role/A\ncredential_source = Environment\n');
    const before = sts.requests.length;
    const result = await resolveIni(runtimeOf(home, { env: { ...config, AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envSecret' } }));
    assert.equal(result?.source, 'assume-role');
    assert.equal(signer(sts.requests[before] as never)?.accessKeyId, 'AKIDENV');
    // profile_overrides_web_identity: web identity variables do not stand in for the missing keys.
    const error = await rejection(resolveIni(runtimeOf(home, { env: { ...config, AWS_ROLE_ARN: 'arn:aws:iam::1:role/x', AWS_WEB_IDENTITY_TOKEN_FILE: '/token' } })));
    assert.equal(error.code, 'ERR_CREDENTIALS_NOT_FOUND');
    assert.equal(error.field, 'credential_source');
  });

  test('credential_source = EcsContainer takes the container credentials as the source', async () => {
    const container = await server(() => ({
      status: 200,
      body: JSON.stringify({ AccessKeyId: 'ASIAECS', SecretAccessKey: 'ecsSecret', Token: 'ecsToken', Expiration: LATER }),
    }));
    try {
      const config = await stsEnv('[default]\nrole_arn = arn:aws:iam::111122223333:role/A\ncredential_source = EcsContainer\n');
      const before = sts.requests.length;
      const result = await resolveIni(runtimeOf(home, { env: { ...config, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${container.url}/creds` } }));
      assert.equal(result?.credentials.accessKeyId, ROLE_A.accessKeyId);
      assert.equal(signer(sts.requests[before] as never)?.accessKeyId, 'ASIAECS');
      assert.equal(sts.requests[before]?.headers['x-amz-security-token'], 'ecsToken');
      const missing = await rejection(resolveIni(runtimeOf(home, { env: config })));
      assert.equal(missing.code, 'ERR_CREDENTIALS_NOT_FOUND');
    } finally {
      await container.close();
    }
  });

  test('credential_source = Ec2InstanceMetadata takes IMDSv2 credentials as the source', async () => {
    const imds = await server((request) => {
      if (request.method === 'PUT') return { status: 200, body: 'imds-token' };
      if (request.path.endsWith('/security-credentials/')) return { status: 200, body: 'my-role' };
      return { status: 200, body: JSON.stringify({ Code: 'Success', AccessKeyId: 'ASIAIMDS', SecretAccessKey: 'imdsSecret', Token: 'imdsToken', Expiration: LATER }) };
    });
    try {
      const config = await stsEnv('[default]\nrole_arn = arn:aws:iam::111122223333:role/A\ncredential_source = Ec2InstanceMetadata\n');
      const before = sts.requests.length;
      const result = await resolveIni(runtimeOf(home, { env: { ...config, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } }));
      assert.equal(result?.credentials.accessKeyId, ROLE_A.accessKeyId);
      assert.equal(signer(sts.requests[before] as never)?.accessKeyId, 'ASIAIMDS');
      // configFilepath given in code reaches the IMDS settings lookup too.
      const viaOption = await resolveIni(runtimeOf(home, { env: { AWS_ENDPOINT_URL_STS: sts.url, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } }), {
        configFilepath: config['AWS_CONFIG_FILE'] as string,
        filepath: `${home.dir}/no-credentials-file`,
      });
      assert.equal(viaOption?.source, 'assume-role');
      const disabled = await rejection(resolveIni(runtimeOf(home, { env: { ...config, AWS_EC2_METADATA_DISABLED: 'true' } })));
      assert.equal(disabled.code, 'ERR_CREDENTIALS_NOT_FOUND');
    } finally {
      await imds.close();
    }
  });

  test('web_identity_token_file + role_arn in a profile: unsigned AssumeRoleWithWebIdentity with the file token', async () => {
    const tokenFile = await home.write('wi/token.jwt', 'header.payload.signature');
    const env = await stsEnv(`[default]\nrole_arn = arn:aws:iam::444455556666:role/B\nweb_identity_token_file = ${tokenFile}\nrole_session_name = wi-session\n`);
    const before = sts.requests.length;
    const result = await resolveIni(runtimeOf(home, { env }));
    assert.equal(result?.source, 'web-identity');
    assert.equal(result.credentials.accessKeyId, ROLE_B.accessKeyId);
    const request = sts.requests[before];
    assert.equal(request?.headers['authorization'], undefined);
    const fields = form(request?.body ?? '');
    assert.equal(fields['WebIdentityToken'], 'header.payload.signature');
    assert.equal(fields['RoleSessionName'], 'wi-session');
  });

  test('web identity as a source profile, then AssumeRole signed with its credentials', async () => {
    const tokenFile = await home.write('wi2/token.jwt', 'header.payload.signature');
    const env = await stsEnv(`[default]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = wi\n[profile wi]\nrole_arn = arn:aws:iam::444455556666:role/B\nweb_identity_token_file = ${tokenFile}\n`);
    const before = sts.requests.length;
    const result = await resolveIni(runtimeOf(home, { env }));
    assert.equal(result?.source, 'assume-role');
    assert.equal(result.credentials.accessKeyId, ROLE_A.accessKeyId);
    assert.equal(signer(sts.requests[before + 1] as never)?.accessKeyId, ROLE_B.accessKeyId);
  });

  test('web_identity_source_profile_no_env: AWS_ROLE_ARN never fills in a source profile role_arn', async () => {
    const env = await stsEnv('[profile A]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = B\n[profile B]\nweb_identity_token_file = /token.jwt\n');
    const error = await rejection(resolveIni(runtimeOf(home, { env: { ...env, AWS_ROLE_ARN: 'arn:aws:iam::123456789:role/RoleB', AWS_PROFILE: 'A' } })));
    assert.equal(error.code, 'ERR_INVALID_PROFILE');
    assert.equal(error.field, 'role_arn');
  });

  test('fromIni output and errors never show secrets through util.inspect', async () => {
    const env = await stsEnv(`[default]\nrole_arn = arn:aws:iam::999999999999:role/Denied\nsource_profile = base\n[profile base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`);
    const error = await rejection(fromIni(initFor({}, home, { env }))());
    assertNoSecrets(error, [BASE.secretAccessKey]);
    const resolved = await resolveIni(runtimeOf(home, { env: await stsEnv('[default]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\n', `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`) }));
    const shown = inspect(resolved, { depth: 8, showHidden: true });
    for (const secret of [ROLE_A.secretAccessKey, ROLE_A.sessionToken]) assert.ok(!shown.includes(secret));
  });
});

describe('resolveIni: STS region and endpoint of a role profile', () => {
  let sts: Server;
  before(async () => {
    sts = await server(() => stsXml('AssumeRole', ROLE_A));
  });
  after(() => sts.close());

  async function regionOf(config: string, extraEnv: Record<string, string> = {}, init: { region?: string; clientConfig?: { region?: string } } = {}): Promise<{ url: string; region: string | undefined }> {
    const sent: { url: string | URL }[] = [];
    const env = { ...(await files(config, `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`)), ...extraEnv };
    const before = sts.requests.length;
    await resolveIni(runtimeOf(home, { env, sent: sent as never, redirect: { from: 'https://', to: `${sts.url}/__` } }), init);
    return { url: String(sent[0]?.url), region: signer(sts.requests[before] as never)?.region };
  }

  test("the role profile's region picks the regional endpoint", async () => {
    assert.deepEqual(await regionOf('[default]\nregion = eu-central-1\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\n'), {
      url: 'https://sts.eu-central-1.amazonaws.com/',
      region: 'eu-central-1',
    });
  });

  test('AWS_REGION beats the profile region (region_override), clientConfig.region beats both', async () => {
    const config = '[default]\nregion = us-east-1\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\n';
    assert.equal((await regionOf(config, { AWS_REGION: 'us-east-2' })).url, 'https://sts.us-east-2.amazonaws.com/');
    assert.equal((await regionOf(config, { AWS_REGION: 'us-east-2' }, { clientConfig: { region: 'ap-south-1' } })).url, 'https://sts.ap-south-1.amazonaws.com/');
    assert.equal((await regionOf(config, {}, { region: 'sa-east-1' })).url, 'https://sts.sa-east-1.amazonaws.com/');
  });

  test('a chained hop without its own region uses the selected profile region; [services] sts endpoint_url applies', async () => {
    const chained = '[profile top]\nregion = ca-central-1\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = mid\n[profile mid]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\n';
    assert.equal((await regionOf(chained, { AWS_PROFILE: 'top' })).url, 'https://sts.ca-central-1.amazonaws.com/');
    const services = '[default]\nregion = us-west-2\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = base\nservices = local\n[services local]\nsts =\n  endpoint_url = https://sts.example.test\n';
    assert.equal((await regionOf(services)).url, 'https://sts.example.test/');
  });
});
