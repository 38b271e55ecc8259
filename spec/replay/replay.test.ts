// The replay harness itself: it must reject traffic, results and errors that differ from the recording, and
// its independent signature check must reproduce the Rust SDK's recorded signatures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromNodeProviderChain } from '../../lib/chain/node-provider-chain.js';
import { MongoAwsCredentialsError } from '../../lib/errors.js';
import { vectorPath } from '../conformance/harness.js';
import { compareRequest, stsHostRegion, type ReplayFacts } from './compare.js';
import { assertMeaning, meaningOf } from './error-meanings.js';
import { chooseClock, knownKeyPairs, parseAmzDate } from './facts.js';
import { replayScenario } from './harness.js';
import { mapPath, replayRunner } from './runtime.js';
import { loadScenario, type RecordedExchange, type Scenario } from './scenario.js';
import { expectedSignature, parseSigV4 } from './sigv4-check.js';

const chain = (name: string): Scenario => loadScenario(vectorPath('aws-sdk-cross-sdk', 'aws-config', 'test-data', 'default-credential-provider-chain', name), name);
const profile = (name: string): Scenario => loadScenario(vectorPath('aws-sdk-cross-sdk', 'aws-config', 'test-data', 'profile-provider', name), name);
const entry = (init: object) => fromNodeProviderChain(init)();

function withExchanges(scenario: Scenario, edit: (exchanges: RecordedExchange[]) => RecordedExchange[]): Scenario {
  return { ...scenario, exchanges: edit([...scenario.exchanges]) };
}

test('the signature check reproduces the recorded Rust signatures of e2e_assume_role and retry_on_error byte for byte', async () => {
  for (const scenario of [profile('e2e_assume_role'), profile('retry_on_error')]) {
    const keys = knownKeyPairs(scenario);
    for (const exchange of scenario.exchanges) {
      const auth = parseSigV4(exchange.request.headers['authorization']?.[0] ?? '');
      assert.ok(auth !== undefined);
      const headers = Object.fromEntries(Object.entries(exchange.request.headers).map(([k, v]) => [k, v[0] as string]));
      const request = { method: exchange.request.method, url: new URL(exchange.request.uri), headers, body: exchange.request.body };
      assert.equal(await expectedSignature(request, auth, keys.get(auth.accessKeyId)?.secret ?? ''), auth.signature);
      assert.notEqual(await expectedSignature(request, auth, 'WRONG'), auth.signature);
    }
  }
});

test('a request that differs from the recording fails the scenario', async () => {
  const base = chain('imds_default_chain_success');
  const wrongTtl = withExchanges(base, (xs) => {
    const [first, ...rest] = xs as [RecordedExchange, ...RecordedExchange[]];
    return [{ ...first, request: { ...first.request, headers: { ...first.request.headers, 'x-aws-ec2-metadata-token-ttl-seconds': ['30'] } } }, ...rest];
  });
  await assert.rejects(replayScenario(wrongTtl, entry), /requests differ from the recording/);
  const wrongPath = withExchanges(base, (xs) => xs.map((x, i) => (i === 1 ? { ...x, request: { ...x.request, uri: `${x.request.uri}roles/` } } : x)));
  await assert.rejects(replayScenario(wrongPath, entry), /requests differ/);
});

test('an unused recorded exchange or an unexpected request fails the scenario', async () => {
  const base = chain('ecs_credentials');
  const extra = withExchanges(base, (xs) => [...xs, ...xs]);
  await assert.rejects(replayScenario(extra, entry), /1 recorded exchange\(s\) never requested/);
  const none = withExchanges(base, () => []);
  await assert.rejects(replayScenario(none, entry), /requests differ/);
});

test('credentials or errors other than expected fail the scenario', async () => {
  const base = chain('environment_variables');
  const wrongKey = { ...base, expected: { kind: 'ok' as const, credentials: { access_key_id: 'other', secret_access_key: 'bar', account_id: '123456789001' } } };
  await assert.rejects(replayScenario(wrongKey, entry), /credentials differ/);
  const wantError = { ...base, expected: { kind: 'error' as const, contains: 'the credential provider was not enabled' } };
  await assert.rejects(replayScenario(wantError, entry), /expected an error/);
  const disabled = chain('imds_disabled');
  const wrongMeaning = { ...disabled, expected: { kind: 'error' as const, contains: 'could not parse profile file' } };
  await assert.rejects(replayScenario(wrongMeaning, entry), /expected ERR_INVALID_PROFILE_FILE/);
  const wantOk = { ...disabled, expected: { kind: 'ok' as const, credentials: { access_key_id: 'a', secret_access_key: 'b' } } };
  await assert.rejects(replayScenario(wantOk, entry), /expected credentials, got ERR_CREDENTIALS_NOT_FOUND/);
});

