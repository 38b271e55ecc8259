/** Whole-chain replay of the AWS cross-SDK scenarios (smithy-rs default-credential-provider-chain) through fromNodeProviderChain. */
import assert from 'node:assert/strict';
import { fromNodeProviderChain } from '../../lib/chain/node-provider-chain.js';
import { resolveCredentials } from '../../lib/chain/resolve.js';
import { replayScenario } from '../replay/harness.js';
import { loadScenarios, type Scenario } from '../replay/scenario.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

export const CHAIN_SCENARIOS = ['aws-sdk-cross-sdk', 'aws-config', 'test-data', 'default-credential-provider-chain'];

/** Cases this project deliberately resolves differently, with the reason; their run() asserts our behaviour. */
export const CHAIN_DIVERGENCES: Readonly<Record<string, string>> = {};

async function checkScenario(scenario: Scenario): Promise<void> {
  // The drop-in entry the MongoDB driver calls.
  await replayScenario(scenario, (init) => fromNodeProviderChain(init)());
  // The reporting entry (CLI) over the same recording: same outcome, and its attempt list carries no secret.
  let attempts = '';
  await replayScenario(scenario, async (init) => {
    const report = await resolveCredentials(init);
    attempts = JSON.stringify(report.attempts);
    assert.equal(report.attempts.at(-1)?.outcome, 'used');
    assert.equal(report.attempts.at(-1)?.source, report.source);
    return report.credentials;
  });
  if (scenario.expected.kind === 'ok') {
    for (const secret of [scenario.expected.credentials.secret_access_key, scenario.expected.credentials.session_token]) {
      if (secret !== undefined) assert.ok(!attempts.includes(secret), 'attempts must not contain a secret');
    }
  }
}

export const suite: VectorSuite = {
  name: 'cross-sdk default credential provider chain (replay)',
  cases: async () =>
    loadScenarios(vectorPath(...CHAIN_SCENARIOS)).map((scenario): VectorCase => {
      const divergence = CHAIN_DIVERGENCES[scenario.name];
      return { name: scenario.name, run: () => checkScenario(scenario), ...(divergence === undefined ? {} : { divergence }) };
    }),
};
