import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildQueryBody, encodeRfc3986 } from '../../lib/sts/query.js';

test('RFC 3986 encoding: + is %2B, space %20, reserved and sub-delims encoded, unreserved kept', () => {
  assert.equal(encodeRfc3986('a+b c'), 'a%2Bb%20c');
  assert.equal(encodeRfc3986("!'()*"), '%21%27%28%29%2A');
  assert.equal(encodeRfc3986('AZaz09-_.~'), 'AZaz09-_.~');
  assert.equal(encodeRfc3986('arn:aws:iam::1:role/x=,@'), 'arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx%3D%2C%40');
  assert.equal(encodeRfc3986('é\n'), '%C3%A9%0A');
});

test('the body starts with Action and Version, keeps parameter order and drops undefined values', () => {
  // Matches the recorded smithy-rs AssumeRole body byte for byte (profile-provider/e2e_assume_role).
  assert.equal(
    buildQueryBody('AssumeRole', [['RoleArn', 'arn:aws:iam::123456789:role/integration-test'], ['RoleSessionName', 'assume-role-provider-session'], ['ExternalId', undefined]]),
    'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789%3Arole%2Fintegration-test&RoleSessionName=assume-role-provider-session',
  );
  assert.equal(buildQueryBody('GetCallerIdentity', []), 'Action=GetCallerIdentity&Version=2011-06-15');
});
