import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IdentityRegistry } from '../../lib/emulator/registry.js';
import { formatAmzDate, parseAmzDate, parseAuthorization } from '../../lib/emulator/sigv4-verify.js';
import { stsParams, verifyGetCallerIdentity } from '../../lib/emulator/sts.js';

const NOW = new Date('2025-06-01T00:00:00Z');

test('parseAuthorization never throws, and what it accepts has a 64-hex signature, 8-digit date and lower-case signed headers', () => {
  const piece = fc.constantFrom('AWS4-HMAC-SHA256 ', 'Credential=', 'SignedHeaders=', 'Signature=', '/', ',', ';', ' ', '=', 'aws4_request', '20250601', 'a'.repeat(64), 'host', 'sts', 'X');
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''))), (value) => {
      const parsed = parseAuthorization(value);
      if (parsed === undefined) return;
      assert.match(parsed.signature, /^[0-9a-f]{64}$/);
      assert.match(parsed.scopeDate, /^\d{8}$/);
      for (const name of parsed.signedHeaders) assert.match(name, /^[a-z0-9-]+$/);
    }),
    { seed: 20251215, numRuns: 2000 },
  );
});

test('parseAmzDate accepts exactly the strings formatAmzDate produces', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
      const text = formatAmzDate(date);
      assert.equal(parseAmzDate(text)?.getTime(), Math.floor(date.getTime() / 1000) * 1000);
    }),
    { seed: 7, numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), (text) => {
      const date = parseAmzDate(text);
      if (date !== undefined) assert.equal(formatAmzDate(date), text);
    }),
    { seed: 8, numRuns: 1000 },
  );
});

test('verifyGetCallerIdentity never throws on arbitrary requests: it answers a failure with a status and a code', () => {
  const registry = new IdentityRegistry({ now: () => NOW.getTime() });
  const user = registry.addUser({ accessKeyId: 'AKIAFUZZFUZZFUZZFUZZ' });
  const header = fc.oneof(
    fc.string(),
    fc.constant(`AWS4-HMAC-SHA256 Credential=${user.accessKeyId}/20250601/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`),
  );
  fc.assert(
    fc.property(
      fc.record({ method: fc.constantFrom('POST', 'GET', 'P O', ''), path: fc.string(), body: fc.string(), authorization: header, date: fc.oneof(fc.constant('20250601T000000Z'), fc.string()), host: fc.string() }),
      (input) => {
        const result = verifyGetCallerIdentity(registry, { method: input.method, path: input.path, body: input.body, headers: { authorization: input.authorization, 'x-amz-date': input.date, host: input.host } }, NOW);
        assert.equal(result.ok, false);
        if (!result.ok) {
          assert.ok(result.status >= 400 && result.status < 500);
          assert.match(result.code, /^[A-Za-z]+$/);
          assert.ok(!result.message.includes(user.secretAccessKey));
        }
      },
    ),
    { seed: 42, numRuns: 1000 },
  );
});

test('stsParams merges query and form body, the body winning', () => {
  const params = stsParams({ path: '/?Action=A&Version=1&X=q', body: 'Action=B&Y=%2B+' });
  assert.deepEqual([...params], [['Action', 'B'], ['Version', '1'], ['X', 'q'], ['Y', '+ ']]);
});
