/** Runs one scenario through both chains on loopback and classifies the difference. */
import { isDeepStrictEqual } from 'node:util';
import { expirations } from '../replay/facts.js';
import type { Scenario } from '../replay/scenario.js';
import { FakeAws } from './fake-aws.js';
import { runOurs, runSdk, type Side } from './run.js';
import { makeSandbox, makeShift } from './sandbox.js';

/**
 * `agree`: same credentials, or both fail after the same requests. `credentials`: both succeed with different
 * fields. `outcome`: one succeeds, the other fails. `path`: both fail, after different requests.
 */
export type Difference = 'agree' | 'credentials' | 'outcome' | 'path';

export interface OracleRun {
  readonly sdk: Side;
  readonly ours: Side;
  readonly sdkRequests: readonly string[];
  readonly ourRequests: readonly string[];
  readonly difference: Difference;
}

export function classify(sdk: Side, ours: Side, sdkRequests: readonly string[], ourRequests: readonly string[]): Difference {
  if ('ok' in sdk && 'ok' in ours) return isDeepStrictEqual(sdk.ok, ours.ok) ? 'agree' : 'credentials';
  if ('error' in sdk && 'error' in ours) return isDeepStrictEqual(sdkRequests, ourRequests) ? 'agree' : 'path';
  return 'outcome';
}

/** SDK first, then ours, each against a fresh replay of the same recording, in the same sandbox. */
export async function runBoth(scenario: Scenario): Promise<OracleRun> {
  const shift = makeShift(expirations(scenario), Date.now());
  const fake = await FakeAws.start(scenario.exchanges, shift);
  const sandbox = await makeSandbox(scenario, fake.origin, shift);
  try {
    const sdk = await runSdk(sandbox.env);
    const sdkRequests = fake.requests;
    fake.reset();
    const ours = await runOurs(sandbox.env);
    const ourRequests = fake.requests;
    return { sdk, ours, sdkRequests, ourRequests, difference: classify(sdk, ours, sdkRequests, ourRequests) };
  } finally {
    await fake.close();
    await sandbox.remove();
  }
}
