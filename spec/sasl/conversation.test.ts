import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BSON } from 'bson';
import { MongoAwsError } from '../../lib/errors.js';
import { Secret } from '../../lib/secret.js';
import type { ResolvedCredentials } from '../../lib/types.js';
import { continueConversation, SASL_TEST_HOOKS, startConversation, type ConversationOptions } from '../../lib/sasl/conversation.js';
import { expectedAuthorization, serverFirstBytes } from './verifier.js';

const nonce = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const serverNonce = Buffer.concat([nonce, Buffer.alloc(32, 0x5a)]);
const hooks: ConversationOptions = { [SASL_TEST_HOOKS]: { randomBytes: () => nonce, now: () => new Date('2024-02-29T23:59:59.999Z') } };
const permanent: ResolvedCredentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: new Secret('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY') };
const temporary: ResolvedCredentials = { ...permanent, sessionToken: new Secret('IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==') };

function decode(bytes: Uint8Array): Record<string, unknown> {
  return BSON.deserialize(bytes, { promoteValues: false });
}

test('startConversation draws 32 fresh bytes from the CSPRNG for every conversation', () => {
  const a = startConversation();
  const b = startConversation();
  assert.equal(a.clientNonce.length, 32);
  assert.notDeepEqual(a.clientNonce, b.clientNonce);
  assert.deepEqual(Buffer.from((decode(a.payload)['r'] as { buffer: Uint8Array }).buffer.subarray(0, 32)), Buffer.from(a.clientNonce));
});

test('the nonce hook replaces the CSPRNG (test-only); a hook returning a wrong length is refused', () => {
  assert.deepEqual(startConversation(hooks).clientNonce, nonce);
  const bad: ConversationOptions = { [SASL_TEST_HOOKS]: { randomBytes: () => new Uint8Array(16) } };
  assert.throws(() => startConversation(bad), { code: 'ERR_INVALID_SIGNING_INPUT' });
});

test('client-final for permanent credentials: a is the signature of the spec request, d the signed date, no t', () => {
  const final = decode(continueConversation(nonce, serverFirstBytes(serverNonce, 'sts.amazonaws.com'), permanent, hooks));
  assert.deepEqual(Object.keys(final), ['a', 'd']);
  assert.equal(final['d'], '20240229T235959Z');
  assert.equal(
    final['a'],
    expectedAuthorization({
      host: 'sts.amazonaws.com',
      region: 'us-east-1',
      serverNonce,
      accessKeyId: permanent.accessKeyId,
      secretAccessKey: permanent.secretAccessKey.reveal(),
      amzDate: '20240229T235959Z',
    }),
  );
});

test('client-final for temporary credentials carries t and signs x-amz-security-token, in the region of h', () => {
  const host = 'sts.eu-central-1.amazonaws.com';
  const final = decode(continueConversation(nonce, serverFirstBytes(serverNonce, host), temporary, hooks));
  assert.deepEqual(Object.keys(final), ['a', 'd', 't']);
  assert.equal(final['t'], temporary.sessionToken?.reveal());
  const a = final['a'] as string;
  assert.ok(a.includes('/20240229/eu-central-1/sts/aws4_request'));
  assert.ok(a.includes('SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-mongodb-gs2-cb-flag;x-mongodb-server-nonce,'));
  assert.equal(
    a,
    expectedAuthorization({
      host,
      region: 'eu-central-1',
      serverNonce,
      accessKeyId: temporary.accessKeyId,
      secretAccessKey: temporary.secretAccessKey.reveal(),
      sessionToken: temporary.sessionToken?.reveal() as string,
      amzDate: '20240229T235959Z',
    }),
  );
});

test('without a clock hook d is the current X-Amz-Date format and a is signed for it', () => {
  const final = decode(continueConversation(nonce, serverFirstBytes(serverNonce, 'localhost'), permanent));
  const d = final['d'] as string;
  assert.match(d, /^\d{8}T\d{6}Z$/);
  assert.ok((final['a'] as string).includes(`/${d.slice(0, 8)}/us-east-1/sts/aws4_request`));
});

test('server-first errors surface before anything is signed', () => {
  const wrong = Buffer.from(serverNonce);
  wrong[0] = (wrong[0] as number) ^ 0xff;
  assert.throws(() => continueConversation(nonce, serverFirstBytes(wrong, 'sts.amazonaws.com'), permanent, hooks), { code: 'ERR_INVALID_SERVER_NONCE' });
  assert.throws(() => continueConversation(nonce, serverFirstBytes(serverNonce, 'sts..com'), permanent, hooks), { code: 'ERR_INVALID_STS_HOST' });
  assert.throws(() => continueConversation(nonce, Buffer.from([1, 2, 3]), permanent, hooks), { code: 'ERR_INVALID_SASL_PAYLOAD' });
});

test('an h that passes the spec rules but is no URL host (a%zz, [::1, a:99999) is ERR_INVALID_STS_HOST', () => {
  for (const host of ['a%zz.com', '[::1', 'a:99999']) {
    assert.throws(
      () => continueConversation(nonce, serverFirstBytes(serverNonce, host), permanent, hooks),
      (error: unknown) => MongoAwsError.isMongoAwsError(error) && error.code === 'ERR_INVALID_STS_HOST' && error.field === 'h',
    );
  }
});

test('unusable credentials are reported by the signer and never echoed', () => {
  const bad = { accessKeyId: 'AKID/with,slash', secretAccessKey: new Secret('wJalrSECRET') } as ResolvedCredentials;
  assert.throws(
    () => continueConversation(nonce, serverFirstBytes(serverNonce, 'sts.amazonaws.com'), bad, hooks),
    (error: unknown) => MongoAwsError.isMongoAwsError(error) && error.code === 'ERR_INVALID_SIGNING_INPUT' && !error.message.includes('wJalr'),
  );
});
