import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { constantTimeEqual, randomId } from '../../lib/emulator/ids.js';
import { IdentityRegistry, parseRoleArn } from '../../lib/emulator/registry.js';

test('addUser generates an AKIA key id, a 40-character secret, a user ARN in the default account and an AIDA user id', () => {
  const registry = new IdentityRegistry();
  const user = registry.addUser();
  assert.match(user.accessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(user.secretAccessKey.length, 40);
  assert.equal(user.arn, 'arn:aws:iam::123456789012:user/emulator-user-1');
  assert.equal(user.account, '123456789012');
  assert.match(user.userId, /^AIDA[A-Z2-7]{17}$/);
  assert.equal(user.kind, 'permanent');
  assert.equal(registry.lookup(user.accessKeyId), user);
  assert.equal(registry.addUser().arn, 'arn:aws:iam::123456789012:user/emulator-user-2');
});

test('addUser keeps the given key pair and ARN, taking the account from the ARN unless given', () => {
  const registry = new IdentityRegistry({ account: '999988887777' });
  const user = registry.addUser({ accessKeyId: 'AKIDEXAMPLE00000', secretAccessKey: 'secret', arn: 'arn:aws:iam::111111111111:user/path/carol' });
  assert.deepEqual([user.accessKeyId, user.secretAccessKey, user.account], ['AKIDEXAMPLE00000', 'secret', '111111111111']);
  assert.equal(registry.addUser({ account: '222222222222' }).arn, 'arn:aws:iam::222222222222:user/emulator-user-2');
  assert.equal(registry.addUser().account, '999988887777');
});

test('addUser refuses a malformed ARN or key id, and a key id already registered, naming the field', () => {
  const registry = new IdentityRegistry();
  registry.addUser({ accessKeyId: 'AKIDEXAMPLE00000' });
  assert.throws(() => registry.addUser({ arn: 'arn:aws:s3:::bucket' }), { code: 'ERR_INVALID_ARGUMENT', field: 'arn' });
  assert.throws(() => registry.addUser({ accessKeyId: 'SHORT' }), { code: 'ERR_INVALID_ARGUMENT', field: 'accessKeyId' });
  assert.throws(() => registry.addUser({ accessKeyId: 'AKID/WITH/SLASHES0' }), { code: 'ERR_INVALID_ARGUMENT', field: 'accessKeyId' });
  assert.throws(() => registry.addUser({ accessKeyId: 'AKIDEXAMPLE00000' }), { code: 'ERR_INVALID_ARGUMENT', message: /already registered/ });
});

test('addRole parses the role ARN (with a path), keeps the role id when re-registered and refuses a non-role ARN', () => {
  const registry = new IdentityRegistry();
  const role = registry.addRole({ roleArn: 'arn:aws:iam::123456789012:role/team/app' });
  assert.deepEqual([role.account, role.name, role.trustedWebIdentityToken], ['123456789012', 'app', undefined]);
  assert.match(role.roleId, /^AROA[A-Z2-7]{17}$/);
  const again = registry.addRole({ roleArn: 'arn:aws:iam::123456789012:role/team/app', trustedWebIdentityToken: 'jwt' });
  assert.equal(again.roleId, role.roleId);
  assert.equal(registry.role('arn:aws:iam::123456789012:role/team/app')?.trustedWebIdentityToken, 'jwt');
  assert.throws(() => registry.addRole({ roleArn: 'arn:aws:iam::123456789012:user/app' }), { code: 'ERR_INVALID_ARGUMENT', field: 'roleArn' });
  assert.equal(parseRoleArn('arn:aws-cn:iam::123456789012:role/x')?.name, 'x');
  assert.equal(parseRoleArn('arn:aws:iam::12345:role/x'), undefined);
});

test('issueTemporary for a role ARN yields ASIA credentials for the assumed-role ARN, expiring after the duration in whole seconds', () => {
  const now = Date.parse('2025-01-01T00:00:00.750Z');
  const registry = new IdentityRegistry({ now: () => now });
  const role = registry.addRole({ roleArn: 'arn:aws:iam::123456789012:role/r' });
  const credentials = registry.issueTemporary(role.roleArn, { durationSeconds: 900, sessionName: 'me' });
  assert.match(credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  assert.match(credentials.sessionToken, /^[A-Za-z0-9+/=]{200,}$/);
  assert.equal(credentials.arn, 'arn:aws:sts::123456789012:assumed-role/r/me');
  assert.equal(credentials.expiration.toISOString(), '2025-01-01T00:15:00.000Z');
  const identity = registry.lookup(credentials.accessKeyId);
  assert.equal(identity?.kind, 'temporary');
  assert.equal(identity?.userId, `${role.roleId}:me`);
  assert.equal(registry.issueTemporary(role.roleArn).arn, 'arn:aws:sts::123456789012:assumed-role/r/emulator-session');
  assert.equal(registry.issueTemporary(role.roleArn, { expired: true }).expiration.toISOString(), '2024-12-31T23:59:00.000Z');
  // A role ARN that was never registered still gets an assumed-role identity (used by SSO/IMDS-like callers).
  assert.match(registry.lookup(registry.issueTemporary('arn:aws:iam::123456789012:role/other').accessKeyId)?.userId ?? '', /^AROA[A-Z2-7]{17}:emulator-session$/);
});

test('issueTemporary for another principal ARN keeps the ARN and the user id of a matching user', () => {
  const registry = new IdentityRegistry();
  const user = registry.addUser({ arn: 'arn:aws:iam::123456789012:user/dave' });
  const credentials = registry.issueTemporary(user.arn);
  assert.equal(credentials.arn, user.arn);
  assert.equal(registry.lookup(credentials.accessKeyId)?.userId, user.userId);
  const federated = registry.issueTemporary('arn:aws:sts::123456789012:federated-user/eve');
  assert.equal(registry.lookup(federated.accessKeyId)?.account, '123456789012');
  assert.throws(() => registry.issueTemporary('not-an-arn'), { code: 'ERR_INVALID_ARGUMENT', field: 'principalArn' });
  assert.throws(() => registry.issueTemporary(user.arn, { durationSeconds: 0 }), { code: 'ERR_INVALID_ARGUMENT', field: 'durationSeconds' });
  assert.throws(() => registry.issueTemporary(user.arn, { durationSeconds: 1.5 }), { code: 'ERR_INVALID_ARGUMENT', field: 'durationSeconds' });
});

test('SSO access tokens: generated or given, checked, revoked; an empty token is refused', () => {
  const registry = new IdentityRegistry();
  const generated = registry.addSsoAccessToken();
  assert.ok(generated.length >= 32);
  registry.addSsoAccessToken('given');
  assert.equal(registry.hasSsoAccessToken(generated), true);
  assert.equal(registry.hasSsoAccessToken('given'), true);
  assert.equal(registry.hasSsoAccessToken('giveN'), false);
  assert.equal(registry.revokeSsoAccessToken('given'), true);
  assert.equal(registry.hasSsoAccessToken('given'), false);
  assert.throws(() => registry.addSsoAccessToken(''), { code: 'ERR_INVALID_ARGUMENT', field: 'token' });
});

test('registry errors never echo the value at fault', () => {
  const registry = new IdentityRegistry();
  try {
    registry.addUser({ arn: 'secret-looking-value' });
    assert.fail('expected a throw');
  } catch (error) {
    assert.ok(!inspect(error).includes('secret-looking-value'));
  }
});

test('ids and constant-time comparison helpers', () => {
  assert.match(randomId('X', 5), /^X[A-Z2-7]{5}$/);
  assert.equal(constantTimeEqual('abc', 'abc'), true);
  assert.equal(constantTimeEqual('abc', 'abd'), false);
  assert.equal(constantTimeEqual('abc', 'abcd'), false);
});
