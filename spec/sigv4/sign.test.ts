/** signRequest / signResolved behaviour: generated headers, replaced and unsigned headers, bodies, URLs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../lib/secret.js';
import { signRequest, signResolved, type SignOptions } from '../../lib/sigv4/sign.js';

const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const at = new Date('2015-08-30T12:36:00.789Z');
const opts: SignOptions = { region: 'us-east-1', service: 'service', date: at };

test('host is added from the URL when absent, with a non-default port, and signed', () => {
  const s = signRequest({ method: 'GET', url: 'https://Example.AmazonAWS.com:8443/' }, creds, opts);
  assert.equal(s.headers['host'], 'example.amazonaws.com:8443');
  assert.match(s.canonicalRequest, /\nhost:example\.amazonaws\.com:8443\n/);
  assert.equal(s.signedHeaders, 'host;x-amz-date');
});

test("a caller's Host header (any case) is kept and signed as given", () => {
  const s = signRequest({ method: 'GET', url: 'https://example.amazonaws.com/', headers: { HOST: 'other.example:1' } }, creds, opts);
  assert.equal(s.headers['host'], 'other.example:1');
  assert.match(s.canonicalRequest, /\nhost:other\.example:1\n/);
});

test('X-Amz-Date comes from options.date without milliseconds, and the scope date from the same instant', () => {
  const s = signRequest({ method: 'GET', url: 'https://h.example/' }, creds, { ...opts, date: new Date('2015-12-31T23:59:59.999Z') });
  assert.equal(s.date, '20151231T235959Z');
  assert.equal(s.headers['x-amz-date'], '20151231T235959Z');
  assert.match(s.authorization, /Credential=AKIDEXAMPLE\/20151231\/us-east-1\/service\/aws4_request, /);
  assert.equal(s.stringToSign.split('\n')[2], '20151231/us-east-1/service/aws4_request');
});

test('without options.date the signer uses the current instant, in the X-Amz-Date format', () => {
  const s = signRequest({ method: 'GET', url: 'https://h.example/' }, creds, { region: 'us-east-1', service: 'sts' });
  assert.match(s.date, /^\d{8}T\d{6}Z$/);
  assert.ok(s.authorization.includes(`/${s.date.slice(0, 8)}/us-east-1/sts/aws4_request`));
});

test('a session token is added as x-amz-security-token before signing and is signed; an empty one counts as none', () => {
  const withToken = signRequest({ method: 'GET', url: 'https://h.example/' }, { ...creds, sessionToken: 'tok' }, opts);
  assert.equal(withToken.headers['x-amz-security-token'], 'tok');
  assert.equal(withToken.signedHeaders, 'host;x-amz-date;x-amz-security-token');
  const empty = signRequest({ method: 'GET', url: 'https://h.example/' }, { ...creds, sessionToken: '' }, opts);
  assert.equal(empty.headers['x-amz-security-token'], undefined);
  assert.equal(empty.signedHeaders, 'host;x-amz-date');
});

test("the caller's authorization, x-amz-date and x-amz-security-token are replaced (dropped when there is no token)", () => {
  const headers = { Authorization: 'old', 'X-Amz-Date': '19990101T000000Z', 'X-Amz-Security-Token': 'stale' };
  const plain = signRequest({ method: 'GET', url: 'https://h.example/', headers }, creds, opts);
  assert.deepEqual(Object.keys(plain.headers).sort(), ['authorization', 'host', 'x-amz-date']);
  assert.equal(plain.headers['x-amz-date'], '20150830T123600Z');
  assert.equal(plain.headers['authorization'], plain.authorization);
  const token = signRequest({ method: 'GET', url: 'https://h.example/', headers }, { ...creds, sessionToken: 'fresh' }, opts);
  assert.equal(token.headers['x-amz-security-token'], 'fresh');
  assert.match(token.canonicalRequest, /\nx-amz-security-token:fresh\n/);
});

test('unsignable headers are returned but never signed', () => {
  const headers = { 'User-Agent': 'ua', 'Proxy-Authorization': 'p', 'Sec-Fetch-Mode': 'cors', Connection: 'close', 'X-Amzn-Trace-Id': 't', 'X-Custom': 'c' };
  const s = signRequest({ method: 'GET', url: 'https://h.example/', headers }, creds, opts);
  assert.equal(s.signedHeaders, 'host;x-amz-date;x-custom');
  assert.equal(s.headers['user-agent'], 'ua');
  assert.equal(s.headers['proxy-authorization'], 'p');
});

test('an array is a repeated header: canonicalised values joined with , in order, and sent that way', () => {
  const s = signRequest({ method: 'GET', url: 'https://h.example/', headers: { 'My-Header1': ['value4', ' value1  a ', 'value3'] } }, creds, opts);
  assert.match(s.canonicalRequest, /\nmy-header1:value4,value1 a,value3\n/);
  assert.equal(s.headers['my-header1'], 'value4,value1 a,value3');
});

test('names that differ only in case are one header; an empty array adds nothing', () => {
  const s = signRequest({ method: 'GET', url: 'https://h.example/', headers: { 'X-A': '1', 'x-a': ['2'], 'X-Empty': [] } }, creds, opts);
  assert.match(s.canonicalRequest, /\nx-a:1,2\n/);
  assert.equal(s.headers['x-empty'], undefined);
  assert.equal(s.signedHeaders, 'host;x-a;x-amz-date');
});

test('a single header value is returned exactly as given (it is canonicalised only for signing)', () => {
  const s = signRequest({ method: 'GET', url: 'https://h.example/', headers: { 'X-Spaces': '  a   b  ' } }, creds, opts);
  assert.equal(s.headers['x-spaces'], '  a   b  ');
  assert.match(s.canonicalRequest, /\nx-spaces:a b\n/);
});

test('a header named __proto__ stays an own header property', () => {
  const s = signRequest({ method: 'GET', url: 'https://h.example/', headers: JSON.parse('{"__proto__":"x"}') as Record<string, string> }, creds, opts);
  assert.ok(Object.hasOwn(s.headers, '__proto__'));
  assert.equal(Object.getPrototypeOf(s.headers), Object.prototype);
  assert.match(s.canonicalRequest, /\n__proto__:x\n/);
});

test('the body hash is over its exact bytes: a UTF-8 string and its bytes agree; a view hashes only its own bytes', () => {
  const hashOf = (body: string | Uint8Array | undefined) =>
    signRequest({ method: 'POST', url: 'https://h.example/', ...(body === undefined ? {} : { body }) }, creds, opts).canonicalRequest.split('\n').pop();
  assert.equal(hashOf(undefined), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hashOf(''), hashOf(undefined));
  assert.equal(hashOf('é'), hashOf(Uint8Array.of(0xc3, 0xa9)));
  assert.equal(hashOf(Uint8Array.of(0, 0xc3, 0xa9, 0).subarray(1, 3)), hashOf('é'));
  assert.equal(hashOf(Buffer.from('Param1=value1')), '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e');
});

test('the path of a URL string is signed as written; a URL object is signed by its pathname', () => {
  const fromString = signRequest({ method: 'GET', url: 'https://h.example/foo%3Dbar/a b' }, creds, opts);
  assert.equal(fromString.canonicalRequest.split('\n')[1], '/foo%253Dbar/a%20b');
  const fromUrl = signRequest({ method: 'GET', url: new URL('https://h.example/foo%3Dbar/a b') }, creds, opts);
  assert.equal(fromUrl.canonicalRequest.split('\n')[1], '/foo%253Dbar/a%2520b');
});

test('the method is signed exactly as given', () => {
  assert.equal(signRequest({ method: 'get', url: 'https://h.example/' }, creds, opts).canonicalRequest.split('\n')[0], 'get');
});

test('signRequest and signResolved give the same result for the same credentials', () => {
  const request = { method: 'POST', url: 'https://sts.amazonaws.com/?a=1', headers: { 'Content-Type': 'x' }, body: 'b' };
  const plain = signRequest(request, { ...creds, sessionToken: 't' }, opts);
  const wrapped = signResolved(request, { accessKeyId: creds.accessKeyId, secretAccessKey: new Secret(creds.secretAccessKey), sessionToken: new Secret('t') }, opts);
  assert.deepEqual(wrapped, plain);
});

test('signRequest ignores the internal variant options; signResolved applyChecksum adds and signs x-amz-content-sha256', () => {
  const request = { method: 'POST', url: 'https://h.example/', body: 'Param1=value1' };
  const variant = { ...opts, applyChecksum: true } as SignOptions;
  assert.equal(signRequest(request, creds, variant).headers['x-amz-content-sha256'], undefined);
  const resolved = signResolved(request, { accessKeyId: creds.accessKeyId, secretAccessKey: new Secret(creds.secretAccessKey) }, { ...opts, applyChecksum: true });
  assert.equal(resolved.headers['x-amz-content-sha256'], '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e');
  assert.equal(resolved.signedHeaders, 'host;x-amz-content-sha256;x-amz-date');
});

test('signing the same input twice gives the same result (no hidden state)', () => {
  const request = { method: 'GET', url: 'https://h.example/?b=2&a=1' };
  assert.deepEqual(signRequest(request, creds, opts), signRequest(request, creds, opts));
});
