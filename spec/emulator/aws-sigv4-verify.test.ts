import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IdentityRegistry } from '../../lib/emulator/registry.js';
import { parseAmzDate, parseAuthorization } from '../../lib/emulator/sigv4-verify.js';
import { verifyGetCallerIdentity } from '../../lib/emulator/sts.js';
import { signRequest } from '../../lib/sigv4/sign.js';
import { sdkSign } from './aws-helpers.js';

const NOW = new Date('2025-12-15T12:34:56Z');
const STS = 'https://sts.amazonaws.com/';
const NONCE = { 'x-mongodb-server-nonce': 'bm9uY2U=', 'x-mongodb-gs2-cb-flag': 'n' };

function setup() {
  const registry = new IdentityRegistry({ now: () => NOW.getTime() });
  const user = registry.addUser({ arn: 'arn:aws:iam::111122223333:user/alice' });
  registry.addRole({ roleArn: 'arn:aws:iam::111122223333:role/reader' });
  const temp = registry.issueTemporary('arn:aws:iam::111122223333:role/reader', { sessionName: 's1' });
  return { registry, user, temp };
}

function withHeader(request: { headers: Record<string, string> }, name: string, value: string | undefined) {
  const headers = { ...request.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...request, headers } as { method: string; path: string; headers: Record<string, string>; body: string };
}

function code(result: ReturnType<typeof verifyGetCallerIdentity>): string {
  return result.ok ? 'ok' : `${result.status} ${result.code}`;
}

test('a GetCallerIdentity request signed by the AWS SDK signer verifies and yields the user ARN, account and user id', async () => {
  const { registry, user } = setup();
  const request = await sdkSign(STS, user, { date: NOW, headers: NONCE });
  const result = verifyGetCallerIdentity(registry, request, NOW, { requiredHeaders: Object.keys(NONCE) });
  assert.deepEqual(result, { ok: true, arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333', userId: user.userId });
});

test('temporary credentials verify with their session token and yield the assumed-role ARN', async () => {
  const { registry, temp } = setup();
  const request = await sdkSign(STS, temp, { date: NOW });
  const result = verifyGetCallerIdentity(registry, request, NOW);
  assert.ok(result.ok);
  assert.equal(result.arn, 'arn:aws:sts::111122223333:assumed-role/reader/s1');
  assert.match(result.userId, /^AROA[A-Z2-7]{17}:s1$/);
});

test('the signature made by this library\'s own signer (MONGODB-AWS header set, any Host) verifies too', () => {
  const { registry, user } = setup();
  const signed = signRequest(
    { method: 'POST', url: 'https://sts.eu-west-3.example.test/', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '43', ...NONCE }, body: 'Action=GetCallerIdentity&Version=2011-06-15' },
    user,
    { region: 'eu-west-3', service: 'sts', date: NOW },
  );
  const result = verifyGetCallerIdentity(registry, { method: 'POST', path: '/', headers: signed.headers, body: 'Action=GetCallerIdentity&Version=2011-06-15' }, NOW, { requiredHeaders: Object.keys(NONCE) });
  assert.equal(code(result), 'ok');
});

test('a wrong secret, a tampered body or a tampered signed header fail with 403 SignatureDoesNotMatch', async () => {
  const { registry, user } = setup();
  const wrong = await sdkSign(STS, { accessKeyId: user.accessKeyId, secretAccessKey: `${user.secretAccessKey}x` }, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, wrong, NOW)), '403 SignatureDoesNotMatch');
  const good = await sdkSign(STS, user, { date: NOW, headers: NONCE });
  assert.equal(code(verifyGetCallerIdentity(registry, { ...good, body: 'Action=GetCallerIdentity&Version=2011-06-15&x=1' }, NOW)), '403 SignatureDoesNotMatch');
  assert.equal(code(verifyGetCallerIdentity(registry, withHeader(good, 'x-mongodb-server-nonce', 'b3RoZXI='), NOW)), '403 SignatureDoesNotMatch');
  // A value the signer refuses (a control character) cannot match either.
  assert.equal(code(verifyGetCallerIdentity(registry, withHeader(good, 'x-mongodb-gs2-cb-flag', 'n\u0001'), NOW)), '403 SignatureDoesNotMatch');
});

