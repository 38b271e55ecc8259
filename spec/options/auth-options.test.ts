import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { MongoAwsError } from '../../lib/errors.js';
import { Secret } from '../../lib/secret.js';
import { resolveAuthOptions, type MongoAwsClientOptions } from '../../lib/options/auth-options.js';
import { parseConnectionString } from '../../lib/options/connection-string.js';
import { splitMechanismProperties } from '../../lib/options/mechanism-properties.js';

function rejects(fn: () => unknown, code: string, field?: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(MongoAwsError.isMongoAwsError(error), 'a MongoAwsError');
    assert.equal(error.code, code);
    if (field !== undefined) assert.equal(error.field, field);
    return true;
  });
}

const provider = async () => ({ accessKeyId: 'AKID', secretAccessKey: 'SECRET' });

test('no URI and no options resolve to MONGODB-AWS on $external with no credentials', () => {
  const o = resolveAuthOptions();
  assert.deepEqual({ ...o }, { mechanism: 'MONGODB-AWS', source: '$external' });
  assert.ok(Object.isFrozen(o));
  assert.deepEqual({ ...resolveAuthOptions('mongodb://h/?authMechanism=MONGODB-AWS&authSource=$external') }, { mechanism: 'MONGODB-AWS', source: '$external' });
});

test('URI credentials and the session token property become Secrets (explicit credentials are accepted)', () => {
  const o = resolveAuthOptions('mongodb://AKID:wJal%2Fr@h/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:IQo:b3%2B%3D');
  assert.equal(o.username, 'AKID');
  assert.ok(o.password instanceof Secret && o.sessionToken instanceof Secret);
  assert.equal(o.password.reveal(), 'wJal/r');
  assert.equal(o.sessionToken.reveal(), 'IQo:b3+=');
  assert.ok(!inspect(o, { depth: 5 }).includes('wJal') && !JSON.stringify(o).includes('IQo'));
});

test('a parsed ConnectionString is accepted as the uri argument and the database path is not the auth source', () => {
  const o = resolveAuthOptions(parseConnectionString('mongodb://AKID:SECRET@h/admin?authMechanism=MONGODB-AWS'));
  assert.equal(o.source, '$external');
  assert.equal(o.username, 'AKID');
});

test('the options object wins over the URI, field by field', () => {
  const o = resolveAuthOptions('mongodb://UAKID:USECRET@h/?authMechanism=SCRAM-SHA-256&authSource=admin&authMechanismProperties=AWS_SESSION_TOKEN:utoken', {
    authMechanism: 'MONGODB-AWS',
    authSource: '$external',
    password: 'OSECRET',
    authMechanismProperties: { AWS_SESSION_TOKEN: 'otoken', AWS_CREDENTIAL_PROVIDER: provider },
  });
  assert.equal(o.username, 'UAKID');
  assert.equal(o.password?.reveal(), 'OSECRET');
  assert.equal(o.sessionToken?.reveal(), 'otoken');
  assert.equal(o.credentialProvider, provider);
  const kept = resolveAuthOptions('mongodb://h/?authMechanismProperties=AWS_SESSION_TOKEN:utoken', { username: 'A', password: 'S', authMechanismProperties: {} });
  assert.equal(kept.sessionToken?.reveal(), 'utoken');
});

test('options-only credentials, as PyMongo documents them, including the string form of authMechanismProperties', () => {
  const o = resolveAuthOptions('mongodb+srv://cluster0.example.net', {
    username: 'AKID',
    password: 'SECRET',
    authMechanism: 'MONGODB-AWS',
    authMechanismProperties: 'AWS_SESSION_TOKEN:tok',
  });
  assert.equal(o.username, 'AKID');
  assert.equal(o.password?.reveal(), 'SECRET');
  assert.equal(o.sessionToken?.reveal(), 'tok');
});

test('a custom credential provider is accepted as a function in the options object only', () => {
  assert.equal(resolveAuthOptions(undefined, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } }).credentialProvider, provider);
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: 'x' as never } }), 'ERR_INVALID_ARGUMENT', 'authMechanismProperties.AWS_CREDENTIAL_PROVIDER');
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanismProperties=AWS_CREDENTIAL_PROVIDER:fn'), 'ERR_INVALID_URI', 'authMechanismProperties.AWS_CREDENTIAL_PROVIDER');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: 'AWS_CREDENTIAL_PROVIDER:fn' }), 'ERR_INVALID_ARGUMENT', 'authMechanismProperties.AWS_CREDENTIAL_PROVIDER');
});

test('the mechanism must be MONGODB-AWS: ERR_INVALID_AUTH_MECHANISM', () => {
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanism=SCRAM-SHA-256'), 'ERR_INVALID_AUTH_MECHANISM', 'authMechanism');
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanism=mongodb-aws'), 'ERR_INVALID_AUTH_MECHANISM');
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanism=MONGODB-AWS', { authMechanism: 'PLAIN' }), 'ERR_INVALID_AUTH_MECHANISM');
  rejects(() => resolveAuthOptions(undefined, { authMechanism: '' }), 'ERR_INVALID_AUTH_MECHANISM');
});

test('the auth source must be $external: ERR_INVALID_AUTH_SOURCE', () => {
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanism=MONGODB-AWS&authSource=admin'), 'ERR_INVALID_AUTH_SOURCE', 'authSource');
  rejects(() => resolveAuthOptions(undefined, { authSource: 'admin' }), 'ERR_INVALID_AUTH_SOURCE');
  rejects(() => resolveAuthOptions(undefined, { authSource: '$EXTERNAL' }), 'ERR_INVALID_AUTH_SOURCE');
});

