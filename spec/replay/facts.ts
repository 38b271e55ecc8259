/** What a scenario's own data says, used to check our requests: known key pairs, role ARNs, tokens, and the clock. */
import { scenarioFiles, type Scenario } from './scenario.js';

/** Used when a scenario has neither a credential expiry nor a recorded date: the time of the oldest recordings. */
const FALLBACK_CLOCK = Date.UTC(2021, 8, 21, 17, 41, 25);
const HOUR_MS = 3_600_000;
const WINDOW_MS = 5 * 60_000;

/** `20210921T174125Z` → epoch ms. */
export function parseAmzDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (m === null) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Every credential expiry the scenario mentions (recorded responses and the expected result), epoch ms. */
export function expirations(scenario: Scenario): number[] {
  const out: number[] = [];
  for (const { response } of scenario.exchanges) {
    for (const m of response.body.matchAll(/"Expiration"\s*:\s*"([^"]+)"|<Expiration>([^<]+)<\/Expiration>/g)) {
      const t = Date.parse((m[1] ?? m[2]) as string);
      if (!Number.isNaN(t)) out.push(t);
    }
    for (const m of response.body.matchAll(/"expiration"\s*:\s*(\d+)/g)) out.push(Number(m[1]));
  }
  if (scenario.expected.kind === 'ok' && scenario.expected.credentials.expiry !== undefined) out.push(scenario.expected.credentials.expiry * 1000);
  return out;
}

export interface Clock {
  readonly now: number;
  readonly why: string;
}

/**
 * The recorded signing time when the scenario signs a request and no recorded credential expires within 5 minutes
 * of it (so the signature is computed for the recorded instant); otherwise one hour before the earliest expiry (so
 * nothing the providers parse is already expired: the ECS and SSO recordings expire in 2009); otherwise the first
 * recorded response date.
 */
export function chooseClock(scenario: Scenario): Clock {
  const exps = expirations(scenario);
  const earliest = exps.length === 0 ? undefined : Math.min(...exps);
  const signed = scenario.exchanges.find((e) => e.request.headers['x-amz-date'] !== undefined);
  const signedAt = signed === undefined ? undefined : parseAmzDate(signed.request.headers['x-amz-date']?.[0] ?? '');
  if (signedAt !== undefined && (earliest === undefined || signedAt < earliest - WINDOW_MS)) return { now: signedAt, why: 'recorded x-amz-date' };
  if (earliest !== undefined) return { now: earliest - HOUR_MS, why: 'one hour before the earliest recorded expiry' };
  for (const { response } of scenario.exchanges) {
    const date = Date.parse(response.headers['date']?.[0] ?? '');
    if (!Number.isNaN(date)) return { now: date, why: 'recorded response date' };
  }
  return { now: FALLBACK_CLOCK, why: 'fixed' };
}

/** A key pair the scenario supplies, with the session token that goes with it. */
export interface KnownKey {
  readonly secret: string;
  readonly token?: string;
}

function first(body: string, ...patterns: RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const m = pattern.exec(body);
    if (m !== null) return m[1] ?? m[2];
  }
  return undefined;
}

/** Access key id → secret (and token), for every key pair the scenario holds (files, env, recorded responses). */
export function knownKeyPairs(scenario: Scenario): Map<string, KnownKey> {
  const pairs = new Map<string, KnownKey>();
  const env = scenario.env;
  if (env['AWS_ACCESS_KEY_ID'] !== undefined && env['AWS_SECRET_ACCESS_KEY'] !== undefined) {
    const token = env['AWS_SESSION_TOKEN'];
    pairs.set(env['AWS_ACCESS_KEY_ID'], { secret: env['AWS_SECRET_ACCESS_KEY'], ...(token === undefined ? {} : { token }) });
  }
  for (const text of scenarioFiles(scenario).values()) {
    for (const section of text.split(/^\s*\[/m)) {
      const id = /^\s*aws_access_key_id\s*=\s*(\S+)/im.exec(section)?.[1];
      const secret = /^\s*aws_secret_access_key\s*=\s*(\S+)/im.exec(section)?.[1];
      const token = /^\s*aws_session_token\s*=\s*(\S+)/im.exec(section)?.[1];
      if (id !== undefined && secret !== undefined) pairs.set(id, { secret, ...(token === undefined ? {} : { token }) });
    }
  }
  for (const { response } of scenario.exchanges) {
    const body = response.body;
    const id = first(body, /"AccessKeyId"\s*:\s*"([^"]+)"|<AccessKeyId>([^<]+)</, /"accessKeyId"\s*:\s*"([^"]+)"/);
    const secret = first(body, /"SecretAccessKey"\s*:\s*"([^"]+)"|<SecretAccessKey>([^<]+)</, /"secretAccessKey"\s*:\s*"([^"]+)"/);
    const token = first(body, /"Token"\s*:\s*"([^"]+)"|<SessionToken>([^<]+)</, /"sessionToken"\s*:\s*"([^"]+)"/);
    if (id !== undefined && secret !== undefined) pairs.set(id, { secret, ...(token === undefined ? {} : { token }) });
  }
  return pairs;
}

/** Role ARNs the scenario configures (AWS_ROLE_ARN and every `role_arn =` in its files). */
export function configuredRoleArns(scenario: Scenario): Set<string> {
  const arns = new Set<string>();
  if (scenario.env['AWS_ROLE_ARN'] !== undefined) arns.add(scenario.env['AWS_ROLE_ARN']);
  for (const text of scenarioFiles(scenario).values()) {
    for (const m of text.matchAll(/^\s*role_arn\s*=\s*(\S+)/gim)) arns.add(m[1] as string);
  }
  return arns;
}

/** Web identity tokens the scenario holds (its `*.jwt` files), verbatim and trimmed. */
export function webIdentityTokens(scenario: Scenario): Set<string> {
  const tokens = new Set<string>();
  for (const [path, text] of scenarioFiles(scenario)) {
    if (path.endsWith('.jwt')) {
      tokens.add(text);
      tokens.add(text.trim());
    }
  }
  return tokens;
}