test('an unknown access key fails with 403 InvalidClientTokenId', async () => {
  const { registry } = setup();
  const request = await sdkSign(STS, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' }, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, request, NOW)), '403 InvalidClientTokenId');
});

test('a revoked key fails with 403 InvalidClientTokenId', async () => {
  const { registry, user } = setup();
  const request = await sdkSign(STS, user, { date: NOW });
  assert.equal(registry.revoke(user.accessKeyId), true);
  assert.equal(registry.revoke(user.accessKeyId), false);
  assert.equal(code(verifyGetCallerIdentity(registry, request, NOW)), '403 InvalidClientTokenId');
});

test('temporary credentials without, or with another, session token fail with InvalidClientTokenId; a token on a permanent key too', async () => {
  const { registry, user, temp } = setup();
  const missing = await sdkSign(STS, { accessKeyId: temp.accessKeyId, secretAccessKey: temp.secretAccessKey }, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, missing, NOW)), '403 InvalidClientTokenId');
  const other = await sdkSign(STS, { ...temp, sessionToken: `${temp.sessionToken}A` }, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, other, NOW)), '403 InvalidClientTokenId');
  const permanentWithToken = await sdkSign(STS, { ...user, sessionToken: 'token' }, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, permanentWithToken, NOW)), '403 InvalidClientTokenId');
});

test('expired temporary credentials fail with 403 ExpiredToken', async () => {
  const { registry } = setup();
  const expired = registry.issueTemporary('arn:aws:iam::111122223333:role/reader', { expired: true });
  assert.ok(expired.expiration.getTime() < NOW.getTime());
  const request = await sdkSign(STS, expired, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, request, NOW)), '403 ExpiredToken');
});

test('X-Amz-Date more than 15 minutes before or after the server clock fails with SignatureDoesNotMatch (signature expired / not yet current)', async () => {
  const { registry, user } = setup();
  const stale = await sdkSign(STS, user, { date: new Date(NOW.getTime() - 15 * 60_000 - 1000) });
  const result = verifyGetCallerIdentity(registry, stale, NOW);
  assert.equal(code(result), '403 SignatureDoesNotMatch');
  assert.match(result.ok ? '' : result.message, /^Signature expired: /);
  const future = await sdkSign(STS, user, { date: new Date(NOW.getTime() + 16 * 60_000) });
  const ahead = verifyGetCallerIdentity(registry, future, NOW);
  assert.match(ahead.ok ? '' : ahead.message, /^Signature not yet current: /);
  const edge = await sdkSign(STS, user, { date: new Date(NOW.getTime() - 14 * 60_000) });
  assert.equal(code(verifyGetCallerIdentity(registry, edge, NOW)), 'ok');
});

test('a missing or malformed Authorization header is refused before any key lookup', async () => {
  const { registry, user } = setup();
  const good = await sdkSign(STS, user, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, withHeader(good, 'authorization', undefined), NOW)), '403 MissingAuthenticationToken');
  const auth = good.headers['authorization'] as string;
  for (const bad of [
    auth.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512'),
    auth.replace('/aws4_request', '/aws5_request'),
    auth.replace(/Signature=[0-9a-f]+/, 'Signature=xyz'),
    auth.replace(/SignedHeaders=/, 'SignedHeaders=Host;'),
    auth.replace(/, Signature=/, ', Signature=0, Signature='),
    auth.replace(/Credential=[^/]+/, 'Credential='),
    auth.replace(/, SignedHeaders=[^,]+/, ''),
    `${auth}, Extra=1`,
    'AWS4-HMAC-SHA256 nonsense',
  ]) {
    assert.equal(code(verifyGetCallerIdentity(registry, withHeader(good, 'authorization', bad), NOW)), '400 IncompleteSignature', bad);
  }
});

test('a missing or malformed X-Amz-Date fails with 400 IncompleteSignature', async () => {
  const { registry, user } = setup();
  const good = await sdkSign(STS, user, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, withHeader(good, 'x-amz-date', undefined), NOW)), '400 IncompleteSignature');
  assert.equal(code(verifyGetCallerIdentity(registry, withHeader(good, 'x-amz-date', '2025-12-15T12:34:56Z'), NOW)), '400 IncompleteSignature');
  assert.equal(code(verifyGetCallerIdentity(registry, withHeader(good, 'x-amz-date', '20251315T123456Z'), NOW)), '400 IncompleteSignature');
});

