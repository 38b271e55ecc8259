/** Profile-based credentials (`fromIni`): static keys, AssumeRole chains, web identity, credential_process and SSO. */
import { MongoAwsCredentialsError } from '../errors.js';
import type { SharedFileOptions } from '../ini/load.js';
import { executePlan, type ProfileCredentials } from '../profiles/execute.js';
import { planProfile } from '../profiles/plan.js';
import { argumentError, loadProfile, profileProvider } from '../profiles/select.js';
import { CREDENTIAL_SOURCE, profileMessage, type Profile } from '../profiles/settings.js';
import type { NamedSourceStep } from '../profiles/steps.js';
import type { Runtime, RuntimeInit } from '../runtime.js';
import { assumeRole } from '../sts/assume-role.js';
import { checkTimeout } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { resolveContainer } from './container.js';
import { resolveEnv } from './env.js';
import { resolveInstanceMetadata, type InstanceMetadataInit } from './imds.js';
import { PROCESS_TIMEOUT_MS, runCredentialProcess } from './process.js';
import { getSsoCredentials, servicesOf } from './sso.js';
import { resolveWebIdentity } from './web-identity.js';

export type { ProfileCredentials, ProfileSource } from '../profiles/execute.js';

/** The `@aws-sdk/credential-providers` `fromIni` options this library honours. */
export interface IniInit extends SharedFileOptions {
  /** Default AWS_DEFAULT_PROFILE, then AWS_PROFILE (botocore order), then `default`. */
  readonly profile?: string;
  /** Region of STS calls given in code (beats AWS_REGION and the profile's `region`). */
  readonly clientConfig?: { readonly region?: string };
  /** Same as `clientConfig.region`, for internal callers (the default chain). */
  readonly region?: string;
  /** credential_process time limit, ms. Default 60 000. */
  readonly timeout?: number;
}
export type FromIniInit = IniInit & RuntimeInit;

/**
 * `undefined` when the implicit `default` profile is absent or holds no credentials (only settings such as
 * `region`): the chain moves on. Any configured-but-broken profile throws. A profile named by `profile`,
 * AWS_DEFAULT_PROFILE or AWS_PROFILE that exists in neither file is ERR_PROFILE_NOT_FOUND.
 */
export async function resolveIni(runtime: Runtime, init: IniInit = {}): Promise<ProfileCredentials | undefined> {
  const selected = await loadProfile(runtime, init);
  if (!selected) return undefined;
  const { config, name } = selected;
  // The selected profile exists, so the outcome is a plan or "holds only settings".
  const outcome = planProfile(config, name);
  if (outcome.kind !== 'plan') return undefined;
  const region = init.clientConfig?.region?.trim() || init.region?.trim() || undefined;
  const timeoutMs = checkTimeout(init.timeout, PROCESS_TIMEOUT_MS, 'timeout');
  // STS calls of a hop: its parameters, and endpoint settings of its profile over the selected profile's, key by key.
  const sts = <S extends { readonly profile: string }>(step: S) => {
    const profile: Profile = { ...config.profile(name), ...config.profile(step.profile) };
    return { ...step, region, profile, services: servicesOf(config, profile) };
  };
  return executePlan(outcome.plan, {
    namedSource: (step) => namedSource(runtime, step, { profile: name, filepath: init.filepath, configFilepath: init.configFilepath } as InstanceMetadataInit),
    webIdentity: (step) => resolveWebIdentity(runtime, sts(step)),
    process: (step) => runCredentialProcess(runtime, step, timeoutMs),
    // The planner read the step from this very profile, so it exists.
    sso: (step) => getSsoCredentials(runtime, step, config, config.profile(step.profile)),
    assumeRole: (source, step) => assumeRole(runtime, source, sts(step)),
  });
}

/** `credential_source`: the environment, the container endpoint or IMDS must produce credentials, or the profile is broken. */
async function namedSource(runtime: Runtime, step: NamedSourceStep, imds: InstanceMetadataInit): Promise<ResolvedCredentials> {
  const credentials =
    step.source === 'Environment' ? await resolveEnv(runtime)
    : step.source === 'EcsContainer' ? await resolveContainer(runtime, {})
    : await resolveInstanceMetadata(runtime, imds);
  if (credentials) return credentials;
  throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', profileMessage(step.profile, CREDENTIAL_SOURCE, 'found no credentials'), {
    field: CREDENTIAL_SOURCE,
    source: 'assume-role',
  });
}

/** `@aws-sdk/credential-providers` `fromIni`. ERR_CREDENTIALS_NOT_FOUND when the profile holds no credentials. */
export function fromIni(init: FromIniInit = {}): AwsCredentialIdentityProvider {
  const provider = profileProvider(init, PROCESS_TIMEOUT_MS, async (runtime, options) => (await resolveIni(runtime, options))?.credentials, { source: 'profile' });
  const region: unknown = init.clientConfig?.region;
  if (region !== undefined && typeof region !== 'string') throw argumentError('clientConfig.region');
  return provider;
}
