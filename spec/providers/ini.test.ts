import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromIni, resolveIni } from '../../lib/providers/ini.js';
import { assertNoSecrets, initFor, rejection, runtimeOf, tempHome, writeFiles, type TempHome } from '../profiles/fixtures.js';


let home: TempHome;
before(async () => {
  home = await tempHome();
});
after(() => home.remove());

const files = (config: string, credentials?: string): Promise<Record<string, string>> => writeFiles(home, config, credentials);

describe('resolveIni: static keys and profile selection', () => {
  test('static keys in the credentials file report shared-credentials-file; token and account id come along', async () => {
    const env = await files('[default]\nregion = us-east-1\n', '[default]\naws_access_key_id = AKIDCRED\naws_secret_access_key = credSecret\naws_session_token = credToken\naws_account_id = 123456789012\n');
    const result = await resolveIni(runtimeOf(home, { env }));
    assert.equal(result?.source, 'shared-credentials-file');
    assert.equal(result.credentials.accessKeyId, 'AKIDCRED');
    assert.equal(result.credentials.secretAccessKey.reveal(), 'credSecret');
    assert.equal(result.credentials.sessionToken?.reveal(), 'credToken');
    assert.equal(result.credentials.accountId, '123456789012');
  });

  test('static keys only in the config file report config-file', async () => {
    const env = await files('[profile dev]\naws_access_key_id = AKIDCONF\naws_secret_access_key = confSecret\n');
    const result = await resolveIni(runtimeOf(home, { env }), { profile: 'dev' });
    assert.equal(result?.source, 'config-file');
    assert.equal(result.credentials.accessKeyId, 'AKIDCONF');
    assert.equal(result.credentials.sessionToken, undefined);
  });

  test('credentials-file keys win over config-file keys key by key', async () => {
    const env = await files('[default]\naws_access_key_id = AKIDCONF\naws_secret_access_key = confSecret\naws_session_token = confToken\n', '[default]\naws_secret_access_key = credSecret\n');
    const result = await resolveIni(runtimeOf(home, { env }));
    assert.equal(result?.source, 'config-file', 'the access key id came from the config file');
    assert.equal(result.credentials.accessKeyId, 'AKIDCONF');
    assert.equal(result.credentials.secretAccessKey.reveal(), 'credSecret');
    assert.equal(result.credentials.sessionToken?.reveal(), 'confToken');
  });

  test('AWS_DEFAULT_PROFILE beats AWS_PROFILE, and the init option beats both', async () => {
    const env = await files('[profile a]\naws_access_key_id = AKIDA\naws_secret_access_key = sa\n[profile b]\naws_access_key_id = AKIDB\naws_secret_access_key = sb\n[profile c]\naws_access_key_id = AKIDC\naws_secret_access_key = sc\n');
    const runtime = runtimeOf(home, { env: { ...env, AWS_DEFAULT_PROFILE: 'a', AWS_PROFILE: 'b' } });
    assert.equal((await resolveIni(runtime))?.credentials.accessKeyId, 'AKIDA');
    assert.equal((await resolveIni(runtime, { profile: 'c' }))?.credentials.accessKeyId, 'AKIDC');
    assert.equal((await resolveIni(runtimeOf(home, { env: { ...env, AWS_PROFILE: 'b', AWS_DEFAULT_PROFILE: '' } })))?.credentials.accessKeyId, 'AKIDB');
  });

  test('a profile named explicitly (option or variable) that exists nowhere is ERR_PROFILE_NOT_FOUND', async () => {
    const env = await files('[default]\naws_access_key_id = AKID\naws_secret_access_key = s\n');
    const byOption = await rejection(resolveIni(runtimeOf(home, { env }), { profile: 'missing' }));
    assert.equal(byOption.code, 'ERR_PROFILE_NOT_FOUND');
    assert.equal(byOption.field, 'profile');
    const byEnv = await rejection(resolveIni(runtimeOf(home, { env: { ...env, AWS_PROFILE: 'missing' } })));
    assert.equal(byEnv.code, 'ERR_PROFILE_NOT_FOUND');
    assert.equal(byEnv.field, 'AWS_PROFILE');
  });

  test('no files at all, or an implicit default profile that is absent, is not configured', async () => {
    assert.equal(await resolveIni(runtimeOf(home, { env: { AWS_CONFIG_FILE: `${home.dir}/none`, AWS_SHARED_CREDENTIALS_FILE: `${home.dir}/none2` } })), undefined);
    const env = await files('[profile other]\naws_access_key_id = AKID\naws_secret_access_key = s\n');
    assert.equal(await resolveIni(runtimeOf(home, { env })), undefined);
  });

  test('the default ~/.aws files under HOME are read when no variable names them', async () => {
    await home.write('.aws/credentials', '[homeprof]\naws_access_key_id = AKIDHOME\naws_secret_access_key = homeSecret\n');
    const result = await resolveIni(runtimeOf(home), { profile: 'homeprof' });
    assert.equal(result?.credentials.accessKeyId, 'AKIDHOME');
  });

  test('a profile with only settings is not configured (the chain moves on: imds_config_with_no_creds)', async () => {
    const env = await files('[default]\nregion = us-east-1\nmax_attempts = 1\n');
    assert.equal(await resolveIni(runtimeOf(home, { env })), undefined);
    const error = await rejection(fromIni(initFor({}, home, { env }))());
    assert.equal(error.code, 'ERR_CREDENTIALS_NOT_FOUND');
  });

  test('partial static keys are ERR_PARTIAL_CREDENTIALS naming the missing key and the file', async () => {
    const env = await files('[default]\naws_access_key_id = AKIDONLY\n');
    const error = await rejection(resolveIni(runtimeOf(home, { env })));
    assert.equal(error.code, 'ERR_PARTIAL_CREDENTIALS');
    assert.equal(error.field, 'aws_secret_access_key');
    assert.equal(error.source, 'config-file');
    const env2 = await files('[default]\nregion = x\n', '[default]\naws_secret_access_key = lonelySecretValue\n');
    const error2 = await rejection(resolveIni(runtimeOf(home, { env: env2 })));
    assert.equal(error2.field, 'aws_access_key_id');
    assert.equal(error2.source, 'shared-credentials-file');
    assertNoSecrets(error2, ['lonelySecretValue']);
  });

  test('an INI file that does not parse stops with ERR_INVALID_PROFILE_FILE (invalid_config)', async () => {
    const env = await files('[default]\n= us-east-1\n\n[profile base]\nregion = us-east-1\n');
    const error = await rejection(resolveIni(runtimeOf(home, { env })));
    assert.equal(error.code, 'ERR_INVALID_PROFILE_FILE');
  });

  test('fromIni returns the plain AwsCredentialIdentity shape', async () => {
    const env = await files('[default]\naws_access_key_id = AKIDPLAIN\naws_secret_access_key = plainSecret\naws_session_token = plainToken\n');
    const identity = await fromIni(initFor({}, home, { env }))();
    assert.deepEqual(identity, { accessKeyId: 'AKIDPLAIN', secretAccessKey: 'plainSecret', sessionToken: 'plainToken' });
  });

  test('fromIni validates its options when created', () => {
    assert.throws(() => fromIni({ profile: 5 as never }), { code: 'ERR_INVALID_ARGUMENT', field: 'profile' });
    assert.throws(() => fromIni({ filepath: {} as never }), { code: 'ERR_INVALID_ARGUMENT', field: 'filepath' });
    assert.throws(() => fromIni({ timeout: -1 }), { code: 'ERR_INVALID_ARGUMENT', field: 'timeout' });
    assert.throws(() => fromIni({ clientConfig: { region: 7 as never } }), { code: 'ERR_INVALID_ARGUMENT', field: 'clientConfig.region' });
    assert.throws(() => fromIni(null as never), { code: 'ERR_INVALID_ARGUMENT', field: 'init' });
  });

  test('fromIni honours filepath and configFilepath over the environment', async () => {
    const configFilepath = await home.write('opt/config', '[profile opt]\nregion = us-east-1\n');
    const filepath = await home.write('opt/credentials', '[opt]\naws_access_key_id = AKIDOPT\naws_secret_access_key = optSecret\n');
    const identity = await fromIni(initFor({ profile: 'opt', filepath, configFilepath }, home, { env: { AWS_CONFIG_FILE: '/nope', AWS_SHARED_CREDENTIALS_FILE: '/nope' } }))();
    assert.equal(identity.accessKeyId, 'AKIDOPT');
  });
});