test('incomplete credential sets: ERR_MISSING_PASSWORD, ERR_MISSING_USERNAME, ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS', () => {
  rejects(() => resolveAuthOptions('mongodb://AKID@h/'), 'ERR_MISSING_PASSWORD', 'password');
  rejects(() => resolveAuthOptions('mongodb://AKID:@h/'), 'ERR_MISSING_PASSWORD', 'password');
  rejects(() => resolveAuthOptions(undefined, { username: 'AKID' }), 'ERR_MISSING_PASSWORD');
  rejects(() => resolveAuthOptions(undefined, { username: 'AKID', password: '' }), 'ERR_MISSING_PASSWORD');
  rejects(() => resolveAuthOptions(undefined, { password: 'SECRET' }), 'ERR_MISSING_USERNAME', 'username');
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanismProperties=AWS_SESSION_TOKEN:t'), 'ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS', 'authMechanismProperties.AWS_SESSION_TOKEN');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: { AWS_SESSION_TOKEN: 't' } }), 'ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS');
  rejects(() => resolveAuthOptions('mongodb://AKID@h/?authMechanismProperties=AWS_SESSION_TOKEN:t'), 'ERR_MISSING_PASSWORD');
  rejects(() => resolveAuthOptions(undefined, { username: '', password: 'S' }), 'ERR_INVALID_ARGUMENT', 'username');
  rejects(() => resolveAuthOptions(undefined, { username: 'A', password: 'S', authMechanismProperties: { AWS_SESSION_TOKEN: '' } }), 'ERR_INVALID_ARGUMENT', 'authMechanismProperties.AWS_SESSION_TOKEN');
  rejects(() => resolveAuthOptions('mongodb://A:S@h/?authMechanismProperties=AWS_SESSION_TOKEN:'), 'ERR_INVALID_ARGUMENT');
});

test('unknown mechanism properties: ERR_UNKNOWN_MECHANISM_PROPERTY, naming the property but never a value', () => {
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanismProperties=SERVICE_NAME:mongodb'), 'ERR_UNKNOWN_MECHANISM_PROPERTY', 'authMechanismProperties.SERVICE_NAME');
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanismProperties=aws_session_token:x'), 'ERR_UNKNOWN_MECHANISM_PROPERTY');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: { ENVIRONMENT: 'azure' } as never }), 'ERR_UNKNOWN_MECHANISM_PROPERTY', 'authMechanismProperties.ENVIRONMENT');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: { 'wJalr/XUtn+F': 'x' } as never }), 'ERR_UNKNOWN_MECHANISM_PROPERTY', 'authMechanismProperties.<property>');
});

test('malformed authMechanismProperties and option types are rejected', () => {
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanismProperties=AWS_SESSION_TOKEN'), 'ERR_INVALID_URI', 'authMechanismProperties');
  rejects(() => resolveAuthOptions('mongodb://h/?authMechanismProperties=:x'), 'ERR_INVALID_URI');
  rejects(() => resolveAuthOptions('mongodb://A:S@h/?authMechanismProperties=AWS_SESSION_TOKEN:a,AWS_SESSION_TOKEN:b'), 'ERR_INVALID_URI', 'authMechanismProperties.AWS_SESSION_TOKEN');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: 5 as never }), 'ERR_INVALID_ARGUMENT', 'authMechanismProperties');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: null as never }), 'ERR_INVALID_ARGUMENT');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: [] as never }), 'ERR_INVALID_ARGUMENT');
  rejects(() => resolveAuthOptions(undefined, { username: 5 } as unknown as MongoAwsClientOptions), 'ERR_INVALID_ARGUMENT', 'username');
  rejects(() => resolveAuthOptions(undefined, { authMechanismProperties: { AWS_SESSION_TOKEN: 5 } } as unknown as MongoAwsClientOptions), 'ERR_INVALID_ARGUMENT');
  rejects(() => resolveAuthOptions(undefined, 'x' as never), 'ERR_INVALID_ARGUMENT', 'options');
  rejects(() => resolveAuthOptions(undefined, null as never), 'ERR_INVALID_ARGUMENT', 'options');
  rejects(() => resolveAuthOptions(5 as never), 'ERR_INVALID_ARGUMENT', 'uri');
  rejects(() => resolveAuthOptions(null as never), 'ERR_INVALID_ARGUMENT', 'uri');
  rejects(() => resolveAuthOptions('http://h'), 'ERR_INVALID_URI');
});

test('other URI options and unrelated option keys are ignored', () => {
  const o = resolveAuthOptions('mongodb://h/?tls=true&appName=x', { tls: true } as MongoAwsClientOptions);
  assert.deepEqual({ ...o }, { mechanism: 'MONGODB-AWS', source: '$external' });
});

test('splitMechanismProperties splits on commas and the first colon, skipping empty items', () => {
  assert.deepEqual(splitMechanismProperties('A:1,B:x:y,,C:', 'f'), [['A', '1'], ['B', 'x:y'], ['C', '']]);
  assert.deepEqual(splitMechanismProperties('', 'f'), []);
  rejects(() => splitMechanismProperties('A', 'f'), 'ERR_INVALID_URI', 'f');
  rejects(() => splitMechanismProperties('A:1,A:2', 'f'), 'ERR_INVALID_URI', 'f.A');
});