test('the scope must name service sts and the X-Amz-Date day; host, x-amz-date and required headers must be signed and present', async () => {
  const { registry, user } = setup();
  const s3 = await sdkSign(STS, user, { date: NOW, service: 's3' });
  assert.equal(code(verifyGetCallerIdentity(registry, s3, NOW)), '403 SignatureDoesNotMatch');
  const good = await sdkSign(STS, user, { date: NOW, headers: NONCE });
  const auth = good.headers['authorization'] as string;
  const otherDay = withHeader(good, 'authorization', auth.replace('/20251215/', '/20251214/'));
  assert.match(JSON.stringify(verifyGetCallerIdentity(registry, otherDay, NOW)), /Date in Credential scope does not match/);
  const noHost = withHeader(good, 'authorization', auth.replace('host;', ''));
  assert.match(JSON.stringify(verifyGetCallerIdentity(registry, noHost, NOW)), /'Host' or ':authority' must be a 'SignedHeader'/);
  const noDate = withHeader(good, 'authorization', auth.replace('x-amz-date;', ''));
  assert.match(JSON.stringify(verifyGetCallerIdentity(registry, noDate, NOW)), /'x-amz-date' must be a 'SignedHeader'/);
  const unsignedNonce = await sdkSign(STS, user, { date: NOW });
  const refused = verifyGetCallerIdentity(registry, unsignedNonce, NOW, { requiredHeaders: ['X-MongoDB-Server-Nonce'] });
  assert.match(JSON.stringify(refused), /'x-mongodb-server-nonce' must be a 'SignedHeader'/);
  const missing = verifyGetCallerIdentity(registry, withHeader(good, 'x-mongodb-server-nonce', undefined), NOW);
  assert.match(JSON.stringify(missing), /Signed header 'x-mongodb-server-nonce' is missing/);
});

test('header names are matched case-insensitively, as HTTP requires', async () => {
  const { registry, user } = setup();
  const good = await sdkSign(STS, user, { date: NOW });
  const upper: Record<string, string> = {};
  for (const [name, value] of Object.entries(good.headers)) upper[name.toUpperCase()] = value;
  assert.equal(code(verifyGetCallerIdentity(registry, { ...good, headers: upper }, NOW)), 'ok');
});

test('the signed body must be Action=GetCallerIdentity&Version=2011-06-15', async () => {
  const { registry, user } = setup();
  const none = await sdkSign(STS, user, { date: NOW, body: 'Version=2011-06-15' });
  assert.equal(code(verifyGetCallerIdentity(registry, none, NOW)), '400 MissingAction');
  const other = await sdkSign(STS, user, { date: NOW, body: 'Action=GetSessionToken&Version=2011-06-15' });
  assert.equal(code(verifyGetCallerIdentity(registry, other, NOW)), '400 InvalidAction');
  const version = await sdkSign(STS, user, { date: NOW, body: 'Action=GetCallerIdentity' });
  assert.match(JSON.stringify(verifyGetCallerIdentity(registry, version, NOW)), /NO_VERSION_SPECIFIED/);
  const query = await sdkSign(`${STS}?Action=GetCallerIdentity&Version=2011-06-15`, user, { date: NOW, body: '', method: 'GET' });
  assert.equal(code(verifyGetCallerIdentity(registry, query, NOW)), 'ok');
  const relative = await sdkSign(STS, user, { date: NOW });
  assert.equal(code(verifyGetCallerIdentity(registry, { ...relative, path: '' }, NOW)), 'ok');
});

test('parseAuthorization and parseAmzDate accept the canonical forms only', () => {
  assert.deepEqual(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sts/aws4_request,SignedHeaders=host;x-amz-date,Signature=' + 'a'.repeat(64)), {
    accessKeyId: 'AKID',
    scopeDate: '20250101',
    region: 'us-east-1',
    service: 'sts',
    signedHeaders: ['host', 'x-amz-date'],
    signature: 'a'.repeat(64),
  });
  assert.equal(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/2025011/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=' + 'a'.repeat(64)), undefined);
  assert.equal(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20250101//sts/aws4_request, SignedHeaders=host, Signature=' + 'a'.repeat(64)), undefined);
  assert.equal(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20250101/r//aws4_request, SignedHeaders=host, Signature=' + 'a'.repeat(64)), undefined);
  assert.equal(parseAmzDate('20250228T235959Z')?.toISOString(), '2025-02-28T23:59:59.000Z');
  assert.equal(parseAmzDate('20250230T000000Z'), undefined);
  assert.equal(parseAmzDate('20251301T000000Z'), undefined);
});
