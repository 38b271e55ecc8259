/** IAM Identity Center: cached `aws sso login` token → unsigned GetRoleCredentials → role credentials. */
import { createHash } from 'node:crypto';
import { posix, win32 } from 'node:path';
import { MongoAwsCredentialsError, MongoAwsHttpError } from '../errors.js';
import type { SharedConfig, SharedFileOptions } from '../ini/load.js';
import { homeDirectory } from '../ini/locations.js';
import { argumentError, loadProfile, profileProvider } from '../profiles/select.js';
import { profileError, setting, type Profile } from '../profiles/settings.js';
import { KEYS, REGION, ssoStep } from '../profiles/sso-settings.js';
import type { SsoStep } from '../profiles/steps.js';
import type { Runtime, RuntimeInit } from '../runtime.js';
import { safeRemoteCode } from '../sts/remote-error.js';
import { checkTimeout } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { resolveSsoEndpoint, type ServicesSection } from './sso-endpoint.js';
import { failure, GET_ROLE_CREDENTIALS, LOGIN_HINT, TOKEN_CACHE, parseRoleCredentials, parseSsoTokenCache } from './sso-parse.js';

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

/** `~/.aws/sso/cache/<sha1 hex of the sso-session name, else the start URL>.json`. */
export function ssoTokenPath(runtime: Runtime, cacheKey: string): string {
  const home = homeDirectory(runtime.env(), runtime.platform, runtime.homedir);
  return (runtime.platform === 'win32' ? win32 : posix).join(home, '.aws/sso/cache', `${createHash('sha1').update(cacheKey).digest('hex')}.json`);
}

/** The `[services NAME]` section a profile names with `services = NAME`. */
export function servicesOf(config: SharedConfig, profile: Profile): ServicesSection | undefined {
  const name = setting(profile, 'services');
  return name ? config.services(name) : undefined;
}

/**
 * GetRoleCredentials for an SSO step with the cached token (refreshing it, SSO-OIDC CreateToken, is left to
 * `aws sso login`). `profile` (the one holding the SSO keys) and its `[services]` give the endpoint settings.
 * A step without account and role is a token-only profile: refused.
 */
export async function getSsoCredentials(runtime: Runtime, step: SsoStep, config?: SharedConfig, profile?: Profile, timeoutMs = SSO_TIMEOUT_MS): Promise<ResolvedCredentials> {
  const { accountId, roleName } = step;
  if (!accountId || !roleName) throw profileError(step.profile, KEYS.accountId, 'is unset: an access token, not credentials');
  const text = await runtime.readFile(ssoTokenPath(runtime, step.session ?? step.startUrl), 262_144, TOKEN_CACHE);
  if (text === undefined) throw failure(TOKEN_CACHE, 'ERR_SSO_TOKEN')(step.session ? KEYS.session : KEYS.startUrl, `has no token file${LOGIN_HINT}`);
  const token = parseSsoTokenCache(text, runtime.now());
  const base = resolveSsoEndpoint(runtime.env(), step.region, profile, config && profile && servicesOf(config, profile));
  const response = await runtime.http({
    method: 'GET',
    url: `${base}/federation/credentials?role_name=${encodeURIComponent(roleName)}&account_id=${encodeURIComponent(accountId)}`,
    headers: { 'x-amz-sso_bearer_token': token.accessToken.reveal() },
    timeoutMs,
    maxBodyBytes: 65_536,
  });
  const status = response.status;
  if (status !== 200) {
    // 401 and 403 refuse the token. The error type header is safe to carry (an identifier); the body is not read.
    const refused = status === 401 || status === 403;
    throw new (refused ? MongoAwsCredentialsError : MongoAwsHttpError)(refused ? 'ERR_SSO_TOKEN' : 'ERR_HTTP_STATUS', `${GET_ROLE_CREDENTIALS}: HTTP ${status}${refused ? LOGIN_HINT : ''}`, {
      status,
      source: 'sso',
      remoteCode: safeRemoteCode(response.headers['x-amzn-errortype']?.split(':')[0]) as string,
    });
  }
  return parseRoleCredentials(response.body.toString('utf8'), runtime.now(), accountId);
}

/** `undefined` when the selected profile has no sso_* keys and no SSO values were given in code. */
export async function resolveSso(runtime: Runtime, init: SsoInit = {}): Promise<ResolvedCredentials | undefined> {
  const timeoutMs = checkTimeout(init.timeout, SSO_TIMEOUT_MS, 'timeout');
  // In code: all four of ssoStartUrl, ssoAccountId, ssoRegion and ssoRoleName, or none of them.
  const given = ['ssoStartUrl', 'ssoAccountId', 'ssoRegion', 'ssoRoleName'] as const;
  if (given.some((key) => init[key] !== undefined)) {
    for (const key of given) if (typeof init[key] !== 'string' || !init[key]) throw argumentError(key);
    const { ssoStartUrl, ssoAccountId, ssoRegion, ssoRoleName, ssoSession } = init as Required<SsoInit>;
    if (!REGION.test(ssoRegion)) throw argumentError('ssoRegion');
    const step: SsoStep = { kind: 'sso', profile: '', startUrl: ssoStartUrl, region: ssoRegion, accountId: ssoAccountId, roleName: ssoRoleName };
    return getSsoCredentials(runtime, ssoSession ? { ...step, session: ssoSession } : step, undefined, undefined, timeoutMs);
  }
  const selected = await loadProfile(runtime, init);
  const step = selected && ssoStep(selected.config, selected.name, selected.profile);
  return step && getSsoCredentials(runtime, step, selected?.config, selected?.profile, timeoutMs);
}

/** `@aws-sdk/credential-providers` `fromSSO`. ERR_CREDENTIALS_NOT_FOUND when the profile has no SSO settings. */
export function fromSSO(init: FromSsoInit = {}): AwsCredentialIdentityProvider {
  return profileProvider(init, SSO_TIMEOUT_MS, resolveSso, { source: 'sso' });
}
