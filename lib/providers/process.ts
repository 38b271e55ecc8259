/** credential_process: runs the profile's command without a shell (timeout, output cap) and parses its JSON. */
import { MongoAwsConfigError, MongoAwsCredentialsError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import { loadSharedConfig, type SharedFileOptions } from '../ini/load.js';
import { checkProfileOptions, chooseProfile, missingProfile } from '../profiles/select.js';
import { setting } from '../profiles/settings.js';
import { shellSplit } from '../profiles/shell-split.js';
import type { ProcessStep } from '../profiles/steps.js';
import { runtimeFrom, type Runtime, type RuntimeInit } from '../runtime.js';
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
export const PROCESS_MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * Splits `step.command` like botocore (POSIX shlex; CommandLineToArgvW rules on Windows) and runs it with the
 * current environment. A non-zero exit is ERR_PROCESS_FAILED carrying only the exit code: stdout and stderr may
 * hold secrets and never enter the error.
 */
export async function runCredentialProcess(runtime: Runtime, step: Omit<ProcessStep, 'kind'>, timeoutMs = PROCESS_TIMEOUT_MS): Promise<ResolvedCredentials> {
  const argv = shellSplit(step.command, runtime.platform);
  if (argv.length === 0 || argv[0] === '') {
    throw new MongoAwsConfigError('ERR_INVALID_PROFILE', 'credential_process names no command', { field: 'credential_process' });
  }
  const result = await runtime.runProcess(argv, { timeoutMs, maxOutputBytes: PROCESS_MAX_OUTPUT_BYTES, env: runtime.env() });
  if (result.exitCode !== 0) {
    const how = result.exitCode === null ? 'was terminated by a signal' : `exited with code ${result.exitCode}`;
    throw new MongoAwsCredentialsError('ERR_PROCESS_FAILED', `credential_process ${how}`, { field: 'credential_process', source: 'process' });
  }
  return parseProcessOutput(result.stdout, runtime.now(), step.accountId);
}

/** `undefined` when the selected profile has no `credential_process` (or the implicit default profile is absent). */
export async function resolveProcess(runtime: Runtime, init: ProcessInit = {}): Promise<ResolvedCredentials | undefined> {
  const timeoutMs = checkTimeout(init.timeout, PROCESS_TIMEOUT_MS, 'timeout');
  const config = await loadSharedConfig(runtime, { filepath: init.filepath, configFilepath: init.configFilepath });
  const choice = chooseProfile(runtime.env(), init.profile);
  const profile = config.profile(choice.name);
  if (profile === undefined) return missingProfile(choice);
  const command = setting(profile, 'credential_process');
  if (command === undefined) return undefined;
  const accountId = setting(profile, 'aws_account_id');
  return runCredentialProcess(runtime, { profile: choice.name, command, ...(accountId === undefined ? {} : { accountId }) }, timeoutMs);
}

/** `@aws-sdk/credential-providers` `fromProcess`: ERR_CREDENTIALS_NOT_FOUND when the profile has no credential_process. */
export function fromProcess(init: FromProcessInit = {}): AwsCredentialIdentityProvider {
  checkInit(init);
  return async () => {
    const credentials = await resolveProcess(runtimeFrom(init), init);
    if (credentials === undefined) {
      throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'the selected profile has no credential_process', { field: 'credential_process', source: 'process' });
    }
    return toIdentity(credentials);
  };
}

function checkInit(init: FromProcessInit): void {
  if (typeof init !== 'object' || init === null) throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'init must be an object', { field: 'init' });
  checkProfileOptions(init);
  checkTimeout(init.timeout, PROCESS_TIMEOUT_MS, 'timeout');
}
