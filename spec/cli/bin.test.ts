import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { USAGE } from '../../lib/cli/args.js';
import { MISSING_HOME } from './helpers.js';

// Compiled to dist/spec/cli/: the launcher is at the package root.
const BIN = fileURLToPath(new URL('../../../bin/mongodb-aws-auth.js', import.meta.url));

function runBin(argv: readonly string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const SEALED = { HOME: MISSING_HOME, AWS_EC2_METADATA_DISABLED: 'true' };

test('the bin launcher prints the usage for --help and exits 0', async () => {
  const result = await runBin(['--help'], SEALED);
  assert.equal(result.status, 0);
  assert.equal(result.stdout, `${USAGE}\n`);
  assert.equal(result.stderr, '');
});

test('the bin launcher resolves credentials from the environment it is given, without printing the secret', async () => {
  const secret = 'bin-test-secret-value-never-printed';
  const result = await runBin(['credentials', '--json'], { ...SEALED, AWS_ACCESS_KEY_ID: 'AKIABINTESTBINTEST12', AWS_SECRET_ACCESS_KEY: secret });
  assert.equal(result.status, 0, result.stderr);
  const body = JSON.parse(result.stdout) as { source: string; accessKeyId: string; sessionToken: boolean };
  assert.equal(body.source, 'env');
  assert.equal(body.accessKeyId, 'AKIABINTESTBINTEST12');
  assert.equal(body.sessionToken, false);
  assert.ok(!`${result.stdout}${result.stderr}`.includes(secret));
});

test('the bin launcher passes exit codes through: 1 when nothing resolves, 2 for a usage error', async () => {
  const missing = await runBin(['credentials'], SEALED);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^mongodb-aws-auth: ERR_CREDENTIALS_NOT_FOUND: [^\n]*\n$/);
  const usage = await runBin(['nope'], SEALED);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /^mongodb-aws-auth: ERR_INVALID_ARGUMENT: [^\n]*\n$/);
});
