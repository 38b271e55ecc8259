/** Which profile to use and whether it was chosen on purpose (an option or AWS_DEFAULT_PROFILE / AWS_PROFILE). */
import { MongoAwsConfigError } from '../errors.js';
import { selectProfileName } from '../ini/load.js';
import type { Env } from '../runtime.js';
import { quote } from './settings.js';

export interface ProfileChoice {
  readonly name: string;
  /** The option or variable that named it; undefined for the implicit `default`. */
  readonly field?: string;
}

export function chooseProfile(env: Env, explicit: string | undefined): ProfileChoice {
  const name = selectProfileName(env, explicit);
  const field =
    explicit !== undefined && explicit !== '' ? 'profile'
    : env['AWS_DEFAULT_PROFILE'] !== undefined && env['AWS_DEFAULT_PROFILE'] !== '' ? 'AWS_DEFAULT_PROFILE'
    : env['AWS_PROFILE'] !== undefined && env['AWS_PROFILE'] !== '' ? 'AWS_PROFILE'
    : undefined;
  return field === undefined ? { name } : { name, field };
}

/** A profile chosen on purpose must exist; the implicit `default` may be absent (not configured). */
export function missingProfile(choice: ProfileChoice): undefined {
  if (choice.field === undefined) return undefined;
  throw new MongoAwsConfigError('ERR_PROFILE_NOT_FOUND', `profile ${quote(choice.name)} named by ${choice.field} is in neither the config nor the credentials file`, {
    field: choice.field,
  });
}

/** `profile`, `filepath`, `configFilepath` of a provider's options: strings when given. */
export function checkProfileOptions(init: { readonly profile?: unknown; readonly filepath?: unknown; readonly configFilepath?: unknown }): void {
  for (const field of ['profile', 'filepath', 'configFilepath'] as const) {
    const value = init[field];
    if (value !== undefined && typeof value !== 'string') {
      throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be a string`, { field });
    }
  }
}
