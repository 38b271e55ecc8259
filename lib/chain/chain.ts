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

function describe(attempt: ChainAttempt): string {
  return attempt.reason === undefined ? `${attempt.source} (${attempt.outcome})` : `${attempt.source} (${attempt.outcome}: ${attempt.reason})`;
}

/** ERR_CREDENTIALS_NOT_FOUND listing each step with its outcome. */
export function notFound(attempts: readonly ChainAttempt[], cause?: unknown): MongoAwsCredentialsError {
  const tried = attempts.length === 0 ? 'no source' : attempts.map(describe).join(', ');
  // Only our own errors may travel as a cause: they are built without secrets.
  const safeCause = MongoAwsError.isMongoAwsError(cause) ? { cause } : {};
  return new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', `no AWS credentials found; tried ${tried}`, safeCause);
}

/**
 * Tries each step in order. Throws the first configured-but-broken step's error unchanged (its code is what the
 * caller needs), or ERR_CREDENTIALS_NOT_FOUND when no step produced credentials.
 */
export async function runChain(steps: readonly ChainStep[]): Promise<ChainResult> {
  const attempts: ChainAttempt[] = [];
  let lastUnavailable: unknown;
  for (const step of steps) {
    if (step.disabled !== undefined) {
      attempts.push({ source: step.name, outcome: 'skipped', reason: step.disabled });
      continue;
    }
    let result: SourcedCredentials | undefined;
    try {
      result = await step.resolve();
    } catch (error) {
      const source = sourceOf(step, error);
      attempts.push({ source, outcome: 'failed', reason: errorCode(error) });
      if (step.unavailable?.(error) === true) {
        lastUnavailable = error;
        continue;
      }
      throw error;
    }
    if (result === undefined) {
      attempts.push({ source: step.name, outcome: 'skipped', reason: step.notConfigured });
      continue;
    }
    attempts.push({ source: result.source, outcome: 'used' });
    return { credentials: result.credentials, source: result.source, attempts };
  }
  throw notFound(attempts, lastUnavailable);
}

const SOURCES: ReadonlySet<string> = new Set<CredentialSource>([
  'custom',
  'explicit',
  'env',
  'shared-credentials-file',
  'config-file',
  'assume-role',
  'web-identity',
  'sso',
  'process',
  'container',
  'instance-metadata',
]);

/** The profile step reports the precise source its error names (e.g. `process`), when it names one. */
function sourceOf(step: ChainStep, error: unknown): ChainStepName {
  if (step.name === 'profile' && MongoAwsError.isMongoAwsError(error) && error.source !== undefined && SOURCES.has(error.source)) {
    return error.source as CredentialSource;
  }
  return step.name;
}
