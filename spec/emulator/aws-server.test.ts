import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startAwsEmulator } from '../../lib/emulator/aws.js';
import { AwsFaults } from '../../lib/emulator/faults.js';
import { startHttpServer, type RecordedRequest } from '../../lib/emulator/http-server.js';
import { IdentityRegistry } from '../../lib/emulator/registry.js';

test('startAwsEmulator listens on four distinct loopback ephemeral ports and close() frees them', async () => {
  const emulator = await startAwsEmulator();
  const urls = [emulator.sts.url, emulator.sso.url, emulator.imds.url, emulator.ecs.url];
  for (const url of urls) assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(new Set(urls).size, 4);
  assert.match(emulator.ecs.relativePath, /^\/v2\/credentials\/[0-9a-f-]{36}$/);
  assert.equal(emulator.ecs.roleArn, 'arn:aws:iam::123456789012:role/emulator-task-role');
  assert.equal(emulator.imds.roleArn, 'arn:aws:iam::123456789012:role/emulator-instance-role');
  assert.ok(emulator.registry.role(emulator.ecs.roleArn) !== undefined);
  await emulator.close();
  await assert.rejects(fetch(`${emulator.sts.url}/`), TypeError);
});

test('a shared registry is used as given, and the IMDS/ECS roles are registered in it', async () => {
  const registry = new IdentityRegistry({ account: '444455556666' });
  const emulator = await startAwsEmulator({ registry, imdsRoleName: 'ec2-role' });
  try {
    assert.equal(emulator.registry, registry);
    assert.equal(registry.role('arn:aws:iam::444455556666:role/ec2-role')?.name, 'ec2-role');
    assert.equal(emulator.ecs.roleArn, 'arn:aws:iam::444455556666:role/emulator-task-role');
  } finally {
    await emulator.close();
  }
});

test('IPv6 loopback works and the URL brackets the address', async (t) => {
  const emulator = await startAwsEmulator({ host: '::1' }).catch(() => undefined);
  if (emulator === undefined) {
    t.skip('no IPv6 loopback on this machine');
    return;
  }
  try {
    assert.match(emulator.sts.url, /^http:\/\/\[::1\]:\d+$/);
    assert.equal((await fetch(`${emulator.ecs.url}${emulator.ecs.relativePath}`)).status, 200);
  } finally {
    await emulator.close();
  }
});

test('a listen failure rejects startAwsEmulator with the system error (and closes whatever did start)', async () => {
  // 192.0.2.1 (TEST-NET-1) is not a local address: listen fails with EADDRNOTAVAIL.
  await assert.rejects(startAwsEmulator({ host: '192.0.2.1' }), { code: 'EADDRNOTAVAIL' });
});

test('a handler that throws is answered with 500 instead of hanging the client', async () => {
  const requests: RecordedRequest[] = [];
  const server = await startHttpServer(
    {
      name: 'ecs',
      errorReply: (status) => ({ status, body: '' }),
      handle: () => {
        throw new Error('handler bug');
      },
    },
    { faults: new AwsFaults(), requests },
  );
  try {
    const response = await fetch(`${server.url}/x?a=1&a=2&b=3`, { headers: { 'x-one': '1' } });
    assert.equal(response.status, 500);
    assert.deepEqual(requests[0]?.queryNames, ['a', 'b']);
    assert.ok(requests[0]?.headerNames.includes('x-one'));
  } finally {
    await server.close();
  }
});

test('repeated request headers reach the handler joined with a comma, the SigV4 canonical form', async () => {
  let seen: string | undefined;
  const server = await startHttpServer(
    {
      name: 'sts',
      errorReply: (status) => ({ status, body: '' }),
      handle: (request) => {
        seen = request.headers['x-dup'];
        return { status: 204, body: '' };
      },
    },
    { faults: new AwsFaults(), requests: [] },
  );
  try {
    // node:http sends an array as two header lines (fetch would merge them into one).
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${server.url}/`, { headers: { 'x-dup': ['a', 'b'] } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 204);
    assert.equal(seen, 'a,b');
  } finally {
    await server.close();
  }
});
