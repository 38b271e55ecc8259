/** Compares one request we sent with the recorded one: method, URL, meaningful headers, form parameters, signature. */
import type { KnownKey } from './facts.js';
import type { RecordedExchange } from './scenario.js';
import { expectedSignature, parseSigV4 } from './sigv4-check.js';

/** What a scenario's own data allows (see facts.ts). */
export interface ReplayFacts {
  readonly keyPairs: ReadonlyMap<string, KnownKey>;
  readonly roleArns: ReadonlySet<string>;
  readonly tokens: ReadonlySet<string>;
  /** The container authorization token the scenario configures, when it configures one. */
  readonly containerToken?: string;
}

/** A request as it would have reached the real endpoint (host restored from the original URL). */
export interface ActualRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Comparison {
  readonly problems: string[];
  /** How the signature was checked, for the report. */
  readonly notes: string[];
}

/** Compared exactly when either side sends them. User agents (the Rust SDK's own), dates and lengths are not. */
const EXACT_HEADERS = ['x-aws-ec2-metadata-token', 'x-aws-ec2-metadata-token-ttl-seconds', 'x-amz-sso_bearer_token'];
/** Form parameters we may send although the recording does not (JS always sends DurationSeconds). */
const OPTIONAL_PARAMS = new Set(['DurationSeconds']);

function sortedQuery(url: URL): string {
  return [...url.searchParams].map(([k, v]) => `${k}=${v}`).sort().join('&');
}

function mediaType(value: string | undefined): string | undefined {
  return value?.split(';')[0]?.trim().toLowerCase();
}

function compareUrl(recorded: URL, actual: URL, problems: string[]): void {
  if (recorded.protocol !== actual.protocol) problems.push(`scheme ${actual.protocol} instead of ${recorded.protocol}`);
  if (recorded.host !== actual.host) problems.push(`host ${actual.host} instead of ${recorded.host}`);
  if (recorded.pathname !== actual.pathname) problems.push(`path ${actual.pathname} instead of ${recorded.pathname}`);
  if (sortedQuery(recorded) !== sortedQuery(actual)) problems.push(`query ${sortedQuery(actual)} instead of ${sortedQuery(recorded)}`);
}

function compareForm(recordedBody: string, actualBody: string, facts: ReplayFacts, problems: string[], notes: string[]): void {
  const recorded = new URLSearchParams(recordedBody);
  const actual = new URLSearchParams(actualBody);
  for (const name of ['Action', 'Version']) {
    if (recorded.get(name) !== actual.get(name)) problems.push(`form ${name}=${actual.get(name) ?? '(absent)'} instead of ${recorded.get(name) ?? '(absent)'}`);
  }
  const recordedArn = recorded.get('RoleArn');
  const actualArn = actual.get('RoleArn');
  if (recordedArn !== null) {
    if (facts.roleArns.has(recordedArn)) {
      if (actualArn !== recordedArn) problems.push(`form RoleArn ${actualArn ?? '(absent)'} instead of ${recordedArn}`);
    } else {
      // The recording was made with another role than the scenario configures (Rust does not compare bodies).
      notes.push(`recorded RoleArn is not configured by the scenario; checked against the configured ones`);
      if (actualArn === null || !facts.roleArns.has(actualArn)) problems.push(`form RoleArn ${actualArn ?? '(absent)'} is not a role the scenario configures`);
    }
  }
  if (recorded.has('RoleSessionName') && !actual.has('RoleSessionName')) problems.push('form RoleSessionName absent');
  if (recorded.has('WebIdentityToken')) {
    const token = actual.get('WebIdentityToken');
    if (token === null || !facts.tokens.has(token)) problems.push('form WebIdentityToken is not the scenario token file');
  }
  for (const name of actual.keys()) {
    if (!recorded.has(name) && !OPTIONAL_PARAMS.has(name)) problems.push(`form parameter ${name} not in the recording`);
  }
}

/** The signing region an STS host implies (`sts.amazonaws.com` → us-east-1), when it implies one. */
export function stsHostRegion(host: string): string | undefined {
  if (host === 'sts.amazonaws.com') return 'us-east-1';
  return /^sts(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws)$/.exec(host)?.[1];
}

