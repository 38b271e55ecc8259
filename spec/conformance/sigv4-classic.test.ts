/** Runs the classic AWS SigV4 vector suite under node:test, and checks that all 34 cases were found. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerSuite } from './harness.js';
import { suite } from './sigv4-classic.suite.js';

test('sigv4-classic discovers all 34 cases, normalize-path/* and post-sts-token/* included', async () => {
  const names = (await suite.cases()).map((c) => c.name);
  assert.equal(names.length, 34);
  assert.equal(names.filter((n) => n.startsWith('normalize-path/')).length, 8);
  assert.equal(names.filter((n) => n.startsWith('post-sts-token/')).length, 2);
});

registerSuite(suite);
