import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTemporaryCredentialsWire, parseRemoteErrorBody, parseTemporaryCredentials } from '../../lib/providers/temporary-credentials.js';

const NOW = Date.parse('2021-09-20T21:43:31Z');
const BASE = { AccessKeyId: 'ASIARTEST', SecretAccessKey: 'testsecret', Token: 'testtoken', Expiration: '2021-09-21T04:16:53Z' };

function failure(body: unknown, source: 'container' | 'instance-metadata' = 'container'): Record<string, unknown> {
  try {
    parseTemporaryCredentials(typeof body === 'string' ? body : JSON.stringify(body), source, NOW);
  } catch (error) {
    return { ...(error as object), code: (error as { code?: string }).code, message: (error as Error).message, cause: (error as Error).cause };
  }
  return assert.fail('expected a throw');
}

test('the recorded IMDS and ECS documents parse (imds_default_chain_success, ecs_credentials)', () => {
  const imds = parseTemporaryCredentials(`{\n  "Code" : "Success",\n  "LastUpdated" : "2021-09-20T21:42:26Z",\n  "Type" : "AWS-HMAC",\n  "AccessKeyId" : "ASIARTEST",\n  "SecretAccessKey" : "testsecret",\n  "Token" : "testtoken",\n  "Expiration" : "2021-09-21T04:16:53Z"\n}`, 'instance-metadata', NOW);
  assert.equal(imds.accessKeyId, 'ASIARTEST');
  assert.equal(imds.secretAccessKey.reveal(), 'testsecret');
  assert.equal(imds.sessionToken?.reveal(), 'testtoken');
  assert.equal(imds.expiration?.getTime(), 1632197813000);
  assert.equal(imds.accountId, undefined);
  const ecs = parseTemporaryCredentials(JSON.stringify({ RoleArn: 'arn:aws:iam::123456789:role/ecs-task-role', ...BASE, AccountId: '012345678901' }), 'container', NOW);
  assert.equal(ecs.accountId, '012345678901');
  assert.equal(parseTemporaryCredentials(JSON.stringify({ ...BASE, AccountId: null }), 'container', NOW).accountId, undefined);
  assert.equal(parseTemporaryCredentials(JSON.stringify({ ...BASE, AccountId: 'not-an-account' }), 'container', NOW).accountId, undefined);
});

test('each required field missing, empty or not a string is named', () => {
  for (const field of ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'] as const) {
    for (const value of [undefined, '', 42, null]) {
      const error = failure({ ...BASE, [field]: value });
      assert.equal(error['code'], 'ERR_INVALID_CREDENTIALS_RESPONSE');
      assert.equal(error['field'], field);
      assert.ok(!String(error['message']).includes('testsecret'));
    }
  }
  assert.equal(failure({ ...BASE, AccountId: 12 })['field'], 'AccountId');
});

test('not JSON, or not an object: refused without the parse error as cause', () => {
  for (const body of ['{"SecretAccessKey":"testsecret"', '', '[]', 'null', '"s"', '1']) {
    const error = failure(body, 'instance-metadata');
    assert.equal(error['code'], 'ERR_INVALID_CREDENTIALS_RESPONSE');
    assert.equal(error['cause'], undefined);
    assert.equal(error['source'], 'instance-metadata');
  }
});

test('Code other than Success is refused with the code as remoteCode', () => {
  const error = failure({ ...BASE, Code: 'AssumeRoleUnauthorizedAccess' }, 'instance-metadata');
  assert.equal(error['remoteCode'], 'AssumeRoleUnauthorizedAccess');
  assert.equal(error['field'], 'Code');
  assert.equal(failure({ ...BASE, Code: 'bad code\n' })['remoteCode'], undefined);
  assert.equal(failure({ ...BASE, Code: 7 })['field'], 'Code');
});

test('Expiration must be strict RFC 3339 and in the future', () => {
  assert.equal(failure({ ...BASE, Expiration: '2021-09-21 04:16:53' })['field'], 'Expiration');
  assert.equal(failure({ ...BASE, Expiration: '1632197813' })['code'], 'ERR_INVALID_CREDENTIALS_RESPONSE');
  const expired = failure({ ...BASE, Expiration: '2021-09-20T21:43:31Z' });
  assert.equal(expired['code'], 'ERR_CREDENTIALS_EXPIRED');
  assert.equal(expired['source'], 'container');
});

test('the type guard accepts exactly the wire shape', () => {
  assert.equal(isTemporaryCredentialsWire(BASE), true);
  assert.equal(isTemporaryCredentialsWire({ ...BASE, Code: 'Success', AccountId: '1' }), true);
  for (const bad of [null, [], 'x', { ...BASE, Token: '' }, { ...BASE, Expiration: 1 }, { ...BASE, AccountId: 1 }, { ...BASE, Code: 1 }]) {
    assert.equal(isTemporaryCredentialsWire(bad), false);
  }
});

test('error bodies: {Code, Message} made safe, anything else ignored', () => {
  assert.deepEqual(parseRemoteErrorBody('{"Code":"AccessDenied","Message":"no\\r\\nway"}'), { code: 'AccessDenied', message: 'no way' });
  assert.deepEqual(parseRemoteErrorBody('{"code":"Throttled","message":""}'), { code: 'Throttled' });
  assert.deepEqual(parseRemoteErrorBody('{"Message":"m"}'), { message: 'm' });
  for (const body of ['', 'oops', 'null', '"str"']) assert.deepEqual(parseRemoteErrorBody(body), {});
});
