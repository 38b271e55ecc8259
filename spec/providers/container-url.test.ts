import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedHttpHost, resolveContainerEndpoint } from '../../lib/providers/container-url.js';

function refused(env: Record<string, string>): { code?: string; field?: string; message: string } {
  try {
    resolveContainerEndpoint(env);
  } catch (error) {
    return error as never;
  }
  return assert.fail(`accepted ${JSON.stringify(env)}`);
}

test('plain HTTP is allowed to loopback, ECS and EKS Pod Identity hosts only', () => {
  for (const url of [
    'http://127.0.0.1/c', 'http://127.1.2.3:8080/c', 'http://localhost/c', 'http://LOCALHOST:1/c', 'http://[::1]:9/c', 'http://[0:0:0:0:0:0:0:1]/c',
    'http://169.254.170.2/c', 'http://169.254.170.23/v1/credentials', 'http://[fd00:ec2::23]/v1/credentials', 'http://[FD00:EC2:0::23]/v1',
    'http://0x7f000001/c', 'https://anything.example/c', 'https://10.0.0.1:8443/c',
  ]) {
    assert.equal(resolveContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url })?.url.href, new URL(url).href, url);
  }
  for (const url of [
    'http://169.254.169.254/c', 'http://10.0.0.1/c', 'http://example.com/c', 'http://localhost.example.com/c', 'http://[::ffff:127.0.0.1]/c',
    'http://[fd00:ec2::254]/c', 'http://169.254.170.3/c', 'http://128.0.0.1/c',
  ]) {
    const error = refused({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url });
    assert.equal(error.code, 'ERR_INVALID_ENDPOINT', url);
    assert.equal(error.field, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  }
  assert.equal(isAllowedHttpHost('127.0.0.1'), true);
  assert.equal(isAllowedHttpHost('fd00:ec2::23'), false, 'unbracketed IPv6 is not what URL.hostname produces');
});

test('full URIs that are not absolute http(s) URLs with a host, or that carry user info, are refused', () => {
  for (const url of ['/credentials', 'credentials', 'ftp://127.0.0.1/c', 'file:///etc/passwd', 'http://user:pass@127.0.0.1/c', 'http:///c', 'https://']) {
    const error = refused({ AWS_CONTAINER_CREDENTIALS_FULL_URI: url });
    assert.equal(error.code, 'ERR_INVALID_ENDPOINT', url);
    assert.ok(!error.message.includes('pass@'));
  }
});

test('the relative URI is appended verbatim to http://169.254.170.2 and must be a path', () => {
  assert.equal(resolveContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x?a=1' })?.url.href, 'http://169.254.170.2/v2/credentials/x?a=1');
  assert.equal(resolveContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '//evil.example/x' })?.url.host, '169.254.170.2');
  for (const relative of ['credentials', '.evil.example/x', '@evil.example/', ':8080/x']) {
    assert.equal(refused({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: relative }).field, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', relative);
  }
});

test('neither variable (or both empty) → not configured; the relative URI wins over the full URI', () => {
  assert.equal(resolveContainerEndpoint({}), undefined);
  assert.equal(resolveContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '', AWS_CONTAINER_CREDENTIALS_FULL_URI: '' }), undefined);
  const both = resolveContainerEndpoint({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/c', AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://example.com/' });
  assert.equal(both?.variable, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
});
