/** Runs credential sources in order: the first that yields credentials wins; "not configured" skips, a failure stops. */
import { MongoAwsCredentialsError, MongoAwsError } from '../errors.js';
import type { CredentialSource } from '../types.js';
import type { SourcedCredentials } from './cache.js';

/** A step of the chain. `profile` stands for every profile-based source until one of them answers. */
export type ChainStepName = CredentialSource | 'profile';

export interface ChainStep {
  readonly name: ChainStepName;
  /** `undefined` = not configured (skip to the next step); a throw = configured but broken (stop). */
  readonly resolve: () => Promise<SourcedCredentials | undefined>;
  /** Why the step is skipped without running (e.g. an option disables it); absent = run it. */
  readonly disabled?: string;
  /** What "not configured" means for this step, for the attempt list (setting names, never values). */
  readonly notConfigured: string;
  /**
   * Errors that mean "this source is not available here" rather than "it is broken": the chain records the
   * attempt as failed and goes on. Used for instance metadata probed off EC2 (connection refused, no role).
   */
  readonly unavailable?: (error: unknown) => boolean;
}

/** One line of the report: never a secret, only step names, outcomes, fixed texts and error codes. */
export interface ChainAttempt {
  readonly source: ChainStepName;
  readonly outcome: 'used' | 'skipped' | 'failed';
  /** Why it was skipped, or the error code when it failed. */
  readonly reason?: string;
}

export interface ChainResult extends SourcedCredentials {
  readonly attempts: readonly ChainAttempt[];
}

/** The error code of anything a step threw, safe to print. */
export function errorCode(error: unknown): string {
  return MongoAwsError.isMongoAwsError(error) ? error.code : 'unknown error';
}

/** ERR_CREDENTIALS_NOT_FOUND listing each step with its outcome. */
export function notFound(attempts: readonly ChainAttempt[], cause?: unknown): MongoAwsCredentialsError {
  const tried = attempts.map(({ source, outcome, reason }) => `${source} (${outcome}${reason === undefined ? '' : `: ${reason}`})`).join(', ');
  // Only our own errors may travel as a cause, and be quoted: they are built without secrets. Quoting the last
  // failure keeps its hint (e.g. the IMDS hop limit) in the one line a CLI or a log shows.
  const ours = MongoAwsError.isMongoAwsError(cause);
  return new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', `no AWS credentials found; tried ${tried || 'no source'}${ours ? `; last failure: ${cause.message}` : ''}`, {
    ...(ours && { cause }),
  });
}

/**
 * Tries each step in order. Throws the first configured-but-broken step's error unchanged (its code is what the
 * caller needs), or ERR_CREDENTIALS_NOT_FOUND when no step produced credentials.
 */
export async function runChain(steps: readonly ChainStep[]): Promise<ChainResult> {
  const attempts: ChainAttempt[] = [];
  let lastUnavailable: unknown;
  for (const { name, resolve, disabled, notConfigured, unavailable } of steps) {
    let result: SourcedCredentials | undefined;
    if (disabled === undefined) {
      try {
        result = await resolve();
      } catch (error) {
        attempts.push({ source: sourceOf(name, error), outcome: 'failed', reason: errorCode(error) });
        if (!unavailable?.(error)) throw error;
        lastUnavailable = error;
        continue;
      }
    }
    if (result === undefined) {
      attempts.push({ source: name, outcome: 'skipped', reason: disabled ?? notConfigured });
      continue;
    }
    const { credentials, source } = result;
    attempts.push({ source, outcome: 'used' });
    return { credentials, source, attempts };
  }
  throw notFound(attempts, lastUnavailable);
}

/** The profile step reports the precise source its error names (e.g. `process`), when it names one. */
function sourceOf(name: ChainStepName, error: unknown): ChainStepName {
  const source = MongoAwsError.isMongoAwsError(error) ? error.source : undefined;
  return name === 'profile' && source && /^(custom|explicit|env|shared-credentials-file|config-file|assume-role|web-identity|sso|process|container|instance-metadata)$/.test(source)
    ? (source as ChainStepName)
    : name;
}
