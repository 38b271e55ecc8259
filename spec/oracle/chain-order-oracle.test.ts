// Differential test of the four situations where botocore and the JS SDK resolve differently
// (aws-credentials.md §1.3): the real `@aws-sdk/credential-providers` chain and ours on the same
// environment and files. Our side follows botocore or the cross-SDK order, and each test says which.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Scenario } from '../replay/scenario.js';
import { runBoth } from './compare.js';

/** A scenario of our own: its files are written to a temporary fs/ folder; no recorded traffic. */
async function withScenario(name: string, env: Record<string, string>, files: Record<string, string>, fn: (s: Scenario) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mongodb-aws-order-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, 'fs', path)), { recursive: true });
      await writeFile(join(dir, 'fs', path), text);
    }
    await fn({ name, dir, fsDir: join(dir, 'fs'), env, docs: '', expected: { kind: 'error', contains: '' }, exchanges: [] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const STATIC_DEFAULT = { '/home/.aws/credentials': '[default]\naws_access_key_id = AKIDSTATIC\naws_secret_access_key = staticsecret\n' };

test('AWS_PROFILE plus env keys: JS uses the profile, ours the env keys (botocore, and MongoDB spec: env first)', async () => {
  const env = { HOME: '/home', AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'envsecret' };
  const files = { '/home/.aws/config': '[profile dev]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profilesecret\n' };
  await withScenario('profile_and_env_keys', env, files, async (scenario) => {
    const run = await runBoth(scenario);
    assert.equal(run.difference, 'credentials');
    assert.deepEqual(run.sdk, { ok: { accessKeyId: 'AKIDPROFILE', secretAccessKey: 'profilesecret' } });
    assert.deepEqual(run.ours, { ok: { accessKeyId: 'AKIDENV', secretAccessKey: 'envsecret' } });
  });
});

test('web identity env vars plus static default keys: both use the static keys (cross-SDK order: profile before web identity; botocore would assume the role)', async () => {
  const env = { HOME: '/home', AWS_REGION: 'us-east-1', AWS_WEB_IDENTITY_TOKEN_FILE: '/token.jwt', AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/web' };
  await withScenario('web_identity_and_static_keys', env, { ...STATIC_DEFAULT, '/token.jwt': 'token-value' }, async (scenario) => {
    const run = await runBoth(scenario);
    assert.equal(run.difference, 'agree');
    assert.deepEqual(run.ours, { ok: { accessKeyId: 'AKIDSTATIC', secretAccessKey: 'staticsecret' } });
    assert.deepEqual(run.ourRequests, [], 'no STS call');
  });
});

test('only AWS_ACCESS_KEY_ID set: JS skips env and uses the profile; ours stops with ERR_PARTIAL_CREDENTIALS (botocore)', async () => {
  await withScenario('only_access_key_id', { HOME: '/home', AWS_ACCESS_KEY_ID: 'AKIDPARTIAL' }, STATIC_DEFAULT, async (scenario) => {
    const run = await runBoth(scenario);
    assert.equal(run.difference, 'outcome');
    assert.deepEqual(run.sdk, { ok: { accessKeyId: 'AKIDSTATIC', secretAccessKey: 'staticsecret' } });
    assert.deepEqual(run.ours, { error: 'ERR_PARTIAL_CREDENTIALS' });
  });
});

test('AWS_SHARED_CREDENTIALS_FILE="": JS reads the default file anyway; ours treats it as no file (botocore, the MongoDB spec advice)', async () => {
  await withScenario('empty_shared_credentials_file', { HOME: '/home', AWS_SHARED_CREDENTIALS_FILE: '' }, STATIC_DEFAULT, async (scenario) => {
    const run = await runBoth(scenario);
    assert.equal(run.difference, 'outcome');
    assert.deepEqual(run.sdk, { ok: { accessKeyId: 'AKIDSTATIC', secretAccessKey: 'staticsecret' } });
    assert.deepEqual(run.ours, { error: 'ERR_CREDENTIALS_NOT_FOUND' });
  });
});
