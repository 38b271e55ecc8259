import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMDS_IPV4, IMDS_IPV6, resolveImdsEndpoint } from '../../lib/providers/imds-endpoint.js';

function refused(fn: () => unknown): { code?: string; field?: string; message: string } {
  try {
    fn();
  } catch (error) {
    return error as never;
  }
  return assert.fail('expected a throw');
}

test('defaults to IPv4; mode IPv6 selects [fd00:ec2::254]; modes are case-insensitive', () => {
  assert.equal(resolveImdsEndpoint({}), IMDS_IPV4);
  assert.equal(resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'ipv6' }), IMDS_IPV6);
  assert.equal(resolveImdsEndpoint({}, { ec2_metadata_service_endpoint_mode: 'IPV4' }), IMDS_IPV4);
  assert.equal(resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: ' ' }, { ec2_metadata_service_endpoint_mode: 'IPv6' }), IMDS_IPV6);
});

test('precedence: code endpoint > env endpoint > profile endpoint > code mode > env mode > profile mode', () => {
  const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://env:1', AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv4' };
  const profile = { ec2_metadata_service_endpoint: 'http://profile:2', ec2_metadata_service_endpoint_mode: 'IPv4' };
  assert.equal(resolveImdsEndpoint(env, profile, { endpoint: 'http://code:3', endpointMode: 'IPv6' }), 'http://code:3');
  assert.equal(resolveImdsEndpoint(env, profile, { endpointMode: 'IPv6' }), 'http://env:1');
  assert.equal(resolveImdsEndpoint({}, profile, { endpointMode: 'IPv6' }), 'http://profile:2');
  assert.equal(resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv4' }, { ec2_metadata_service_endpoint_mode: 'IPv4' }, { endpointMode: 'IPv6' }), IMDS_IPV6);
  assert.equal(resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' }, { ec2_metadata_service_endpoint_mode: 'IPv4' }), IMDS_IPV6);
});

test('an endpoint keeps its path prefix and loses a trailing slash; an unused invalid mode is ignored', () => {
  assert.equal(resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://localhost:8000/' }), 'http://localhost:8000');
  assert.equal(resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'https://mock.example/prefix//', AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv7' }), 'https://mock.example/prefix');
  assert.equal(resolveImdsEndpoint({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://[::1]:80' }), 'http://[::1]');
});

test('invalid endpoints and modes are ERR_INVALID_ENDPOINT naming the setting, not its value', () => {
  for (const [env, field] of [
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'not a uri' }, 'AWS_EC2_METADATA_SERVICE_ENDPOINT'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'ftp://host' }, 'AWS_EC2_METADATA_SERVICE_ENDPOINT'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://u:p@host' }, 'AWS_EC2_METADATA_SERVICE_ENDPOINT'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://host/?q' }, 'AWS_EC2_METADATA_SERVICE_ENDPOINT'],
    [{ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'error' }, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE'],
  ] as const) {
    const error = refused(() => resolveImdsEndpoint(env));
    assert.equal(error.code, 'ERR_INVALID_ENDPOINT');
    assert.equal(error.field, field);
    assert.ok(!error.message.includes('error') || field !== 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE' || !error.message.includes('`error`'));
  }
  assert.equal(refused(() => resolveImdsEndpoint({}, { ec2_metadata_service_endpoint_mode: 'IPv7' })).field, 'ec2_metadata_service_endpoint_mode');
  assert.equal(refused(() => resolveImdsEndpoint({}, undefined, { endpointMode: 'v6' })).field, 'endpointMode');
});
