/** credential_process: runs the profile's command without a shell (timeout, output cap) and parses its JSON. */
import { MongoAwsCredentialsError } from '../errors.js';
import type { SharedFileOptions } from '../ini/load.js';
import { loadProfile, profileProvider } from '../profiles/select.js';
import { COMMAND, processStep } from '../profiles/settings.js';
import { badCommand, shellSplit } from '../profiles/shell-split.js';
import type { Runtime, RuntimeInit } from '../runtime.js';
import { checkTimeout } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { parseProcessOutput } from './process-output.js';

export interface ProcessInit extends SharedFileOptions {
  /** Profile holding `credential_process`; default AWS_DEFAULT_PROFILE, AWS_PROFILE, then `default`. */
  readonly profile?: string;
  /** Milliseconds the command may run before it is killed (ERR_PROCESS_FAILED). Default 60 000. */
  readonly timeout?: number;
}
export type FromProcessInit = ProcessInit & RuntimeInit;

export const PROCESS_TIMEOUT_MS = 60_000;
/** Valid output is a few hundred bytes; more is a broken or hostile command. */
export const PROCESS_MAX_OUTPUT_BYTES = 65_536;

/** What runs: the command line and the profile's `aws_account_id` (used when the output has no AccountId). */
export interface ProcessCommand {
  readonly profile?: string;
  readonly command: string;
  readonly accountId?: string;
}

/**
 * Splits `step.command` like botocore's POSIX shlex and runs it with the current environment. A non-zero exit is
 * ERR_PROCESS_FAILED carrying only the exit code: stdout and stderr may hold secrets and never enter the error.
 */
export async function runCredentialProcess(runtime: Runtime, step: ProcessCommand, timeoutMs = PROCESS_TIMEOUT_MS): Promise<ResolvedCredentials> {
  const argv = shellSplit(step.command);
  if (!argv[0]) throw badCommand();
  const { exitCode, stdout } = await runtime.runProcess(argv, { timeoutMs, maxOutputBytes: PROCESS_MAX_OUTPUT_BYTES, env: runtime.env() });
  if (exitCode !== 0) {
    throw new MongoAwsCredentialsError('ERR_PROCESS_FAILED', `${COMMAND} ${exitCode === null ? 'got a signal' : `exited with code ${exitCode}`}`, {
      field: COMMAND,
      source: 'process',
    });
  }
  return parseProcessOutput(stdout, runtime.now(), step.accountId);
}

/** `undefined` when the selected profile has no `credential_process` (or the implicit default profile is absent). */
export async function resolveProcess(runtime: Runtime, init: ProcessInit = {}): Promise<ResolvedCredentials | undefined> {
  const timeoutMs = checkTimeout(init.timeout, PROCESS_TIMEOUT_MS, 'timeout');
  const selected = await loadProfile(runtime, init);
  const step = selected && processStep(selected.name, selected.profile);
  return step && runCredentialProcess(runtime, step, timeoutMs);
}

/** `@aws-sdk/credential-providers` `fromProcess`: ERR_CREDENTIALS_NOT_FOUND when the profile has no credential_process. */
export function fromProcess(init: FromProcessInit = {}): AwsCredentialIdentityProvider {
  return profileProvider(init, PROCESS_TIMEOUT_MS, resolveProcess, { field: COMMAND, source: 'process' });
}
