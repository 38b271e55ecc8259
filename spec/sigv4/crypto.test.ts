/** Hashing and key-derivation stage of SigV4 on node:crypto. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAmzDate, sha256Hex, signatureHex, signingKey, stringToSign } from '../../lib/sigv4/crypto.js';

test('sha256Hex of the empty body is the well-known e3b0c442… value, and strings hash as UTF-8', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex(new Uint8Array()), sha256Hex(''));
  assert.equal(sha256Hex('é'), sha256Hex(Uint8Array.of(0xc3, 0xa9)));
});

test('sha256Hex of the MONGODB-AWS body matches mongodb-aws-protocol.md §5', () => {
  assert.equal(sha256Hex('Action=GetCallerIdentity&Version=2011-06-15'), 'ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843');
});

test('formatAmzDate is basic ISO-8601 in UTC without milliseconds', () => {
  assert.equal(formatAmzDate(new Date('2015-08-30T12:36:00.999Z')), '20150830T123600Z');
  assert.equal(formatAmzDate(new Date('2000-01-01T00:00:00+05:00')), '19991231T190000Z');
});

test('signingKey reproduces the AWS documentation example (kSigning for iam, 20120215)', () => {
  const key = signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', '20120215/us-east-1/iam/aws4_request');
  assert.equal(key.toString('hex'), 'f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
});

test('stringToSign and signatureHex chain to the get-vanilla signature of the classic suite', () => {
  const creq = 'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n' +
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const scope = '20150830/us-east-1/service/aws4_request';
  const sts = stringToSign('20150830T123600Z', scope, creq);
  assert.equal(sts, `AWS4-HMAC-SHA256\n20150830T123600Z\n${scope}\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63`);
  assert.equal(signatureHex(signingKey('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', scope), sts),
    '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
});
