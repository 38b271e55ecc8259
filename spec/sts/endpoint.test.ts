import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GLOBAL_STS_URL, LEGACY_GLOBAL_REGIONS, resolveStsEndpoint } from '../../lib/sts/endpoint.js';

function code(fn: () => unknown): { code?: string; field?: string } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; field?: string };
  }
  return assert.fail('expected a throw');
}

test('regional endpoint from the region, signed for that region; .amazonaws.com.cn for cn-* and other partitions', () => {
  assert.deepEqual(resolveStsEndpoint({ AWS_REGION: 'eu-west-1' }), { url: 'https://sts.eu-west-1.amazonaws.com/', region: 'eu-west-1' });
  assert.deepEqual(resolveStsEndpoint({ AWS_REGION: 'cn-north-1' }), { url: 'https://sts.cn-north-1.amazonaws.com.cn/', region: 'cn-north-1' });
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-gov-west-1' }).url, 'https://sts.us-gov-west-1.amazonaws.com/');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-iso-east-1' }).url, 'https://sts.us-iso-east-1.c2s.ic.gov/');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-isob-east-1' }).url, 'https://sts.us-isob-east-1.sc2s.sgov.gov/');
});

test('region precedence: explicit > AWS_REGION > AWS_DEFAULT_REGION > profile region (region_override)', () => {
  const profile = { region: 'us-east-1' };
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1' }, profile, undefined, 'eu-central-1').region, 'eu-central-1');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1' }, profile).region, 'us-east-2');
  assert.equal(resolveStsEndpoint({ AWS_REGION: ' ', AWS_DEFAULT_REGION: 'us-west-1' }, profile).region, 'us-west-1');
  assert.equal(resolveStsEndpoint({}, profile).url, 'https://sts.us-east-1.amazonaws.com/');
  assert.equal(resolveStsEndpoint({}, profile, undefined, '').region, 'us-east-1');
});

test('no region, or aws-global: the global endpoint signed for us-east-1', () => {
  assert.deepEqual(resolveStsEndpoint({}), { url: GLOBAL_STS_URL, region: 'us-east-1' });
  assert.deepEqual(resolveStsEndpoint({ AWS_REGION: 'aws-global' }), { url: GLOBAL_STS_URL, region: 'us-east-1' });
});

test('sts_regional_endpoints = legacy sends the 16 legacy regions to the global endpoint only', () => {
  assert.equal(LEGACY_GLOBAL_REGIONS.size, 16);
  assert.deepEqual(resolveStsEndpoint({ AWS_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'LEGACY' }), { url: GLOBAL_STS_URL, region: 'us-east-1' });
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'af-south-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy' }).url, 'https://sts.af-south-1.amazonaws.com/');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'eu-west-1' }, { sts_regional_endpoints: 'legacy' }).url, GLOBAL_STS_URL);
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, { sts_regional_endpoints: 'legacy' }).url, 'https://sts.eu-west-1.amazonaws.com/');
  assert.deepEqual(code(() => resolveStsEndpoint({ AWS_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'global' })).field, 'AWS_STS_REGIONAL_ENDPOINTS');
  assert.deepEqual(code(() => resolveStsEndpoint({ AWS_REGION: 'eu-west-1' }, { sts_regional_endpoints: 'x' })).code, 'ERR_INVALID_ARGUMENT');
});

test('configured endpoint URLs: AWS_ENDPOINT_URL_STS > services sts > AWS_ENDPOINT_URL > profile endpoint_url (assume_role_override_*)', () => {
  const profile = { region: 'us-east-1', endpoint_url: 'http://aws.global-profile-override' };
  const services = { sts: { endpoint_url: 'http://aws.service-profile-override' } };
  const env = { AWS_ENDPOINT_URL_STS: 'http://aws.sts-env-override', AWS_ENDPOINT_URL: 'http://aws.global-env-override' };
  assert.deepEqual(resolveStsEndpoint(env, profile, services), { url: 'http://aws.sts-env-override/', region: 'us-east-1' });
  assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL }, profile, services).url, 'http://aws.service-profile-override/');
  assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL: env.AWS_ENDPOINT_URL }, profile).url, 'http://aws.global-env-override/');
  assert.equal(resolveStsEndpoint({}, profile).url, 'http://aws.global-profile-override/');
  assert.equal(resolveStsEndpoint({}, profile, { s3: { endpoint_url: 'http://s3' } }).url, 'http://aws.global-profile-override/');
  assert.deepEqual(resolveStsEndpoint({ AWS_ENDPOINT_URL: 'https://127.0.0.1:8443/sts' }), { url: 'https://127.0.0.1:8443/sts', region: 'us-east-1' });
  assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL: 'http://x', AWS_REGION: 'eu-west-3' }).region, 'eu-west-3');
});

