import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRfc3339 } from '../../lib/sts/timestamp.js';

test('RFC 3339 timestamps in the forms IMDS, ECS, STS and credential_process use', () => {
  assert.equal(parseRfc3339('2021-09-21T18:41:26Z')?.toISOString(), '2021-09-21T18:41:26.000Z');
  assert.equal(parseRfc3339('2021-09-21t18:41:26z')?.toISOString(), '2021-09-21T18:41:26.000Z');
  assert.equal(parseRfc3339('2021-09-21T18:41:26.123456789Z')?.toISOString(), '2021-09-21T18:41:26.123Z');
  assert.equal(parseRfc3339('2021-09-21T20:41:26+02:00')?.toISOString(), '2021-09-21T18:41:26.000Z');
  assert.equal(parseRfc3339('2021-09-21T16:11:26-02:30')?.toISOString(), '2021-09-21T18:41:26.000Z');
  assert.equal(parseRfc3339('2024-02-29T00:00:00Z')?.toISOString(), '2024-02-29T00:00:00.000Z');
  assert.equal(parseRfc3339('2000-02-29T00:00:00Z')?.toISOString(), '2000-02-29T00:00:00.000Z');
  assert.equal(parseRfc3339('0050-01-01T00:00:00Z'), undefined, 'before the epoch');
});

test('anything looser than RFC 3339 is refused', () => {
  for (const bad of [
    '', '2021-09-21', '2021-09-21 18:41:26Z', '2021-09-21T18:41:26', '2021-13-01T00:00:00Z', '2021-00-01T00:00:00Z',
    '2021-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2021-04-31T00:00:00Z', '2021-01-32T00:00:00Z', '2021-01-01T24:00:00Z',
    '2021-01-01T00:60:00Z', '2021-01-01T00:00:60Z', '2021-01-01T00:00:00+24:00', '2021-01-01T00:00:00+00:60',
    '2021-01-01T00:00:00.Z', '2021-01-01T00:00:00.1234567890Z', ' 2021-01-01T00:00:00Z', 'Tue, 21 Sep 2021 17:41:25 GMT', '1632249686',
  ]) {
    assert.equal(parseRfc3339(bad), undefined, bad);
  }
});
