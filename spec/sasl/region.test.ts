import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoAwsError } from '../../lib/errors.js';
import { deriveRegion, validateStsHost } from '../../lib/sasl/region.js';

function invalidHost(value: unknown): void {
  assert.throws(
    () => validateStsHost(value),
    (error: unknown) => MongoAwsError.isMongoAwsError(error) && error.code === 'ERR_INVALID_STS_HOST' && error.field === 'h',
  );
}

test('region table of the auth spec (Region Calculation), including example.com → com and localhost → us-east-1', () => {
  assert.equal(deriveRegion('sts.amazonaws.com'), 'us-east-1');
  assert.equal(deriveRegion('sts.us-west-2.amazonaws.com'), 'us-west-2');
  assert.equal(deriveRegion('sts.us-west-2.amazonaws.com.ch'), 'us-west-2');
  assert.equal(deriveRegion('example.com'), 'com');
  assert.equal(deriveRegion('localhost'), 'us-east-1');
});

test('the default STS host is recognised case-insensitively (the spec pseudocode typo aws.amazonaws.com is not used)', () => {
  assert.equal(deriveRegion('STS.AmazonAWS.com'), 'us-east-1');
  assert.equal(deriveRegion('aws.amazonaws.com'), 'amazonaws');
  assert.equal(deriveRegion('localhost:8000'), 'us-east-1');
});

test('invalid hosts of the spec table are ERR_INVALID_STS_HOST: empty label, leading and trailing period, empty, over 255 bytes', () => {
  for (const host of ['sts..com', '.amazonaws.com', 'sts.amazonaws.', '', '.', 'a'.repeat(256)]) {
    invalidHost(host);
    assert.throws(() => deriveRegion(host), { code: 'ERR_INVALID_STS_HOST' });
  }
});

test('the 255 limit counts UTF-8 bytes, not UTF-16 code units, and 255 itself is allowed', () => {
  validateStsHost('a'.repeat(255));
  validateStsHost(`${'é'.repeat(127)}a`); // 255 bytes
  invalidHost('é'.repeat(128)); // 128 code units, 256 bytes
});

test('non-strings, whitespace, control characters and URL delimiters are ERR_INVALID_STS_HOST', () => {
  for (const value of [undefined, null, 42, {}, ['sts.amazonaws.com']]) invalidHost(value);
  for (const host of ['sts amazonaws.com', 'sts.amazonaws.com\r\nx-evil: 1', 'a\u0000b', 'a\tb', 'a\u007fb', 'a/b', 'a?b', 'a#b', 'u@a', 'a\\b']) {
    invalidHost(host);
  }
});
