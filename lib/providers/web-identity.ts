/** Web identity (EKS IRSA and other OIDC): token file + role ARN → STS AssumeRoleWithWebIdentity. */
import { MongoAwsCredentialsError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import { loadSharedConfig, selectProfileName } from '../ini/load.js';
import { runtimeFrom, type Runtime, type RuntimeInit } from '../runtime.js';
import { Secret } from '../secret.js';
import type { StsCallOptions } from '../sts/call.js';
import { invalid } from '../sts/params.js';
import { assumeRoleWithWebIdentity } from '../sts/web-identity.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';

export const MAX_WEB_IDENTITY_TOKEN_BYTES = 65_536;
const SOURCE = 'web-identity';
const TOKEN_FILE_VARIABLE = 'AWS_WEB_IDENTITY_TOKEN_FILE';

/** The `@aws-sdk/credential-providers` `fromTokenFile` options this library honours. */
export interface TokenFileInit {
  /** Default AWS_WEB_IDENTITY_TOKEN_FILE. */
  readonly webIdentityTokenFile?: string | undefined;
  /** Default AWS_ROLE_ARN. */
  readonly roleArn?: string | undefined;
  /** Default AWS_ROLE_SESSION_NAME, else `mongodb-aws-auth-<epoch ms>`. */
  readonly roleSessionName?: string | undefined;
  /** STS region (the MongoDB driver passes `clientConfig.region`); beats AWS_REGION, AWS_DEFAULT_REGION, profile `region`. */
  readonly clientConfig?: { readonly region?: string | undefined } | undefined;
  /** Same as `clientConfig.region`, for internal callers; `clientConfig.region` wins. */
  readonly region?: string | undefined;
  /** Profile whose `region`, `endpoint_url`, `services` and `sts_regional_endpoints` pick the STS endpoint. */
  readonly profile?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly policy?: string | undefined;
  readonly providerId?: string | undefined;
  /** Per STS attempt, ms. Default 10 000. */
  readonly timeout?: number | undefined;
  /** STS attempts. Default 3. */
  readonly maxAttempts?: number | undefined;
  /** Upper bound of the first jittered backoff, ms. Default 100. */
  readonly retryDelayMs?: number | undefined;
}
export type FromTokenFileInit = TokenFileInit & RuntimeInit;

/** What the profile code (`web_identity_token_file` + `role_arn`) passes. */
export interface WebIdentityParams extends StsCallOptions {
  readonly tokenFile: string;
  readonly roleArn: string;
  readonly roleSessionName?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly policy?: string | undefined;
  readonly providerId?: string | undefined;
  /** Name of the setting that gave `tokenFile`, for errors. Default `web_identity_token_file`. */
  readonly tokenFileField?: string | undefined;
}

/**
 * `undefined` unless both the token file and the role ARN are known (init, else AWS_WEB_IDENTITY_TOKEN_FILE and
 * AWS_ROLE_ARN): either alone is not a configuration (MongoDB spec: "if both are set"). The STS endpoint comes
 * from the init region, the environment and the selected profile's settings.
 */
export async function resolveTokenFile(runtime: Runtime, init: TokenFileInit = {}): Promise<ResolvedCredentials | undefined> {
  const env = runtime.env();
  const fromInit = init.webIdentityTokenFile?.trim();
  const tokenFile = fromInit || env[TOKEN_FILE_VARIABLE]?.trim();
  const roleArn = init.roleArn?.trim() || env['AWS_ROLE_ARN']?.trim();
  return tokenFile && roleArn
    ? resolveWebIdentity(runtime, { ...(await stsOptions(runtime, init)), tokenFile, roleArn, tokenFileField: fromInit ? 'webIdentityTokenFile' : TOKEN_FILE_VARIABLE })
    : undefined;
}

/**
 * Reads the token file (on every call: projected tokens rotate), trims surrounding whitespace (a JWT has none; a
 * trailing newline from an editor would otherwise be sent), and calls AssumeRoleWithWebIdentity unsigned.
 * A missing or empty file throws: the source is configured but broken.
 */
export async function resolveWebIdentity(runtime: Runtime, params: WebIdentityParams): Promise<ResolvedCredentials> {
  const field = params.tokenFileField ?? 'web_identity_token_file';
  const text = await runtime.readFile(params.tokenFile, MAX_WEB_IDENTITY_TOKEN_BYTES, field);
  if (text === undefined) invalid(field, 'names no file', 'ERR_FILE_READ', SOURCE);
  const token = text.trim() || invalid(field, 'names an empty file', 'ERR_INVALID_ARGUMENT', SOURCE);
  return assumeRoleWithWebIdentity(runtime, { ...params, webIdentityToken: new Secret(token) });
}

/** Provider for web identity; ERR_CREDENTIALS_NOT_FOUND when the token file or role ARN is not set. */
export function fromTokenFile(init: FromTokenFileInit = {}): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveTokenFile(runtimeFrom(init), init);
    if (!credentials) throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', `${TOKEN_FILE_VARIABLE} and AWS_ROLE_ARN not both set`, { source: SOURCE });
    return toIdentity(credentials);
  };
}

/** `fromWebToken` options: the token itself instead of a file. */
export interface WebTokenInit extends Omit<TokenFileInit, 'webIdentityTokenFile' | 'roleArn'> {
  readonly roleArn: string;
  readonly webIdentityToken: string;
}
export type FromWebTokenInit = WebTokenInit & RuntimeInit;

/** Provider exchanging a web identity token held in memory (unsigned AssumeRoleWithWebIdentity). */
export function fromWebToken(init: FromWebTokenInit): AwsCredentialIdentityProvider {
  return async () => {
    const runtime = runtimeFrom(init);
    const token = (typeof init.webIdentityToken === 'string' && init.webIdentityToken.trim()) || invalid('webIdentityToken', 'is empty');
    return toIdentity(await assumeRoleWithWebIdentity(runtime, { ...(await stsOptions(runtime, init)), roleArn: init.roleArn, webIdentityToken: new Secret(token) }));
  };
}

/** STS options from code (region, limits, role parameters), the environment and the selected profile's endpoint settings. */
async function stsOptions(runtime: Runtime, init: TokenFileInit): Promise<StsCallOptions & Omit<WebIdentityParams, 'tokenFile' | 'roleArn'>> {
  const config = await loadSharedConfig(runtime);
  const env = runtime.env();
  const profile = config.profile(selectProfileName(env, init.profile));
  const services = profile?.['services'];
  return {
    // An empty region counts as absent there.
    region: init.clientConfig?.region?.trim() || init.region,
    profile,
    services: services === undefined ? undefined : config.services(services),
    timeoutMs: init.timeout,
    maxAttempts: init.maxAttempts,
    retryDelayMs: init.retryDelayMs,
    roleSessionName: init.roleSessionName?.trim() || env['AWS_ROLE_SESSION_NAME']?.trim() || undefined,
    durationSeconds: init.durationSeconds,
    policy: init.policy,
    providerId: init.providerId,
  };
}