test('every Rust error text maps to one code; unknown texts and foreign errors are refused', () => {
  assert.equal(meaningOf('InvalidIdentityTokenException: No OpenIDConnect provider found in your account').code, 'ERR_STS_ERROR');
  assert.throws(() => meaningOf('something nobody mapped'), /no error meaning mapped/);
  assert.throws(() => assertMeaning(new Error('x'), 'provider was not enabled'), /non-library error/);
  const sts = new MongoAwsCredentialsError('ERR_STS_ERROR', 'refused', { remoteCode: 'AccessDenied' });
  assert.throws(() => assertMeaning(sts, 'InvalidIdentityTokenException'), /expected remote code InvalidIdentityToken/);
  const status = new MongoAwsCredentialsError('ERR_HTTP_STATUS', 'x', { status: 500 });
  assert.throws(() => assertMeaning(status, 'an error occurred while loading credentials'), /expected status 503/);
});

test('the fake root maps absolute paths into fs/ and nothing else', () => {
  const s = chain('profile_static_keys');
  assert.equal(mapPath(s, '/home/.aws/config'), `${s.fsDir}/home/.aws/config`);
  assert.equal(mapPath(s, '/home/../../../etc/passwd'), `${s.fsDir}/etc/passwd`);
  assert.equal(mapPath(s, 'relative/path'), undefined);
});

test('the process runner refuses commands the scenario does not name', async () => {
  const { run, calls } = replayRunner(['echo hello']);
  await assert.rejects(run(['rm', '-rf', '/'], { timeoutMs: 1000, maxOutputBytes: 100, env: {} }), /not named by the scenario/);
  const out = await run(['echo', 'hello'], { timeoutMs: 5000, maxOutputBytes: 100, env: {} });
  assert.equal(out.stdout, 'hello\n');
  const viaShell = await run(['sh', '-c', 'echo hello'], { timeoutMs: 5000, maxOutputBytes: 100, env: {} });
  assert.equal(viaShell.stdout, 'hello\n');
  assert.equal(calls.length, 3);
});

test('the clock: recorded signing time when safe, else one hour before the earliest expiry, else a response date', () => {
  assert.equal(chooseClock(chain('imds_assume_role')).now, parseAmzDate('20210921T174125Z'));
  // ECS credentials recorded as expiring in 2009 come before the 2021 signing date.
  assert.equal(chooseClock(chain('ecs_assume_role')).now, Date.UTC(2009, 1, 13, 22, 31, 30));
  assert.equal(chooseClock(chain('imds_default_chain_success')).now, Date.UTC(2021, 8, 21, 3, 16, 53));
  const error = chain('imds_default_chain_error');
  assert.equal(chooseClock(error).why, 'recorded response date');
  assert.equal(chooseClock(chain('environment_variables')).why, 'fixed');
  assert.equal(parseAmzDate('2021-09-21'), undefined);
});

test('request comparison flags method, form, signing and header differences', async () => {
  const recorded = profile('e2e_assume_role').exchanges[0] as RecordedExchange;
  const facts: ReplayFacts = { keyPairs: new Map([['AKIAFAKE', { secret: 'FAKE' }]]), roleArns: new Set(['arn:aws:iam::123456789:role/integration-test']), tokens: new Set() };
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  const unsigned = await compareRequest(recorded, { method: 'PUT', url: new URL(recorded.request.uri), headers, body: 'Action=AssumeRole&Version=2011-06-15&Extra=1' }, facts);
  assert.deepEqual(unsigned.problems, [
    'method PUT instead of POST',
    'form RoleArn (absent) instead of arn:aws:iam::123456789:role/integration-test',
    'form RoleSessionName absent',
    'form parameter Extra not in the recording',
    'request is not SigV4-signed but the recorded one is',
  ]);
  const ecs = chain('ecs_credentials').exchanges[0] as RecordedExchange;
  const signed = await compareRequest(ecs, { method: 'GET', url: new URL(ecs.request.uri), headers: { authorization: recorded.request.headers['authorization']?.[0] ?? '', 'x-amz-security-token': 't' }, body: '' }, facts);
  assert.deepEqual(signed.problems, ['x-amz-security-token sent on a request the recording does not sign', 'request is SigV4-signed but the recorded one is not']);
  const token = await compareRequest(ecs, { method: 'GET', url: new URL(ecs.request.uri), headers: { authorization: 'secret-token' }, body: '' }, facts);
  assert.deepEqual(token.problems, ['authorization header the scenario does not configure']);
  assert.equal(stsHostRegion('sts.amazonaws.com'), 'us-east-1');
  assert.equal(stsHostRegion('sts-fips.us-east-1.api.aws'), 'us-east-1');
  assert.equal(stsHostRegion('aws.global-env-override'), undefined);
});
