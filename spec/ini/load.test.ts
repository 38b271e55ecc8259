/** lib/ini/load.ts on real temporary files: profile choice, merging, disabled and missing files, errors. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoAwsError } from '../../lib/errors.js';
import { loadSharedConfig, selectProfileName } from '../../lib/ini/load.js';
import { RUNTIME, runtimeFrom, type Env, type Runtime } from '../../lib/runtime.js';

let home: string;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'mongodb-aws-auth-ini-'));
  await mkdir(join(home, '.aws'));
  await writeFile(join(home, '.aws', 'config'), '[default]\nregion = eu-west-1\n[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = default\n[sso-session corp]\nsso_region = us-east-1\n[services local]\nsts =\n  endpoint_url = http://127.0.0.1:1\n');
  await writeFile(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\nregion = us-west-2\n');
  await writeFile(join(home, 'other-credentials'), '[dev]\naws_access_key_id = AKIDOTHER\n');
  await writeFile(join(home, 'other-config'), '[profile other]\nregion = ap-south-1\n');
  await writeFile(join(home, 'broken'), 'not a section\n');
});

after(async () => {
  await rm(home, { recursive: true, force: true });
});

function runtime(env: Env | (() => Env)): Runtime {
  return runtimeFrom({ [RUNTIME]: { env: typeof env === 'function' ? env : () => env, homedir: () => home } });
}

function isCode(code: string, field?: string) {
  return (error: unknown): boolean => {
    assert.ok(MongoAwsError.isMongoAwsError(error), `expected a MongoAwsError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  };
}

test('selectProfileName: option, then AWS_DEFAULT_PROFILE, then AWS_PROFILE, then default; empty counts as unset', () => {
  assert.equal(selectProfileName({ AWS_DEFAULT_PROFILE: 'a', AWS_PROFILE: 'b' }, 'opt'), 'opt');
  assert.equal(selectProfileName({ AWS_DEFAULT_PROFILE: 'a', AWS_PROFILE: 'b' }), 'a');
  assert.equal(selectProfileName({ AWS_DEFAULT_PROFILE: '', AWS_PROFILE: 'b' }, ''), 'b');
  assert.equal(selectProfileName({ AWS_PROFILE: '' }), 'default');
  assert.equal(selectProfileName({}), 'default');
});

test('loads both default files from the home directory and merges them, credentials file winning per key', async () => {
  const shared = await loadSharedConfig(runtime({}));
  assert.deepEqual({ ...shared.profile('default') }, {
    region: 'us-west-2',
    aws_access_key_id: 'AKIDFROMFILE',
    aws_secret_access_key: 'file-secret',
  });
  assert.equal(shared.configProfile('default')?.['region'], 'eu-west-1');
  assert.equal(shared.profile('dev')?.['source_profile'], 'default');
  assert.equal(shared.ssoSession('corp')?.['sso_region'], 'us-east-1');
  assert.equal(shared.services('local')?.['sts']?.['endpoint_url'], 'http://127.0.0.1:1');
  assert.deepEqual(shared.profileNames(), ['default', 'dev']);
});

test('HOME in the environment beats the runtime home directory', async () => {
  const shared = await loadSharedConfig(runtime({ HOME: join(home, 'nowhere') }));
  assert.deepEqual(shared.profileNames(), []);
});

test('missing files are empty', async () => {
  const shared = await loadSharedConfig(runtime({ AWS_CONFIG_FILE: join(home, 'absent'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'absent', 'x') }));
  assert.deepEqual(shared.profileNames(), []);
});

test('an empty AWS_SHARED_CREDENTIALS_FILE disables the credentials file but keeps the config file', async () => {
  const shared = await loadSharedConfig(runtime({ AWS_SHARED_CREDENTIALS_FILE: '' }));
  assert.equal(shared.credentialsProfile('default'), undefined);
  assert.deepEqual({ ...shared.profile('default') }, { region: 'eu-west-1' });
});

test('an empty AWS_CONFIG_FILE disables the config file', async () => {
  const shared = await loadSharedConfig(runtime({ AWS_CONFIG_FILE: '' }));
  assert.deepEqual(shared.profileNames(), ['default']);
  assert.equal(shared.profile('default')?.['region'], 'us-west-2');
});

test('the variables name other files; ~/ is expanded against the home directory', async () => {
  const shared = await loadSharedConfig(runtime({ AWS_CONFIG_FILE: '~/other-config', AWS_SHARED_CREDENTIALS_FILE: join(home, 'other-credentials') }));
  assert.deepEqual(shared.profileNames(), ['other', 'dev']);
  assert.equal(shared.profile('dev')?.['aws_access_key_id'], 'AKIDOTHER');
});

test('filepath and configFilepath options override the variables', async () => {
  const env = { AWS_CONFIG_FILE: join(home, 'broken'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'broken') };
  const shared = await loadSharedConfig(runtime(env), { filepath: '~/other-credentials', configFilepath: join(home, 'other-config') });
  assert.deepEqual(shared.profileNames(), ['other', 'dev']);
});

test('a file that does not parse fails with ERR_INVALID_PROFILE_FILE naming the variable or option', async () => {
  await assert.rejects(loadSharedConfig(runtime({ AWS_CONFIG_FILE: join(home, 'broken') })), isCode('ERR_INVALID_PROFILE_FILE', 'AWS_CONFIG_FILE'));
  await assert.rejects(loadSharedConfig(runtime({ AWS_SHARED_CREDENTIALS_FILE: join(home, 'broken') })), isCode('ERR_INVALID_PROFILE_FILE', 'AWS_SHARED_CREDENTIALS_FILE'));
  await assert.rejects(loadSharedConfig(runtime({}), { filepath: join(home, 'broken') }), isCode('ERR_INVALID_PROFILE_FILE', 'filepath'));
  await assert.rejects(loadSharedConfig(runtime({}), { configFilepath: join(home, 'broken') }), isCode('ERR_INVALID_PROFILE_FILE', 'configFilepath'));
});

test('a directory where a file is expected fails with ERR_FILE_READ', async () => {
  await assert.rejects(loadSharedConfig(runtime({ AWS_CONFIG_FILE: join(home, '.aws') })), isCode('ERR_FILE_READ', 'AWS_CONFIG_FILE'));
});

test('files are read through runtime.readFile with a 1 MiB cap, on every call, with the environment read each time', async () => {
  const reads: [string, number, string][] = [];
  let env: Env = { AWS_CONFIG_FILE: '/cfg-1', AWS_SHARED_CREDENTIALS_FILE: '' };
  const fake = runtimeFrom({
    [RUNTIME]: {
      env: () => env,
      readFile: async (path: string, maxBytes: number, field: string) => {
        reads.push([path, maxBytes, field]);
        return path === '/cfg-2' ? '[profile two]\n' : undefined;
      },
    },
  });
  assert.deepEqual((await loadSharedConfig(fake)).profileNames(), []);
  env = { AWS_CONFIG_FILE: '/cfg-2', AWS_SHARED_CREDENTIALS_FILE: '' };
  assert.deepEqual((await loadSharedConfig(fake)).profileNames(), ['two']);
  assert.deepEqual(reads, [
    ['/cfg-1', 1024 * 1024, 'AWS_CONFIG_FILE'],
    ['/cfg-2', 1024 * 1024, 'AWS_CONFIG_FILE'],
  ]);
});

test('a file over 1 MiB fails with ERR_FILE_TOO_LARGE', async () => {
  const big = join(home, 'big');
  await writeFile(big, `[default]\n${'# filler\n'.repeat(130_000)}`);
  await assert.rejects(loadSharedConfig(runtime({ AWS_SHARED_CREDENTIALS_FILE: big })), isCode('ERR_FILE_TOO_LARGE', 'AWS_SHARED_CREDENTIALS_FILE'));
});
