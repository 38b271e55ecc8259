import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Secret } from '../../lib/secret.js';
import { signResolved } from '../../lib/sigv4/sign.js';
import { buildStsRequest, serverNonceHeader, STS_BODY } from '../../lib/sasl/sts-request.js';

test('the signed request is POST https://<h>/ with the exact GetCallerIdentity body (43 bytes, spec SHA-256)', () => {
  const r = buildStsRequest('sts.us-west-2.amazonaws.com', 'NONCE');
  assert.equal(r.method, 'POST');
  assert.equal(r.url, 'https://sts.us-west-2.amazonaws.com/');
  assert.equal(r.body, 'Action=GetCallerIdentity&Version=2011-06-15');
  assert.equal(Buffer.byteLength(STS_BODY), 43);
  assert.equal(createHash('sha256').update(r.body).digest('hex'), 'ab821ae955788b0e33ebd34c208442ccfc2d406e2edc5e7a39bd6458fbb4f843');
});

test('the header set is exactly content-type, content-length 43, host = h, the server nonce and gs2 flag n', () => {
  const r = buildStsRequest('localhost:8000', 'NONCE');
  assert.deepEqual(r.headers, {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': '43',
    host: 'localhost:8000',
    'x-mongodb-server-nonce': 'NONCE',
    'x-mongodb-gs2-cb-flag': 'n',
  });
});

test('the server-nonce header is standard padded base64 of the full 64 bytes (88 chars), not base64url, view-exact', () => {
  const s = new Uint8Array(64).fill(0xff);
  s[0] = 0xfb;
  const header = serverNonceHeader(s);
  assert.equal(header.length, 88);
  assert.ok(header.endsWith('=='));
  assert.ok(header.startsWith('+/'));
  assert.deepEqual(Buffer.from(header, 'base64'), Buffer.from(s));
  const backing = new Uint8Array(100).fill(9);
  backing.set(s, 10);
  assert.equal(serverNonceHeader(backing.subarray(10, 74)), header);
});

// protocol doc §5.1 (node-mongodb-native test/unit/aws4.test.ts): nonce header literally `fakenonce`.
const DATE = new Date('2025-12-15T12:34:56Z');

test('§5.1 signing vector, permanent credentials, through the request builder', () => {
  const signed = signResolved(
    buildStsRequest('sts.amazonaws.com', 'fakenonce'),
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: new Secret('wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY') },
    { region: 'us-east-1', service: 'sts', date: DATE },
  );
  assert.equal(signed.signature, '48a66f9fc76829002a7a7ac5b92e4089395d9b88ea7d417ab146949b90eeab08');
  assert.equal(signed.date, '20251215T123456Z');
  assert.equal(signed.signedHeaders, 'content-length;content-type;host;x-amz-date;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce');
});

test('§5.1 signing vector, temporary credentials (x-amz-security-token signed), through the request builder', () => {
  const signed = signResolved(
    buildStsRequest('sts.amazonaws.com', 'fakenonce'),
    { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: new Secret('wJalrXUtnFEMI/K7MDENG+bPxRfiCYexamplekey'), sessionToken: new Secret('AQoDYXdzEJ') },
    { region: 'us-east-1', service: 'sts', date: DATE },
  );
  assert.equal(signed.signature, 'bbcb06e2feb8651dced329789743ba283f92ef1302d34a7398cb1d35808a1a66');
  assert.equal(
    signed.signedHeaders,
    'content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce',
  );
});
