/** IAM Identity Center: cached `aws sso login` token → unsigned GetRoleCredentials → role credentials. */
import { createHash } from 'node:crypto';
import { posix, win32 } from 'node:path';
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsHttpError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import { loadSharedConfig, type SharedConfig, type SharedFileOptions } from '../ini/load.js';
import { homeDirectory } from '../ini/locations.js';
import { checkProfileOptions, chooseProfile, missingProfile } from '../profiles/select.js';
import { invalidProfile, setting, type Profile } from '../profiles/settings.js';
import { REGION, ssoStep } from '../profiles/sso-settings.js';
import type { SsoStep } from '../profiles/steps.js';
import { runtimeFrom, type Runtime, type RuntimeInit } from '../runtime.js';
import { safeRemoteCode } from '../sts/remote-error.js';
import { checkTimeout } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { resolveSsoEndpoint, type ServicesSection } from './sso-endpoint.js';
import { parseRoleCredentials, parseSsoTokenCache, type SsoToken } from './sso-parse.js';

/** `@aws-sdk/credential-providers` `fromSSO` options: a profile, or all four sso* values given in code. */
export interface SsoInit extends SharedFileOptions {
  readonly profile?: string;
  readonly ssoStartUrl?: string;
  readonly ssoAccountId?: string;
  readonly ssoRegion?: string;
  readonly ssoRoleName?: string;
  /** sso-session name: keys the token cache instead of the start URL. */
  readonly ssoSession?: string;
  /** GetRoleCredentials exchange, in ms. Default 10 000. */
  readonly timeout?: number;
}
export type FromSsoInit = SsoInit & RuntimeInit;

export const SSO_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 64 * 1024;
const MAX_TOKEN_FILE_BYTES = 256 * 1024;

/** Where the endpoint settings come from: the profile that holds the SSO keys, and its `[services]` section. */
export interface SsoContext {
  readonly profile?: Profile;
  readonly services?: ServicesSection;
  readonly timeoutMs?: number;
}

