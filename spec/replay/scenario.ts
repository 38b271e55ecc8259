/** Loads one cross-SDK scenario folder (env.json, fs/, http-traffic.json, test-case.json) read in place from the vectors. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type Headers = Readonly<Record<string, readonly string[]>>;

export interface RecordedRequest {
  readonly method: string;
  readonly uri: string;
  /** Lower-case names. */
  readonly headers: Headers;
  readonly body: string;
}

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/** One request and its response, in the order of first appearance of their connection id. */
export interface RecordedExchange {
  readonly connectionId: number;
  readonly request: RecordedRequest;
  readonly response: RecordedResponse;
}

export interface ExpectedCredentials {
  readonly access_key_id: string;
  readonly secret_access_key: string;
  readonly session_token?: string;
  readonly account_id?: string;
  /** Seconds since the epoch. */
  readonly expiry?: number;
}

export type ExpectedResult = { readonly kind: 'ok'; readonly credentials: ExpectedCredentials } | { readonly kind: 'error'; readonly contains: string };

export interface Scenario {
  /** The folder name, the case's name in reports. */
  readonly name: string;
  readonly dir: string;
  /** The scenario's fake root: `/x` maps to `<dir>/fs/x`. */
  readonly fsDir: string;
  readonly env: Readonly<Record<string, string>>;
  readonly docs: string;
  readonly expected: ExpectedResult;
  readonly exchanges: readonly RecordedExchange[];
}

type Json = Record<string, unknown>;

function lowerHeaders(value: unknown): Headers {
  const out: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, values] of Object.entries((value ?? {}) as Record<string, string[]>)) out[name.toLowerCase()] = [...values];
  return out;
}

function dataText(data: Json): string {
  const utf8 = data['Utf8'];
  if (typeof utf8 !== 'string') throw new Error('only Utf8 data events are supported');
  return utf8;
}

/** Groups the event log into exchanges; bodies are the concatenation of the Data events of each direction. */
export function parseTraffic(traffic: Json): RecordedExchange[] {
  const byConnection = new Map<number, { request?: { method: string; uri: string; headers: Headers }; requestBody: string; response?: { status: number; headers: Headers }; responseBody: string }>();
  for (const event of traffic['events'] as Json[]) {
    const id = event['connection_id'] as number;
    let entry = byConnection.get(id);
    if (entry === undefined) {
      entry = { requestBody: '', responseBody: '' };
      byConnection.set(id, entry);
    }
    const action = event['action'] as Json;
    if (action['Request'] !== undefined) {
      const request = (action['Request'] as Json)['request'] as Json;
      entry.request = { method: request['method'] as string, uri: request['uri'] as string, headers: lowerHeaders(request['headers']) };
    } else if (action['Response'] !== undefined) {
      const ok = ((action['Response'] as Json)['response'] as Json)['Ok'] as Json;
      entry.response = { status: ok['status'] as number, headers: lowerHeaders(ok['headers']) };
    } else if (action['Data'] !== undefined) {
      const data = action['Data'] as Json;
      const text = dataText(data['data'] as Json);
      if (data['direction'] === 'Request') entry.requestBody += text;
      else entry.responseBody += text;
    }
  }
  const exchanges: RecordedExchange[] = [];
  for (const [connectionId, entry] of byConnection) {
    if (entry.request === undefined || entry.response === undefined) throw new Error(`connection ${connectionId} lacks a request or a response`);
    exchanges.push({
      connectionId,
      request: { ...entry.request, body: entry.requestBody },
      response: { ...entry.response, body: entry.responseBody },
    });
  }
  return exchanges;
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

export function loadScenario(dir: string, name: string): Scenario {
  const testCase = readJson(join(dir, 'test-case.json'));
  const result = testCase['result'] as Json;
  const expected: ExpectedResult =
    result['Ok'] !== undefined
      ? { kind: 'ok', credentials: result['Ok'] as unknown as ExpectedCredentials }
      : { kind: 'error', contains: result['ErrorContains'] as string };
  return {
    name,
    dir,
    fsDir: join(dir, 'fs'),
    env: readJson(join(dir, 'env.json')) as Record<string, string>,
    docs: typeof testCase['docs'] === 'string' ? testCase['docs'] : '',
    expected,
    exchanges: parseTraffic(readJson(join(dir, 'http-traffic.json'))),
  };
}

/** Every scenario folder under `root`, sorted by name. */
export function loadScenarios(root: string): Scenario[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory() && existsSync(join(root, name, 'test-case.json')))
    .sort()
    .map((name) => loadScenario(join(root, name), name));
}

/** Every file under the scenario's fs/ folder, as fake-root absolute paths → contents. */
export function scenarioFiles(scenario: Scenario): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (real: string, fake: string): void => {
    if (!existsSync(real)) return;
    for (const entry of readdirSync(real, { withFileTypes: true })) {
      const r = join(real, entry.name);
      const f = `${fake}/${entry.name}`;
      if (entry.isDirectory()) walk(r, f);
      else files.set(f, readFileSync(r, 'utf8'));
    }
  };
  walk(scenario.fsDir, '');
  return files;
}
