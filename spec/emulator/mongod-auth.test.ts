import { test } from 'node:test';
import assert from 'node:assert/strict';
import { userNameFromArn } from '../../lib/emulator/mongod-auth.js';

test('assumed-role ARNs map to their role ARN, as mongod names the user; other ARNs stay as they are', () => {
  assert.equal(userNameFromArn('arn:aws:sts::123456789012:assumed-role/app/session-1'), 'arn:aws:iam::123456789012:role/app');
  assert.equal(userNameFromArn('arn:aws-us-gov:sts::123456789012:assumed-role/app/s'), 'arn:aws-us-gov:iam::123456789012:role/app');
  assert.equal(userNameFromArn('arn:aws:iam::123456789012:user/alice'), 'arn:aws:iam::123456789012:user/alice');
  assert.equal(userNameFromArn('arn:aws:sts::123456789012:federated-user/bob'), 'arn:aws:sts::123456789012:federated-user/bob');
  assert.equal(userNameFromArn('arn:aws:sts::123456789012:assumed-role/app'), 'arn:aws:sts::123456789012:assumed-role/app');
});