/** `~/.aws/sso/cache/<sha1 hex of the sso-session name, else the start URL>.json`. */
export function ssoTokenPath(runtime: Runtime, cacheKey: string): string {
  const path = runtime.platform === 'win32' ? win32 : posix;
  const home = homeDirectory(runtime.env(), runtime.platform, runtime.homedir);
  return path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(cacheKey, 'utf8').digest('hex')}.json`);
}

/** Reads the cached token. Refreshing an expired token (SSO-OIDC CreateToken) is deliberately left to `aws sso login`. */
export async function loadSsoToken(runtime: Runtime, step: SsoStep): Promise<SsoToken> {
  const field = step.session === undefined ? 'sso_start_url' : 'sso_session';
  const text = await runtime.readFile(ssoTokenPath(runtime, step.session ?? step.startUrl), MAX_TOKEN_FILE_BYTES, 'SSO token cache');
  if (text === undefined) {
    throw new MongoAwsCredentialsError('ERR_SSO_TOKEN', 'no cached SSO token for this profile; run "aws sso login"', { field, source: 'sso' });
  }
  return parseSsoTokenCache(text, runtime.now());
}

/** GetRoleCredentials for an SSO step. A step without account and role is a token-only profile: refused. */
export async function getSsoCredentials(runtime: Runtime, step: SsoStep, context: SsoContext = {}): Promise<ResolvedCredentials> {
  if (step.accountId === undefined || step.roleName === undefined) {
    throw invalidProfile(step.profile, 'sso_account_id', 'profile has no sso_account_id and sso_role_name: it resolves an SSO access token, not credentials');
  }
  const token = await loadSsoToken(runtime, step);
  const base = resolveSsoEndpoint(runtime.env(), step.region, context.profile, context.services);
  const query = `role_name=${encodeURIComponent(step.roleName)}&account_id=${encodeURIComponent(step.accountId)}`;
  const response = await runtime.http({
    method: 'GET',
    url: `${base}/federation/credentials?${query}`,
    headers: { 'x-amz-sso_bearer_token': token.accessToken.reveal() },
    timeoutMs: context.timeoutMs ?? SSO_TIMEOUT_MS,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  if (response.status !== 200) {
    // The error type header is safe to carry (an identifier); the body is not read.
    const remoteCode = safeRemoteCode(response.headers['x-amzn-errortype']?.split(':')[0]);
    const options = { status: response.status, source: 'sso', ...(remoteCode === undefined ? {} : { remoteCode }) };
    if (response.status === 401 || response.status === 403) {
      throw new MongoAwsCredentialsError('ERR_SSO_TOKEN', `SSO GetRoleCredentials refused the cached token (HTTP ${response.status}); run "aws sso login"`, options);
    }
    throw new MongoAwsHttpError('ERR_HTTP_STATUS', `SSO GetRoleCredentials returned HTTP ${response.status}`, options);
  }
  return parseRoleCredentials(response.body.toString('utf8'), runtime.now(), step.accountId);
}

/** The `[services NAME]` section a profile names with `services = NAME`. */
export function servicesOf(config: SharedConfig, profile: Profile | undefined): ServicesSection | undefined {
  const name = profile === undefined ? undefined : setting(profile, 'services');
  return name === undefined ? undefined : config.services(name);
}

/** `undefined` when the selected profile has no sso_* keys and no SSO values were given in code. */
export async function resolveSso(runtime: Runtime, init: SsoInit = {}): Promise<ResolvedCredentials | undefined> {
  const timeoutMs = checkTimeout(init.timeout, SSO_TIMEOUT_MS, 'timeout');
  const inCode = fromCode(init);
  if (inCode !== undefined) return getSsoCredentials(runtime, inCode, { timeoutMs });
  const config = await loadSharedConfig(runtime, { filepath: init.filepath, configFilepath: init.configFilepath });
  const choice = chooseProfile(runtime.env(), init.profile);
  const profile = config.profile(choice.name);
  if (profile === undefined) return missingProfile(choice);
  const step = ssoStep(config, choice.name, profile);
  if (step === undefined) return undefined;
  return getSsoCredentials(runtime, step, { profile, timeoutMs, ...optional('services', servicesOf(config, profile)) });
}

/** All four of ssoStartUrl, ssoAccountId, ssoRegion, ssoRoleName, or none of them. */
function fromCode(init: SsoInit): SsoStep | undefined {
  const given = { ssoStartUrl: init.ssoStartUrl, ssoAccountId: init.ssoAccountId, ssoRegion: init.ssoRegion, ssoRoleName: init.ssoRoleName };
  const entries = Object.entries(given);
  if (entries.every(([, value]) => value === undefined)) return undefined;
  const missing = entries.find(([, value]) => typeof value !== 'string' || value === '');
  if (missing !== undefined) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${missing[0]} is required when SSO values are given in code (ssoStartUrl, ssoAccountId, ssoRegion, ssoRoleName)`, {
      field: missing[0],
    });
  }
  if (!REGION.test(init.ssoRegion as string)) throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'ssoRegion is not a valid region name', { field: 'ssoRegion' });
  return {
    kind: 'sso',
    profile: '(options)',
    startUrl: init.ssoStartUrl as string,
    region: init.ssoRegion as string,
    accountId: init.ssoAccountId as string,
    roleName: init.ssoRoleName as string,
    ...optional('session', init.ssoSession === '' ? undefined : init.ssoSession),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `@aws-sdk/credential-providers` `fromSSO`. ERR_CREDENTIALS_NOT_FOUND when the profile has no SSO settings. */
export function fromSSO(init: FromSsoInit = {}): AwsCredentialIdentityProvider {
  if (typeof init !== 'object' || init === null) throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'init must be an object', { field: 'init' });
  checkProfileOptions(init);
  checkTimeout(init.timeout, SSO_TIMEOUT_MS, 'timeout');
  return async () => {
    const credentials = await resolveSso(runtimeFrom(init), init);
    if (credentials === undefined) {
      throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'the selected profile has no SSO settings', { source: 'sso' });
    }
    return toIdentity(credentials);
  };
}
