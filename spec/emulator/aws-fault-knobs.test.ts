import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsFaults, type AwsServerName } from '../../lib/emulator/faults.js';

test('faults combine with add (latencies add up, the first status wins), are replaced by set and removed by clear', () => {
  const faults = new AwsFaults();
  faults.add('sts', { latencyMs: 5, status: 500, code: 'A' });
  faults.add('sts', { latencyMs: 7, status: 502, malformedBody: true, times: 1 });
  faults.add('sts', { closeConnection: true, path: '/other' });
  assert.deepEqual(faults.take('sts', '/'), { latencyMs: 12, status: 500, code: 'A', malformedBody: true, closeConnection: false, expiredCredentials: false });
  assert.equal(faults.active('sts').length, 2);
  assert.equal(faults.take('sts', '/other/x').closeConnection, true);
  faults.set('sts', { expiredCredentials: true });
  assert.deepEqual(faults.take('sts', '/'), { latencyMs: 0, malformedBody: false, closeConnection: false, expiredCredentials: true });
  faults.add('imds', { status: 500 });
  faults.clear('sts');
  assert.deepEqual(faults.active('sts'), []);
  assert.equal(faults.active('imds').length, 1);
  faults.clear();
  assert.deepEqual(faults.active('imds'), []);
  assert.deepEqual(faults.take('ecs', '/'), { latencyMs: 0, malformedBody: false, closeConnection: false, expiredCredentials: false });
});

test('invalid fault specs and server names are refused with ERR_INVALID_ARGUMENT naming the field', () => {
  const faults = new AwsFaults();
  for (const [spec, field] of [
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ latencyMs: Number.NaN }, 'latencyMs'],
    [{ status: 99 }, 'status'],
    [{ status: 600 }, 'status'],
    [{ status: 500.5 }, 'status'],
    [{ times: 0 }, 'times'],
    [{ times: 1.5 }, 'times'],
  ] as const) {
    assert.throws(() => faults.set('sts', spec), { code: 'ERR_INVALID_ARGUMENT', field });
  }
  assert.throws(() => faults.add('s3' as AwsServerName, {}), { code: 'ERR_INVALID_ARGUMENT', field: 'server' });
  assert.throws(() => faults.clear('s3' as AwsServerName), { code: 'ERR_INVALID_ARGUMENT', field: 'server' });
});
