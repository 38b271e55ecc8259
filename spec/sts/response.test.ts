import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { accountIdFromArn, parseStsReply, stsError, type StsReply } from '../../lib/sts/response.js';

const NOW = Date.parse('2021-09-21T17:41:25Z');
const xml = (status: number, body: string): StsReply => ({ status, headers: { 'content-type': 'text/xml' }, body });

function codeOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    return { ...(error as object), code: (error as { code?: string }).code, message: (error as Error).message };
  }
  return assert.fail('expected a throw');
}

// Element order differs between the two recorded replies (aws-credentials.md §5.2): both must parse.
const ASSUME_ROLE = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::130633740322:assumed-role/r/s</Arn></AssumedRoleUser>
    <Credentials><AccessKeyId>ASIARCORRECT</AccessKeyId><SecretAccessKey>secretkeycorrect</SecretAccessKey>
      <SessionToken>tokencorrect</SessionToken><Expiration>2021-09-21T18:41:26Z</Expiration></Credentials>
  </AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`;
const WEB_IDENTITY = `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult><Audience>a</Audience>
    <Credentials><Expiration>2021-09-21T18:41:26Z</Expiration><SessionToken>SESSION&amp;TOKEN</SessionToken>
      <SecretAccessKey>SECRET&lt;KEY</SecretAccessKey><AccessKeyId>AKIDTEST</AccessKeyId></Credentials>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/sdk-test/test-session</Arn></AssumedRoleUser>
    <Provider>p</Provider>
  </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`;

test('AssumeRole XML reply → credentials, expiration and account from the assumed-role ARN', () => {
  const c = parseStsReply('AssumeRole', xml(200, ASSUME_ROLE), NOW);
  assert.equal(c.accessKeyId, 'ASIARCORRECT');
  assert.equal(c.secretAccessKey.reveal(), 'secretkeycorrect');
  assert.equal(c.sessionToken?.reveal(), 'tokencorrect');
  assert.equal(c.expiration?.getTime(), 1632249686000);
  assert.equal(c.accountId, '130633740322');
  assert.ok(!inspect(c).includes('secretkeycorrect') && !inspect(c).includes('tokencorrect'));
});

test('AssumeRoleWithWebIdentity XML reply in another element order, entities decoded', () => {
  const c = parseStsReply('AssumeRoleWithWebIdentity', xml(200, WEB_IDENTITY), NOW);
  assert.equal(c.accessKeyId, 'AKIDTEST');
  assert.equal(c.secretAccessKey.reveal(), 'SECRET<KEY');
  assert.equal(c.sessionToken?.reveal(), 'SESSION&TOKEN');
  assert.equal(c.accountId, '123456789012');
});

test('the reply for one action does not satisfy the other', () => {
  assert.equal(codeOf(() => parseStsReply('AssumeRoleWithWebIdentity', xml(200, ASSUME_ROLE), NOW))['code'], 'ERR_INVALID_CREDENTIALS_RESPONSE');
});

test('missing, empty or ill-typed fields name the field, never the value', () => {
  for (const field of ['AccessKeyId', 'SecretAccessKey', 'SessionToken']) {
    const body = ASSUME_ROLE.replace(new RegExp(`<${field}>[^<]*</${field}>`), '');
    const error = codeOf(() => parseStsReply('AssumeRole', xml(200, body), NOW));
    assert.equal(error['code'], 'ERR_INVALID_CREDENTIALS_RESPONSE');
    assert.equal(error['field'], field);
    assert.ok(!String(error['message']).includes('secretkeycorrect'));
  }
  for (const expiration of ['', 'soon', '2021-09-21 18:41:26']) {
    const body = ASSUME_ROLE.replace('2021-09-21T18:41:26Z', expiration);
    assert.equal(codeOf(() => parseStsReply('AssumeRole', xml(200, body), NOW))['field'], 'Expiration');
  }
  assert.equal(codeOf(() => parseStsReply('AssumeRole', xml(200, ASSUME_ROLE.replace(/<Expiration>[^<]*<\/Expiration>/, '')), NOW))['field'], 'Expiration');
  assert.equal(codeOf(() => parseStsReply('AssumeRole', xml(200, '<AssumeRoleResponse/>'), NOW))['field'], 'AccessKeyId');
});

test('bodies that are not XML (a JSON reply included) are refused without quoting them', () => {
  for (const body of ['{"AccessKeyId": "SECRETVALUE"', '[1]', 'null', '"x"', '<p>SECRETVALUE']) {
    const error = codeOf(() => parseStsReply('AssumeRole', { status: 200, headers: { 'content-type': 'application/json' }, body }, NOW));
    assert.equal(error['code'], 'ERR_INVALID_CREDENTIALS_RESPONSE');
    assert.equal(error['cause'], undefined);
    assert.ok(!String(error['message']).includes('SECRETVALUE'));
  }
});

test('already-expired credentials are ERR_CREDENTIALS_EXPIRED', () => {
  const error = codeOf(() => parseStsReply('AssumeRole', xml(200, ASSUME_ROLE), Date.parse('2021-09-21T18:41:26Z')));
  assert.equal(error['code'], 'ERR_CREDENTIALS_EXPIRED');
});

test('an ErrorResponse becomes ERR_STS_ERROR with the AWS code as remoteCode and a bounded, single-line excerpt', () => {
  const body = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code>
    <Message>No OpenIDConnect provider found in your account for\r\nhttps://x ${'y'.repeat(400)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
  const error = codeOf(() => parseStsReply('AssumeRoleWithWebIdentity', xml(400, body), NOW));
  assert.equal(error['code'], 'ERR_STS_ERROR');
  assert.equal(error['remoteCode'], 'InvalidIdentityToken');
  assert.equal(error['status'], 400);
  const message = String(error['message']);
  assert.match(message, /InvalidIdentityToken: No OpenIDConnect provider found in your account for https:\/\/x y/);
  assert.ok(!/[\r\n]/.test(message));
  assert.ok(message.length < 320);
});

test('unparsable error bodies and suspicious codes', () => {
  assert.equal(stsError('AssumeRole', xml(403, '<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>')).message, 'STS AssumeRole failed with HTTP 403: AccessDenied: no');
  assert.equal(stsError('AssumeRole', xml(400, '<ErrorResponse><Error><Message>m</Message></Error></ErrorResponse>')).remoteCode, undefined);
  const garbled = stsError('AssumeRole', xml(503, '<html>'));
  assert.equal(garbled.remoteCode, undefined);
  assert.equal(garbled.message, 'STS AssumeRole failed with HTTP 503');
  assert.equal(stsError('AssumeRole', xml(503, '')).message, 'STS AssumeRole failed with HTTP 503');
  const evil = stsError('AssumeRole', xml(400, '<ErrorResponse><Error><Code>Bad Code\nInjected</Code></Error></ErrorResponse>'));
  assert.equal(evil.remoteCode, undefined);
  assert.equal(stsError('AssumeRole', xml(400, '<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>')).message, 'STS AssumeRole failed with HTTP 400: Throttling');
});

test('account ID comes only from a well-formed ARN', () => {
  assert.equal(accountIdFromArn('arn:aws:sts::123456789012:assumed-role/r/s'), '123456789012');
  assert.equal(accountIdFromArn('arn:aws-cn:sts::123456789012:assumed-role/r/s'), '123456789012');
  for (const bad of [undefined, 5, '', 'arn:aws:sts::1234:assumed-role/r', 'urn:aws:sts::123456789012:x', 'arn:aws:sts::123456789012']) {
    assert.equal(accountIdFromArn(bad), undefined);
  }
});
