import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { build } from 'esbuild';
import {
  describeCause,
  MongoAwsConfigError,
  MongoAwsCredentialsError,
  MongoAwsError,
  MongoAwsHttpError,
  MongoAwsProtocolError,
  MongoAwsServerError,
} from '../../lib/errors.js';
import { repoRoot } from '../conformance/harness.js';

test('each error family carries its code, its name and only the details it was given', () => {
  const error = new MongoAwsHttpError('ERR_HTTP_STATUS', 'STS returned HTTP 403', { status: 403, remoteCode: 'AccessDenied' });
  assert.equal(error.code, 'ERR_HTTP_STATUS');
  assert.equal(error.name, 'MongoAwsHttpError');
  assert.equal(error.status, 403);
  assert.equal(error.remoteCode, 'AccessDenied');
  assert.equal(Object.hasOwn(error, 'field'), false);
  assert.equal(Object.hasOwn(error, 'cause'), false);
  assert.ok(error instanceof MongoAwsError && error instanceof Error);
  assert.equal(new MongoAwsError('ERR_INVALID_ARGUMENT', 'x').name, 'MongoAwsError');
  assert.match(String(error), /^MongoAwsHttpError: STS returned HTTP 403$/);
  for (const [Type, name] of [
    [MongoAwsConfigError, 'MongoAwsConfigError'],
    [MongoAwsCredentialsError, 'MongoAwsCredentialsError'],
    [MongoAwsProtocolError, 'MongoAwsProtocolError'],
    [MongoAwsServerError, 'MongoAwsServerError'],
  ] as const) {
    assert.equal(new Type('ERR_INVALID_ARGUMENT', 'x', { field: 'f', serverCode: 18, source: 'env' }).name, name);
  }
});

test('a cause is kept when given, and the undefined details are not defined', () => {
  const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const error = new MongoAwsHttpError('ERR_HTTP_CONNECTION', 'connection failed (ECONNREFUSED)', { cause, field: undefined as never });
  assert.equal(error.cause, cause);
  assert.equal(Object.hasOwn(error, 'field'), false);
});

test('isMongoAwsError recognises errors of another bundled copy by their Symbol.for brand, and nothing else', () => {
  const foreign = Object.defineProperty(new Error('x'), Symbol.for('mongodb-aws-auth.error'), { value: true });
  assert.equal(MongoAwsError.isMongoAwsError(foreign), true);
  assert.equal(MongoAwsError.isMongoAwsError(new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'x')), true);
  for (const value of [new Error('x'), null, undefined, 'ERR_X', { code: 'ERR_INVALID_ARGUMENT' }]) assert.equal(MongoAwsError.isMongoAwsError(value), false);
});

test('describeCause gives our code, a system error code, or a fixed phrase, never a message', () => {
  assert.equal(describeCause(new MongoAwsHttpError('ERR_HTTP_TIMEOUT', 'slow')), 'ERR_HTTP_TIMEOUT');
  assert.equal(describeCause(Object.assign(new Error('secret-ish text'), { code: 'ECONNRESET' })), 'ECONNRESET');
  assert.equal(describeCause(new Error('secret-ish text')), 'unknown error');
  assert.equal(describeCause('secret-ish text'), 'unknown error');
});

test('error names survive minification (a bundled copy still says MongoAwsConfigError)', async () => {
  const result = await build({
    stdin: { contents: "export { MongoAwsConfigError } from './dist/lib/errors.js';", resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.text).toString('base64')}`;
  const { MongoAwsConfigError: Bundled } = (await import(url)) as { MongoAwsConfigError: typeof MongoAwsConfigError };
  const error = new Bundled('ERR_INVALID_ARGUMENT', 'x');
  assert.equal(error.name, 'MongoAwsConfigError');
  assert.match(inspect(error), /MongoAwsConfigError/);
  assert.equal(MongoAwsError.isMongoAwsError(error), true);
});
