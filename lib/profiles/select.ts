/** The front of the profile providers: options checks, which profile to use, loading it, "not configured" handling. */
import { toIdentity } from '../credentials/identity.js';
import { MongoAwsCredentialsError, type MongoAwsErrorDetails } from '../errors.js';
import { loadSharedConfig, type SharedConfig, type SharedFileOptions } from '../ini/load.js';
import { runtimeFrom, type Env, type Runtime, type RuntimeInit } from '../runtime.js';
import { checkTimeout } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { configError, notFound, type Profile } from './settings.js';

export interface ProfileChoice {
  readonly name: string;
  /** The option or variable that named it; undefined for the implicit `default`. */
  readonly field?: string;
}

/** The `profile` option, else AWS_DEFAULT_PROFILE, else AWS_PROFILE (botocore order), else `default`; empty = unset. */
export function chooseProfile(env: Env, explicit: string | undefined): ProfileChoice {
  for (const field of ['profile', 'AWS_DEFAULT_PROFILE', 'AWS_PROFILE']) {
    const name = field === 'profile' ? explicit : env[field];
    if (name) return { name, field };
  }
  return { name: 'default' };
}

export interface SelectedProfile {
  readonly config: SharedConfig;
  readonly name: string;
  readonly profile: Profile;
}

/** The selected profile; undefined when the implicit `default` is absent, ERR_PROFILE_NOT_FOUND when a named one is. */
export async function loadProfile(runtime: Runtime, init: SharedFileOptions & { readonly profile?: string | undefined }): Promise<SelectedProfile | undefined> {
  // The file options (filepath, configFilepath) are the only keys the loader reads.
  const config = await loadSharedConfig(runtime, init);
  const { name, field } = chooseProfile(runtime.env(), init.profile);
  const profile = config.profile(name);
  if (profile) return { config, name, profile };
  if (field) throw notFound(name, field);
  return undefined;
}

/** ERR_INVALID_ARGUMENT naming an option. */
export function argumentError(field: string): Error {
  return configError(field, `${field} is invalid`, 'ERR_INVALID_ARGUMENT');
}

type ProviderInit = SharedFileOptions & RuntimeInit & { readonly profile?: string; readonly timeout?: number };

/**
 * A `@aws-sdk/credential-providers` style provider over `resolve`: `profile`, `filepath`, `configFilepath` and
 * `timeout` are checked when it is created; a profile without these credentials is ERR_CREDENTIALS_NOT_FOUND.
 */
export function profileProvider<I extends ProviderInit>(
  init: I,
  timeout: number,
  resolve: (runtime: Runtime, init: I) => Promise<ResolvedCredentials | undefined>,
  details: MongoAwsErrorDetails,
): AwsCredentialIdentityProvider {
  if (typeof init !== 'object' || init === null) throw argumentError('init');
  for (const field of ['profile', 'filepath', 'configFilepath'] as const) {
    if (init[field] !== undefined && typeof init[field] !== 'string') throw argumentError(field);
  }
  checkTimeout(init.timeout, timeout, 'timeout');
  return async () => {
    const credentials = await resolve(runtimeFrom(init), init);
    if (!credentials) throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'no such credentials in the profile', details);
    return toIdentity(credentials);
  };
}
