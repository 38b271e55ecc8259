/**
 * The MONGODB-AWS STS request (mongodb-aws-protocol.md §5) and its two signing vectors (§5.1). These are not files
 * in shared/vectors: inputs and expected Authorization values are copied from the document, which takes them from
 * mongodb/node-mongodb-native test/unit/aws4.test.ts ("Verify AWS4 signature generation").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../lib/sigv4/sign.js';

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const request = {
  method: 'POST',
  url: 'https://sts.amazonaws.com/',
  headers: {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(BODY.length),
    'X-MongoDB-Server-Nonce': 'fakenonce',
    'X-MongoDB-GS2-CB-Flag': 'n',
  },
  body: BODY,
};
const options = { region: 'us-east-1', service: 'sts', date: new Date('2025-12-15T12:34:56Z') };

test('mongodb-aws-protocol §5.1 permanent credentials: signature 48a66f9f…', () => {
  const s = signRequest(request, { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, options);
  assert.equal(
    s.authorization,
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251215/us-east-1/sts/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce, Signature=48a66f9fc76829002a7a7ac5b92e4089395d9b88ea7d417ab146949b90eeab08',
  );
  assert.equal(s.date, '20251215T123456Z');
  assert.equal(s.headers['x-amz-security-token'], undefined);
  // The canonical request of §5, byte for byte.
  assert.equal(
    s.canonicalRequest,
    'POST\n/\n\ncontent-length:43\ncontent-type:application/x-www-form-urlencoded\nhost:sts.amazonaws.com\nx-amz-date:20251215T123456Z\n' +
      'x-mongodb-gs2-cb-flag:n\nx-mongodb-server-nonce:fakenonce\n\n' +
      'content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce\n' +
      'ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843',
  );
});

test('mongodb-aws-protocol §5.1 temporary credentials: x-amz-security-token signed, signature bbcb06e2…', () => {
  const s = signRequest(
    request,
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYexamplekey', sessionToken: 'AQoDYXdzEJ' },
    options,
  );
  assert.equal(
    s.authorization,
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251215/us-east-1/sts/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce, Signature=bbcb06e2feb8651dced329789743ba283f92ef1302d34a7398cb1d35808a1a66',
  );
  assert.equal(s.headers['x-amz-security-token'], 'AQoDYXdzEJ');
  assert.match(s.canonicalRequest, /\nx-amz-security-token:AQoDYXdzEJ\n/);
});
