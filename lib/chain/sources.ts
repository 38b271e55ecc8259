/** The default chain after the front steps: env → profile → web identity (env) → container → instance metadata. */
import { checkArgument, MongoAwsError } from '../errors.js';
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
function regionOf({ profile, clientConfig }: DefaultChainOptions): { readonly region?: string; readonly profile?: string } {
  // Both are non-empty when given (checkChainOptions).
  const region = clientConfig?.region;
  return { ...(region && { region }), ...(profile && { profile }) };
}

export const defaultResolvers: SourceResolvers = {
  env: (runtime) => resolveEnv(runtime),
  profile: (runtime, options) => resolveIni(runtime, regionOf(options)),
  webIdentity: (runtime, options) => resolveTokenFile(runtime, regionOf(options)),
  container: (runtime) => resolveContainer(runtime, {}),
  instanceMetadata: (runtime) => resolveInstanceMetadata(runtime, {}),
};

/** Validates the options object once, when a provider is created: ERR_INVALID_ARGUMENT naming the field. */
export function checkChainOptions(options: unknown = {}): DefaultChainOptions {
  checkArgument(typeof options === 'object' && options, 'options');
  const { profile, clientConfig = {} } = options as Record<string, unknown>;
  checkArgument(profile === undefined || (typeof profile === 'string' && profile), 'profile');
  checkArgument(typeof clientConfig === 'object' && clientConfig, 'clientConfig');
  const { region } = clientConfig as Record<string, unknown>;
  checkArgument(region === undefined || (typeof region === 'string' && region), 'clientConfig.region');
  return options;
}

/**
 * Instance metadata is probed, not configured: when nothing answers there (no route, refused, timed out, no
 * role attached, IMDS disabled on the instance), the chain reports "no credentials found" with this as the
 * cause, as the JS SDK and the cross-SDK data do (`imds_default_chain_error`). Other failures stop the chain.
 * ERR_IMDS_TOKEN without a status: the token PUT timed out; 403/404/405: IMDSv2 is off or absent (400/401 mean a
 * broken exchange).
 */
export function imdsUnavailable(error: unknown): boolean {
  return (
    MongoAwsError.isMongoAwsError(error) &&
    (/^ERR_(HTTP_CONNECTION|HTTP_TIMEOUT|IMDS_DISABLED)$/.test(error.code) || (error.code === 'ERR_IMDS_TOKEN' && [undefined, 403, 404, 405].includes(error.status)))
  );
}

/** The five default steps over one runtime. An explicit `profile` option disables env credentials. */
export function defaultSteps(runtime: Runtime, options: DefaultChainOptions, resolvers: SourceResolvers = defaultResolvers): ChainStep[] {
  const step = (name: 'env' | 'web-identity' | 'container' | 'instance-metadata', resolve: Resolve, notConfigured: string, extra?: Partial<ChainStep>): ChainStep => ({
    name,
    notConfigured,
    resolve: async () => {
      const credentials = await resolve(runtime, options);
      return credentials && { credentials, source: name };
    },
    ...extra,
  });
  return [
    step('env', resolvers.env, 'AWS_ACCESS_KEY_ID not set', options.profile ? { disabled: 'a profile was named in code' } : {}),
    { name: 'profile', notConfigured: 'no credentials in profile', resolve: () => resolvers.profile(runtime, options) },
    step('web-identity', resolvers.webIdentity, 'AWS_WEB_IDENTITY_TOKEN_FILE not set'),
    step('container', resolvers.container, 'AWS_CONTAINER_CREDENTIALS_*_URI not set'),
    step('instance-metadata', resolvers.instanceMetadata, 'disabled or no role', { unavailable: imdsUnavailable }),
  ];
}
