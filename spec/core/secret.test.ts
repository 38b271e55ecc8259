import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { Secret } from '../../lib/secret.js';

test('Secret redacts itself in toString, JSON and util.inspect but reveals on demand', () => {
  const s = new Secret('wJalrXUtnFEMI');
  assert.equal(String(s), '[redacted]');
  assert.equal(`${s}`, '[redacted]');
  assert.equal(JSON.stringify({ s }), '{"s":"[redacted]"}');
  assert.ok(!inspect({ s }, { depth: 5, showHidden: true }).includes('wJalr'));
  assert.equal(s.reveal(), 'wJalrXUtnFEMI');
  assert.equal(s.length, 13);
});
