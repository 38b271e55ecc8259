import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../lib/cli/args.js';

test('no command, -h and help all mean help; -v and --version mean version', () => {
  for (const argv of [[], ['--help'], ['-h'], ['help']]) assert.deepEqual(parseArgs(argv), { command: 'help' });
  for (const argv of [['--version'], ['-v']]) assert.deepEqual(parseArgs(argv), { command: 'version' });
});

test('credentials takes --profile and --json in any order', () => {
  assert.deepEqual(parseArgs(['credentials']), { command: 'credentials', json: false });
  assert.deepEqual(parseArgs(['credentials', '--json', '--profile', 'dev']), { command: 'credentials', json: true, profile: 'dev' });
  assert.deepEqual(parseArgs(['credentials', '--profile', 'dev']), { command: 'credentials', json: false, profile: 'dev' });
  assert.throws(() => parseArgs(['credentials', '--timeout', '100']), { code: 'ERR_INVALID_ARGUMENT' });
});

test('ping needs exactly one connection string and accepts a bounded --timeout', () => {
  assert.deepEqual(parseArgs(['ping', 'mongodb://h/', '--json']), { command: 'ping', json: true, uri: 'mongodb://h/', timeoutMs: 10_000 });
  assert.deepEqual(parseArgs(['ping', '--timeout', '500', 'mongodb://h/']), { command: 'ping', json: false, uri: 'mongodb://h/', timeoutMs: 500 });
  assert.deepEqual(parseArgs(['ping', 'mongodb://h/', '--profile', 'p']), { command: 'ping', json: false, uri: 'mongodb://h/', timeoutMs: 10_000, profile: 'p' });
  for (const argv of [['ping'], ['ping', 'a', 'b'], ['ping', 'a', '--timeout', '0'], ['ping', 'a', '--timeout', 'x'], ['ping', 'a', '--timeout', '600001']]) {
    assert.throws(() => parseArgs(argv), { code: 'ERR_INVALID_ARGUMENT' });
  }
});

test('demo takes only --json', () => {
  assert.deepEqual(parseArgs(['demo', '--json']), { command: 'demo', json: true });
  assert.throws(() => parseArgs(['demo', 'x']), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => parseArgs(['demo', '--profile', 'p']), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => parseArgs(['demo', '--timeout', '5']), { code: 'ERR_INVALID_ARGUMENT' });
});

test('unknown commands, unknown options and options without values are usage errors that never echo option values', () => {
  assert.throws(() => parseArgs(['frobnicate']), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => parseArgs(['credentials', '--secret=abc']), (e: Error) => (e as { code?: string }).code === 'ERR_INVALID_ARGUMENT' && !e.message.includes('abc'));
  assert.throws(() => parseArgs(['credentials', '--profile']), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => parseArgs(['credentials', '--profile', '']), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => parseArgs(['credentials', '--profile', '--json']), { code: 'ERR_INVALID_ARGUMENT' });
  assert.throws(() => parseArgs(['credentials', 'extra']), { code: 'ERR_INVALID_ARGUMENT' });
});
