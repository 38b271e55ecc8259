/** The default chain after the front steps: env → profile → web identity (env) → container → instance metadata. */
import { MongoAwsConfigError, MongoAwsError } from '../errors.js';
import { resolveContainer } from '../providers/container.js';
import { resolveEnv } from '../providers/env.js';
import { resolveInstanceMetadata } from '../providers/imds.js';
import { resolveIni } from '../providers/ini.js';
import { resolveTokenFile } from '../providers/web-identity.js';
import type { Runtime } from '../runtime.js';
import type { ResolvedCredentials } from '../types.js';
import type { SourcedCredentials } from './cache.js';
import type { ChainStep } from './chain.js';

/** Options of the default chain (the shape `@aws-sdk/credential-providers` `fromNodeProviderChain` takes). */
export interface DefaultChainOptions {
  /** Profile to use instead of AWS_PROFILE / AWS_DEFAULT_PROFILE / `default`. Naming one disables env credentials (both SDKs). */
  readonly profile?: string;
  /** Region for STS calls (web identity, AssumeRole); otherwise AWS_REGION, the profile, then the STS defaults. */
  readonly clientConfig?: { readonly region?: string };
}

type Resolve = (runtime: Runtime, options: DefaultChainOptions) => Promise<ResolvedCredentials | undefined>;

/** The source resolvers, replaceable in tests. */
export interface SourceResolvers {
  readonly env: Resolve;
  readonly profile: (runtime: Runtime, options: DefaultChainOptions) => Promise<SourcedCredentials | undefined>;
  readonly webIdentity: Resolve;
  readonly container: Resolve;
  readonly instanceMetadata: Resolve;
}

/** The region and profile options, in the internal form the profile and web identity resolvers take. */
function regionOf(options: DefaultChainOptions): { readonly region?: string; readonly profile?: string } {
  const region = options.clientConfig?.region;
  return { ...(region === undefined ? {} : { region }), ...(options.profile === undefined ? {} : { profile: options.profile }) };
}

export const defaultResolvers: SourceResolvers = {
  env: (runtime) => resolveEnv(runtime),
  profile: (runtime, options) => resolveIni(runtime, regionOf(options)),
  webIdentity: (runtime, options) => resolveTokenFile(runtime, regionOf(options)),
  container: (runtime) => resolveContainer(runtime, {}),
  instanceMetadata: (runtime) => resolveInstanceMetadata(runtime, {}),
};

/** Validates the options object once, when a provider is created. */
export function checkChainOptions(options: unknown): DefaultChainOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'options must be an object', { field: 'options' });
  }
  const { profile, clientConfig } = options as Record<string, unknown>;
  if (profile !== undefined && (typeof profile !== 'string' || profile === '')) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'profile must be a non-empty string', { field: 'profile' });
  }
  if (clientConfig !== undefined) {
    if (typeof clientConfig !== 'object' || clientConfig === null) {
      throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'clientConfig must be an object', { field: 'clientConfig' });
    }
    const region = (clientConfig as Record<string, unknown>)['region'];
    if (region !== undefined && (typeof region !== 'string' || region === '')) {
      throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'clientConfig.region must be a non-empty string', { field: 'clientConfig.region' });
    }
  }
  return options as DefaultChainOptions;
}

/**
 * Instance metadata is probed, not configured: when nothing answers there (no route, refused, timed out, no
 * role attached, IMDS disabled on the instance), the chain reports "no credentials found" with this as the
 * cause, as the JS SDK and the cross-SDK data do (`imds_default_chain_error`). Other failures stop the chain.
 */
export function imdsUnavailable(error: unknown): boolean {
  if (!MongoAwsError.isMongoAwsError(error)) return false;
  switch (error.code) {
    case 'ERR_HTTP_CONNECTION':
    case 'ERR_HTTP_TIMEOUT':
    case 'ERR_IMDS_DISABLED':
      return true;
    case 'ERR_IMDS_TOKEN':
      // No status: the token PUT timed out; 403/404/405: IMDSv2 is off or absent. 400/401 mean a broken exchange.
      return error.status === undefined || error.status === 403 || error.status === 404 || error.status === 405;
    default:
      return false;
  }
}

const sourced = (source: 'env' | 'web-identity' | 'container' | 'instance-metadata') => (credentials: ResolvedCredentials | undefined) =>
  credentials === undefined ? undefined : { credentials, source };

/** The five default steps over one runtime. An explicit `profile` option disables env credentials. */
export function defaultSteps(runtime: Runtime, options: DefaultChainOptions, resolvers: SourceResolvers = defaultResolvers): ChainStep[] {
  return [
    {
      name: 'env',
      notConfigured: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set',
      ...(options.profile === undefined ? {} : { disabled: 'a profile was named in code' }),
      resolve: async () => sourced('env')(await resolvers.env(runtime, options)),
    },
    {
      name: 'profile',
      notConfigured: 'no credentials in the selected profile',
      resolve: () => resolvers.profile(runtime, options),
    },
    {
      name: 'web-identity',
      notConfigured: 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN not set',
      resolve: async () => sourced('web-identity')(await resolvers.webIdentity(runtime, options)),
    },
    {
      name: 'container',
      notConfigured: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI not set',
      resolve: async () => sourced('container')(await resolvers.container(runtime, options)),
    },
    {
      name: 'instance-metadata',
      notConfigured: 'disabled (AWS_EC2_METADATA_DISABLED) or no role attached',
      resolve: async () => sourced('instance-metadata')(await resolvers.instanceMetadata(runtime, options)),
      unavailable: imdsUnavailable,
    },
  ];
}
