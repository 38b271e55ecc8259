/**
 * Differential SigV4 check: 10 batches × 1,000 seeded random requests signed by us and by @smithy/signature-v4
 * (the AWS SDK v3 signer); the Authorization headers must be identical. The generator's deliberate restrictions,
 * where smithy and the AWS suites disagree or smithy cannot express an input, are listed in spec/sigv4/random-request.ts.
 */
import assert from 'node:assert/strict';
import { signRequest } from '../../lib/sigv4/sign.js';
import { Rng, randomRequest } from '../sigv4/random-request.js';
import { smithyAuthorization } from '../sigv4/smithy.js';
import type { VectorCase, VectorSuite } from './harness.js';

export const BATCHES = 10;
export const PER_BATCH = 1000;
const BASE_SEED = 0x5167_0000;

async function runBatch(batch: number, seed: number): Promise<void> {
  const rng = new Rng(seed);
  for (let index = 0; index < PER_BATCH; index++) {
    const c = randomRequest(rng);
    const ours = signRequest(c.ours, c.credentials, { region: c.region, service: c.service, date: c.date });
    const theirs = await smithyAuthorization(c.smithy, c);
    if (ours.authorization !== theirs) {
      // Replay: new Rng(seed), then call randomRequest() index + 1 times. Credentials are left out of the message.
      assert.fail(
        `batch ${batch} seed 0x${seed.toString(16)} request ${index}: Authorization differs\n` +
          `method ${c.ours.method} url ${String(c.ours.url)}\n` +
          `ours:   ${ours.authorization}\nsmithy: ${theirs}\n` +
          `our canonical request:\n${ours.canonicalRequest.replace(/^x-amz-security-token:.*$/m, 'x-amz-security-token:<omitted>')}`,
      );
    }
  }
}

export const suite: VectorSuite = {
  name: 'sigv4-differential',
  cases: async (): Promise<readonly VectorCase[]> =>
    Array.from({ length: BATCHES }, (_, i): VectorCase => {
      const seed = BASE_SEED + i;
      return { name: `batch ${i + 1} (seed 0x${seed.toString(16)}, ${PER_BATCH} requests vs @smithy/signature-v4)`, run: () => runBatch(i + 1, seed) };
    }),
};
