import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoAwsCredentialsError } from '../../lib/errors.js';
import { failureOf, internalName, oneLine, renderTable, roundMs } from '../../lib/cli/format.js';

test('a MongoAwsError is reported as code and one-line message with exit 1', () => {
  const failure = failureOf(new MongoAwsCredentialsError('ERR_STS_ERROR', 'first line\r\nsecond\tline'));
  assert.equal(failure.line, 'mongodb-aws-auth: ERR_STS_ERROR: first line second line');
  assert.equal(failure.exitCode, 1);
  assert.deepEqual(failure.json, { ok: false, code: 'ERR_STS_ERROR', message: 'first line second line' });
});

test('anything else is an internal error named by a safe name only, exit 70', () => {
  assert.equal(failureOf(new SyntaxError('quoted input')).line, 'mongodb-aws-auth: internal error (SyntaxError)');
  assert.equal(failureOf('a thrown string').line, 'mongodb-aws-auth: internal error (string)');
  assert.equal(failureOf(undefined).exitCode, 70);
  const odd = new Error('x');
  odd.name = 'name with spaces and data';
  assert.equal(internalName(odd), 'object');
});

test('roundMs rounds to 0.1 ms; oneLine strips control characters', () => {
  assert.equal(roundMs(1.26), 1.3);
  assert.equal(roundMs(0.04), 0);
  assert.equal(oneLine('\u0007a\nb\u007f'), 'a b');
});

test('renderTable pads columns, right-aligns the asked ones and trims trailing spaces', () => {
  assert.deepEqual(renderTable(['a', 'num', 'c'], [['xx', '1', ''], ['y', '10', 'z']], [1]), ['a  | num | c', '---+-----+--', 'xx |   1 |', 'y  |  10 | z']);
});

test('a missing bson peer dependency is named with its fix, exit 1; other missing modules stay internal errors', () => {
  const missing = Object.assign(new Error("Cannot find package 'bson' imported from /x/dist/lib/wire/encode.js"), { code: 'ERR_MODULE_NOT_FOUND' });
  const failure = failureOf(missing);
  assert.equal(failure.line, 'mongodb-aws-auth: ERR_MISSING_DEPENDENCY: ping and demo need the bson package (npm install bson)');
  assert.equal(failure.exitCode, 1);
  assert.deepEqual(failure.json, { ok: false, code: 'ERR_MISSING_DEPENDENCY', message: 'ping and demo need the bson package (npm install bson)' });
  const other = Object.assign(new Error("Cannot find package 'left-pad'"), { code: 'ERR_MODULE_NOT_FOUND' });
  assert.equal(failureOf(other).exitCode, 70);
});
