/** Runs the header-signing cases of aws-c-auth's v4 suite under node:test, and checks that all 38 were found. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registerSuite } from './harness.js';
import { suite } from './sigv4-aws-c-auth.suite.js';

test('sigv4-aws-c-auth discovers all 38 header-signing cases', async () => {
  assert.equal((await suite.cases()).length, 38);
});

registerSuite(suite);
