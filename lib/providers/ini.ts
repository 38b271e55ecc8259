/** Profile-based credentials (`fromIni`): static keys, AssumeRole chains, web identity, credential_process and SSO. */
import { MongoAwsConfigError, MongoAwsCredentialsError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import { loadSharedConfig, type SharedConfig, type SharedFileOptions } from '../ini/load.js';
import { executePlan, type ProfileCredentials, type StepRunners } from '../profiles/execute.js';
import { planProfile } from '../profiles/plan.js';
import { checkProfileOptions, chooseProfile, missingProfile } from '../profiles/select.js';
import type { Profile } from '../profiles/settings.js';
import type { NamedSourceStep } from '../profiles/steps.js';
import { runtimeFrom, type Runtime, type RuntimeInit } from '../runtime.js';
import { assumeRole } from '../sts/assume-role.js';
import { checkTimeout } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { resolveContainer } from './container.js';
import { resolveEnv } from './env.js';
import { resolveInstanceMetadata } from './imds.js';
import { PROCESS_TIMEOUT_MS, runCredentialProcess } from './process.js';
import type { ServicesSection } from './sso-endpoint.js';
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
  const config = await loadSharedConfig(runtime, { filepath: init.filepath, configFilepath: init.configFilepath });
  const choice = chooseProfile(runtime.env(), init.profile);
  const outcome = planProfile(config, choice.name);
  if (outcome.kind === 'not-found') return missingProfile(choice);
  if (outcome.kind === 'no-credentials') return undefined;
  return executePlan(outcome.plan, runners(runtime, config, choice.name, init));
}

function runners(runtime: Runtime, config: SharedConfig, selected: string, init: IniInit): StepRunners {
  const region = nonEmpty(init.clientConfig?.region) ?? nonEmpty(init.region);
  const timeoutMs = checkTimeout(init.timeout, PROCESS_TIMEOUT_MS, 'timeout');
  // STS endpoint settings: the hop's own profile, falling back to the selected profile key by key.
  const sts = (name: string): { region?: string; profile: Profile; services?: ServicesSection } => {
    const profile: Profile = { ...config.profile(selected), ...config.profile(name) };
    const services = servicesOf(config, profile);
    return { ...(region === undefined ? {} : { region }), profile, ...(services === undefined ? {} : { services }) };
  };
  return {
    namedSource: (step) => namedSource(runtime, step, selected, init),
    webIdentity: (step) =>
      resolveWebIdentity(runtime, {
        tokenFile: step.tokenFile,
        roleArn: step.roleArn,
        ...(step.roleSessionName === undefined ? {} : { roleSessionName: step.roleSessionName }),
        ...sts(step.profile),
      }),
    process: (step) => runCredentialProcess(runtime, step, timeoutMs),
    sso: (step) => {
      // The planner read the step from this very profile, so it exists.
      const profile = config.profile(step.profile) as Profile;
      const services = servicesOf(config, profile);
      return getSsoCredentials(runtime, step, { profile, ...(services === undefined ? {} : { services }) });
    },
    assumeRole: (source, step) =>
      assumeRole(runtime, source, {
        roleArn: step.roleArn,
        ...(step.roleSessionName === undefined ? {} : { roleSessionName: step.roleSessionName }),
        ...(step.externalId === undefined ? {} : { externalId: step.externalId }),
        ...(step.durationSeconds === undefined ? {} : { durationSeconds: step.durationSeconds }),
        ...sts(step.profile),
      }),
  };
}

/** `credential_source`: the environment, the container endpoint or IMDS must produce credentials, or the profile is broken. */
async function namedSource(runtime: Runtime, step: NamedSourceStep, selected: string, init: IniInit): Promise<ResolvedCredentials> {
  let credentials: ResolvedCredentials | undefined;
  if (step.source === 'Environment') credentials = await resolveEnv(runtime);
  else if (step.source === 'EcsContainer') credentials = await resolveContainer(runtime, {});
  else {
    credentials = await resolveInstanceMetadata(runtime, {
      profile: selected,
      ...(init.filepath === undefined ? {} : { filepath: init.filepath }),
      ...(init.configFilepath === undefined ? {} : { configFilepath: init.configFilepath }),
    });
  }
  if (credentials === undefined) {
    throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', `credential_source ${step.source} of profile ${JSON.stringify(step.profile)} provided no credentials`, {
      field: 'credential_source',
      source: 'assume-role',
    });
  }
  return credentials;
}

/** `@aws-sdk/credential-providers` `fromIni`. ERR_CREDENTIALS_NOT_FOUND when the profile holds no credentials. */
export function fromIni(init: FromIniInit = {}): AwsCredentialIdentityProvider {
  if (typeof init !== 'object' || init === null) throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'init must be an object', { field: 'init' });
  checkProfileOptions(init);
  checkTimeout(init.timeout, PROCESS_TIMEOUT_MS, 'timeout');
  const clientRegion: unknown = init.clientConfig?.region;
  if (clientRegion !== undefined && typeof clientRegion !== 'string') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'clientConfig.region must be a string', { field: 'clientConfig.region' });
  }
  return async () => {
    const resolved = await resolveIni(runtimeFrom(init), init);
    if (resolved === undefined) {
      throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'the selected profile holds no credentials', { source: 'profile' });
    }
    return toIdentity(resolved.credentials);
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