async function compareAuthorization(exchange: RecordedExchange, actual: ActualRequest, facts: ReplayFacts, problems: string[], notes: string[]): Promise<void> {
  const recordedValue = exchange.request.headers['authorization']?.[0];
  const actualValue = actual.headers['authorization'];
  const recordedAuth = recordedValue === undefined ? undefined : parseSigV4(recordedValue);
  if (recordedAuth === undefined) {
    if (actual.headers['x-amz-security-token'] !== undefined) problems.push('x-amz-security-token sent on a request the recording does not sign');
    if (actualValue === undefined) return;
    if (parseSigV4(actualValue) !== undefined) problems.push('request is SigV4-signed but the recorded one is not');
    else if (facts.containerToken === undefined || actualValue !== facts.containerToken) problems.push('authorization header the scenario does not configure');
    else notes.push('container authorization token sent as configured (the recording omits it)');
    return;
  }
  const auth = actualValue === undefined ? undefined : parseSigV4(actualValue);
  if (auth === undefined) {
    problems.push('request is not SigV4-signed but the recorded one is');
    return;
  }
  // Some recordings were copied between scenarios and carry a key or scope the scenario never yields (Rust
  // compares neither): then the key must be one the scenario supplies and the region the one the host implies.
  if (facts.keyPairs.has(recordedAuth.accessKeyId)) {
    if (auth.accessKeyId !== recordedAuth.accessKeyId) problems.push(`signed with access key ${auth.accessKeyId} instead of ${recordedAuth.accessKeyId}`);
  } else {
    notes.push(`recorded signing key ${recordedAuth.accessKeyId} is not supplied by the scenario; checked that ours is`);
  }
  const known = facts.keyPairs.get(auth.accessKeyId);
  if (known === undefined) {
    problems.push(`signed with access key ${auth.accessKeyId}, which the scenario does not supply`);
    return;
  }
  const hostRegion = stsHostRegion(new URL(exchange.request.uri).host);
  const region = hostRegion ?? recordedAuth.region;
  if (hostRegion !== undefined && hostRegion !== recordedAuth.region) notes.push(`recorded scope region ${recordedAuth.region} does not match the host; expected ${hostRegion}`);
  if (auth.region !== region) problems.push(`signed for region ${auth.region} instead of ${region}`);
  if (auth.service !== recordedAuth.service) problems.push(`signed for service ${auth.service} instead of ${recordedAuth.service}`);
  if (actual.headers['x-amz-date']?.slice(0, 8) !== auth.date) problems.push('credential scope date differs from x-amz-date');
  if (actual.headers['x-amz-security-token'] !== known.token) {
    problems.push(known.token === undefined ? 'x-amz-security-token sent with long-term keys' : 'x-amz-security-token is not the token of the signing key');
  } else if (exchange.request.headers['x-amz-security-token']?.[0] !== known.token) {
    notes.push('recorded x-amz-security-token is not the one the scenario pairs with the key; checked against the scenario');
  }
  const expected = await expectedSignature(actual, auth, known.secret);
  if (expected !== auth.signature) problems.push('signature does not verify with @smithy/signature-v4');
  const sameHeaders = auth.signedHeaders.join(';') === recordedAuth.signedHeaders.join(';');
  const sameDate = actual.headers['x-amz-date'] === exchange.request.headers['x-amz-date']?.[0];
  if (sameHeaders && sameDate) {
    if (auth.signature !== recordedAuth.signature) problems.push('signature differs from the recorded one');
    else notes.push('signature identical to the recording');
  } else {
    const why = sameHeaders ? 'the clock differs from the recorded x-amz-date' : `the recording signs ${recordedAuth.signedHeaders.join(';')} (Rust adds x-amz-user-agent)`;
    notes.push(`signature verified with @smithy/signature-v4; not byte-comparable: ${why}`);
  }
}

export async function compareRequest(exchange: RecordedExchange, actual: ActualRequest, facts: ReplayFacts): Promise<Comparison> {
  const problems: string[] = [];
  const notes: string[] = [];
  const recorded = exchange.request;
  if (recorded.method !== actual.method) problems.push(`method ${actual.method} instead of ${recorded.method}`);
  compareUrl(new URL(recorded.uri), actual.url, problems);
  const recordedType = mediaType(recorded.headers['content-type']?.[0]);
  if (recordedType !== mediaType(actual.headers['content-type'])) problems.push(`content-type ${actual.headers['content-type'] ?? '(absent)'} instead of ${recordedType ?? '(absent)'}`);
  for (const name of EXACT_HEADERS) {
    const want = recorded.headers[name]?.[0];
    const got = actual.headers[name];
    if (want !== got) problems.push(`header ${name} ${got === undefined ? 'absent' : 'differs'}${want === undefined ? ' (not in the recording)' : ''}`);
  }
  if (recordedType === 'application/x-www-form-urlencoded') compareForm(recorded.body, actual.body, facts, problems, notes);
  else if (recorded.body !== actual.body) problems.push('request body differs');
  await compareAuthorization(exchange, actual, facts, problems, notes);
  return { problems, notes };
}
