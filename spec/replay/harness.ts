/** Runs one scenario against a provider entry point and checks traffic and result against the recording and test-case.json. */
import assert from 'node:assert/strict';
import { RUNTIME, type RuntimeInit } from '../../lib/runtime.js';
import type { AwsCredentialIdentity } from '../../lib/types.js';
import { assertMeaning } from './error-meanings.js';
import { chooseClock, configuredRoleArns, knownKeyPairs, webIdentityTokens } from './facts.js';
import { replayRunner, replayRuntime, scenarioCommands } from './runtime.js';
import { scenarioFiles, type ExpectedCredentials, type Scenario } from './scenario.js';
import { ReplayServer } from './server.js';

export interface ReplayReport {
  /** How the scenario's clock was chosen. */
  readonly clock: string;
  /** How each signed request was checked. */
  readonly notes: readonly string[];
  /** Commands run (argv). */
  readonly processes: readonly (readonly string[])[];
}

export type Entry = (init: RuntimeInit) => Promise<AwsCredentialIdentity>;

/** What the entry produced. */
export type Outcome = { readonly ok: AwsCredentialIdentity } | { readonly error: unknown };

export interface ReplayOptions {
  /** Replaces the test-case.json check, for a documented divergence: asserts our own behaviour instead. */
  readonly expect?: (outcome: Outcome, report: ReplayReport) => void;
}

function containerToken(scenario: Scenario, files: ReadonlyMap<string, string>): string | undefined {
  const file = scenario.env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];
  if (file !== undefined) return files.get(file)?.trim();
  return scenario.env['AWS_CONTAINER_AUTHORIZATION_TOKEN']?.trim();
}

/** The expected fields, in test-case.json's names, from our credentials. */
export function asRustCredentials(c: AwsCredentialIdentity): ExpectedCredentials {
  return {
    access_key_id: c.accessKeyId,
    secret_access_key: c.secretAccessKey,
    ...(c.sessionToken === undefined ? {} : { session_token: c.sessionToken }),
    ...(c.accountId === undefined ? {} : { account_id: c.accountId }),
    ...(c.expiration === undefined ? {} : { expiry: Math.floor(c.expiration.getTime() / 1000) }),
  };
}

/**
 * Starts a replay server for the scenario, runs `entry` in the scenario's runtime, then asserts: every request
 * matched its recording and every recorded exchange was used; the result equals test-case.json field by field,
 * or the error has the code the Rust text means (error-meanings.ts).
 */
export async function replayScenario(scenario: Scenario, entry: Entry, options: ReplayOptions = {}): Promise<ReplayReport> {
  const files = scenarioFiles(scenario);
  const token = containerToken(scenario, files);
  const server = await ReplayServer.start(scenario.exchanges, {
    keyPairs: knownKeyPairs(scenario),
    roleArns: configuredRoleArns(scenario),
    tokens: webIdentityTokens(scenario),
    ...(token === undefined ? {} : { containerToken: token }),
  });
  const clock = chooseClock(scenario);
  const runner = replayRunner(scenarioCommands(files));
  let outcome: Outcome;
  try {
    const runtime = replayRuntime({ scenario, port: server.port, now: clock.now, runner: runner.run });
    try {
      outcome = { ok: await entry({ [RUNTIME]: runtime }) };
    } catch (error) {
      outcome = { error };
    }
  } finally {
    await server.close();
  }
  assert.deepEqual(server.problems, [], `${scenario.name}: requests differ from the recording`);
  assert.equal(server.unused, 0, `${scenario.name}: ${server.unused} recorded exchange(s) never requested`);
  const report: ReplayReport = { clock: `${new Date(clock.now).toISOString()} (${clock.why})`, notes: server.notes, processes: runner.calls };
  if (options.expect !== undefined) options.expect(outcome, report);
  else assertExpected(scenario, outcome);
  return report;
}

/** The result equals test-case.json field by field, or the error has the code the Rust text means. */
export function assertExpected(scenario: Scenario, outcome: Outcome): void {
  if (scenario.expected.kind === 'ok') {
    if ('error' in outcome) {
      const e = outcome.error as { code?: string; message?: string };
      throw new Error(`${scenario.name}: expected credentials, got ${e.code ?? 'an error'}: ${e.message ?? String(outcome.error)}`);
    }
    assert.deepEqual(asRustCredentials(outcome.ok), { ...scenario.expected.credentials }, `${scenario.name}: credentials differ`);
  } else {
    if ('ok' in outcome) throw new Error(`${scenario.name}: expected an error (${scenario.expected.contains}), got credentials`);
    assertMeaning(outcome.error, scenario.expected.contains);
  }
}
