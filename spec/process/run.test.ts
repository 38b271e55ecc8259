/** lib/process/run.ts: stdout and exit code of a real child, and the refusals (empty command, missing program). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoAwsError } from '../../lib/errors.js';
import { runProcess } from '../../lib/process/run.js';

const options = { timeoutMs: 10_000, maxOutputBytes: 1024, env: { PATH: process.env['PATH'] } };

function isProcessFailure(pattern: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(MongoAwsError.isMongoAwsError(error));
    assert.equal(error.code, 'ERR_PROCESS_FAILED');
    assert.equal(error.field, 'credential_process');
    assert.match(error.message, pattern);
    return true;
  };
}

test('stdout and the exit code of the child are returned', async () => {
  const result = await runProcess([process.execPath, '-e', 'process.stdout.write("out"); process.exitCode = 3'], options);
  assert.deepEqual(result, { exitCode: 3, stdout: 'out' });
});

test('an empty command is ERR_PROCESS_FAILED without starting anything', async () => {
  for (const argv of [[], ['']]) await assert.rejects(runProcess(argv, options), isProcessFailure(/is empty/));
});

test('a program that does not exist is ERR_PROCESS_FAILED naming the system error', async () => {
  await assert.rejects(runProcess(['/nonexistent/credential-helper'], options), isProcessFailure(/could not be started \(ENOENT\)/));
});