test('configured endpoints are ignored when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true', () => {
  assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'TRUE', AWS_REGION: 'eu-west-1' }).url, 'https://sts.eu-west-1.amazonaws.com/');
  assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://x' }, { ignore_configured_endpoint_urls: 'true' }).url, GLOBAL_STS_URL);
  assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }, { ignore_configured_endpoint_urls: 'true' }).url, 'http://x/');
});

test('bad endpoint URLs are ERR_INVALID_ENDPOINT naming the setting; bad regions ERR_INVALID_ARGUMENT', () => {
  for (const [value, field] of [['not a url', 'AWS_ENDPOINT_URL_STS'], ['ftp://x', 'AWS_ENDPOINT_URL_STS'], ['http://user:pw@x', 'AWS_ENDPOINT_URL_STS']] as const) {
    const error = code(() => resolveStsEndpoint({ [field]: value }));
    assert.equal(error.code, 'ERR_INVALID_ENDPOINT');
    assert.equal(error.field, field);
    assert.ok(!(error as Error).message.includes('pw'));
  }
  assert.equal(code(() => resolveStsEndpoint({}, undefined, { sts: { endpoint_url: 'x' } })).field, 'services.sts.endpoint_url');
  for (const region of ['us east 1', 'evil.com/x', 'US-EAST-1', '-x', 'a'.repeat(64)]) {
    assert.equal(code(() => resolveStsEndpoint({ AWS_REGION: region })).code, 'ERR_INVALID_ARGUMENT', region);
  }
  assert.equal(code(() => resolveStsEndpoint({}, { region: 'bad region' })).field, 'region (profile)');
});

test('FIPS and dual-stack variants (profile-provider/e2e_fips_and_dual_stack_sts)', () => {
  const both = { region: 'us-east-1', use_fips_endpoint: 'true', use_dualstack_endpoint: 'true' };
  assert.deepEqual(resolveStsEndpoint({}, both), { url: 'https://sts-fips.us-east-1.api.aws/', region: 'us-east-1' });
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'eu-west-1', AWS_USE_FIPS_ENDPOINT: 'TRUE' }).url, 'https://sts-fips.eu-west-1.amazonaws.com/');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'eu-west-1', AWS_USE_DUALSTACK_ENDPOINT: 'true' }).url, 'https://sts.eu-west-1.api.aws/');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'cn-north-1', AWS_USE_DUALSTACK_ENDPOINT: 'true' }).url, 'https://sts.cn-north-1.api.amazonwebservices.com.cn/');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-gov-west-1', AWS_USE_FIPS_ENDPOINT: 'true' }).url, 'https://sts.us-gov-west-1.amazonaws.com/');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-gov-west-1' }, { use_fips_endpoint: 'true', use_dualstack_endpoint: 'true' }).url, 'https://sts-fips.us-gov-west-1.api.aws/');
  assert.equal(resolveStsEndpoint({ AWS_USE_FIPS_ENDPOINT: 'false' }, { use_fips_endpoint: 'true' }).url, GLOBAL_STS_URL, 'environment beats profile');
  assert.deepEqual(resolveStsEndpoint({ AWS_USE_FIPS_ENDPOINT: 'true' }), { url: 'https://sts-fips.us-east-1.amazonaws.com/', region: 'us-east-1' }, 'no global FIPS endpoint');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'eu-west-1', AWS_STS_REGIONAL_ENDPOINTS: 'legacy', AWS_USE_DUALSTACK_ENDPOINT: 'true' }).url, 'https://sts.us-east-1.api.aws/');
  assert.equal(resolveStsEndpoint({ AWS_ENDPOINT_URL_STS: 'http://x', AWS_USE_FIPS_ENDPOINT: 'true' }).url, 'http://x/', 'a configured URL wins');
  assert.equal(code(() => resolveStsEndpoint({ AWS_USE_FIPS_ENDPOINT: 'yes' })).field, 'AWS_USE_FIPS_ENDPOINT');
  assert.equal(code(() => resolveStsEndpoint({}, { use_dualstack_endpoint: '1' })).field, 'use_dualstack_endpoint');
  assert.equal(code(() => resolveStsEndpoint({ AWS_REGION: 'us-iso-east-1', AWS_USE_DUALSTACK_ENDPOINT: 'true' })).code, 'ERR_INVALID_ENDPOINT');
  assert.equal(resolveStsEndpoint({ AWS_REGION: 'us-iso-east-1', AWS_USE_FIPS_ENDPOINT: 'true' }).url, 'https://sts-fips.us-iso-east-1.c2s.ic.gov/');
});
