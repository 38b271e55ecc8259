/** lib/runtime.ts readFileCapped (missing, capped, unreadable files) and runtimeFrom overrides. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoAwsError } from '../../lib/errors.js';
import { RUNTIME, readFileCapped, runtimeFrom } from '../../lib/runtime.js';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mongodb-aws-auth-read-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function isCode(code: string, field: string) {
  return (error: unknown): boolean => {
    assert.ok(MongoAwsError.isMongoAwsError(error), `expected a MongoAwsError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.field, field);
    assert.ok(!error.message.includes(dir), 'the message names the field, not the path');
    return true;
  };
}

test('readFileCapped: a missing file, or a path through a regular file, is undefined', async () => {
  assert.equal(await readFileCapped(join(dir, 'absent'), 10, 'F'), undefined);
  await writeFile(join(dir, 'plain'), 'x');
  assert.equal(await readFileCapped(join(dir, 'plain', 'child'), 10, 'F'), undefined);
});

test('readFileCapped: reads UTF-8 text up to exactly maxBytes, and an empty file as ""', async () => {
  await writeFile(join(dir, 'utf8'), 'r\u00e9gion = \u{1F600}');
  const bytes = Buffer.byteLength('r\u00e9gion = \u{1F600}');
  assert.equal(await readFileCapped(join(dir, 'utf8'), bytes, 'F'), 'r\u00e9gion = \u{1F600}');
  await writeFile(join(dir, 'empty'), '');
  assert.equal(await readFileCapped(join(dir, 'empty'), 0, 'F'), '');
});

test('readFileCapped: one byte over maxBytes fails with ERR_FILE_TOO_LARGE', async () => {
  await writeFile(join(dir, 'eleven'), '01234567890');
  await assert.rejects(readFileCapped(join(dir, 'eleven'), 10, 'AWS_CONFIG_FILE'), isCode('ERR_FILE_TOO_LARGE', 'AWS_CONFIG_FILE'));
  await writeFile(join(dir, 'large'), Buffer.alloc(200_000, 0x61));
  await assert.rejects(readFileCapped(join(dir, 'large'), 65_536, 'F'), isCode('ERR_FILE_TOO_LARGE', 'F'));
});

test('readFileCapped: a directory fails with ERR_FILE_READ', async () => {
  await assert.rejects(readFileCapped(dir, 100, 'AWS_SHARED_CREDENTIALS_FILE'), isCode('ERR_FILE_READ', 'AWS_SHARED_CREDENTIALS_FILE'));
});

test('readFileCapped: a file that cannot be opened fails with ERR_FILE_READ', async (t) => {
  if (process.platform === 'win32' || process.getuid?.() === 0) {
    t.skip('permissions are not enforced for this user');
    return;
  }
  const path = join(dir, 'locked');
  await writeFile(path, 'secret');
  await chmod(path, 0o000);
  await assert.rejects(readFileCapped(path, 100, 'F'), (error: unknown) => {
    isCode('ERR_FILE_READ', 'F')(error);
    assert.match((error as Error).message, /EACCES/);
    return true;
  });
});

test('readFileCapped: a path the OS refuses to open (name too long) fails with ERR_FILE_READ', async () => {
  await assert.rejects(readFileCapped(join(dir, 'n'.repeat(5000)), 100, 'F'), (error: unknown) => {
    isCode('ERR_FILE_READ', 'F')(error);
    assert.match((error as Error).message, /could not be read \(ENAMETOOLONG\)/);
    return true;
  });
});

test('runtimeFrom: no override gives the default runtime; an override replaces only what it names', async () => {
  const base = runtimeFrom(undefined);
  assert.equal(base.readFile, readFileCapped);
  assert.equal(base.platform, process.platform);
  assert.equal(base.env(), process.env);
  assert.equal(typeof base.homedir(), 'string');
  assert.ok(Math.abs(base.now() - Date.now()) < 60_000);
  const custom = runtimeFrom({ [RUNTIME]: { env: () => ({ A: '1' }), now: () => 5 } });
  assert.deepEqual(custom.env(), { A: '1' });
  assert.equal(custom.now(), 5);
  assert.equal(custom.readFile, readFileCapped);
  assert.equal(runtimeFrom({}).readFile, readFileCapped);
});
