/** A scenario laid out on disk in a temporary folder, with its endpoints pointed at one loopback server, for both SDKs. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scenarioFiles, type Scenario } from '../replay/scenario.js';

/** Moves every recorded expiry into the future (both SDKs reject or stretch expired credentials, differently). */
export type Shift = (epochMs: number) => number;

export function makeShift(scenarioExpiries: readonly number[], now: number): Shift {
  const earliest = scenarioExpiries.length === 0 ? now : Math.min(...scenarioExpiries);
  const base = Math.floor(now / 1000) * 1000 + 2 * 3_600_000;
  return (t) => base + (t - earliest);
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Rewrites every expiry a response body carries (ISO strings in JSON and XML, epoch ms in SSO). */
export function shiftBody(body: string, shift: Shift): string {
  return body
    .replace(/("Expiration"\s*:\s*")([^"]+)(")/g, (_, a: string, t: string, b: string) => `${a}${iso(shift(Date.parse(t)))}${b}`)
    .replace(/(<Expiration>)([^<]+)(<\/Expiration>)/g, (_, a: string, t: string, b: string) => `${a}${iso(shift(Date.parse(t)))}${b}`)
    .replace(/("expiration"\s*:\s*)(\d+)/g, (_, a: string, t: string) => `${a}${shift(Number(t))}`);
}

/** `echo <base64> | base64 --decode`: the JSON inside gets its Expiration shifted too. */
function shiftProcessCommand(line: string, shift: Shift): string {
  return line.replace(/echo ([A-Za-z0-9+/=]{16,})/, (_, b64: string) => {
    const json = Buffer.from(b64, 'base64').toString('utf8');
    return `echo ${Buffer.from(shiftBody(json, shift), 'utf8').toString('base64')}`;
  });
}

export interface Sandbox {
  readonly root: string;
  /** The complete environment both SDKs run with (nothing inherited but PATH). */
  readonly env: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * Copies the scenario's fs/ under a temporary root (paths inside files rewritten), maps file variables and HOME
 * into it, and points IMDS, container, STS and SSO endpoints at `origin` (RELATIVE_URI becomes a loopback FULL_URI).
 */
export async function makeSandbox(scenario: Scenario, origin: string, shift: Shift): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'mongodb-aws-oracle-'));
  const files = scenarioFiles(scenario);
  const fake = (path: string): string => join(root, path);
  for (const [path, text] of files) {
    let content = text.replace(/(=\s*)(\/[^\s]+)/g, (m, eq: string, p: string) => (files.has(p) ? `${eq}${fake(p)}` : m));
    content = content.replace(/https?:\/\/aws\.[a-z.-]+/g, origin);
    content = content.replace(/^(\s*credential_process\s*=\s*)(.*)$/gm, (_, key: string, line: string) => key + shiftProcessCommand(line, shift));
    await mkdir(dirname(fake(path)), { recursive: true });
    await writeFile(fake(path), content);
  }
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
  for (const [key, value] of Object.entries(scenario.env)) {
    if ((key === 'HOME' || key.endsWith('_FILE')) && value.startsWith('/')) env[key] = fake(value);
    else if (key === 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = `${origin}${value}`;
    else if (key === 'AWS_CONTAINER_CREDENTIALS_FULL_URI') {
      const url = new URL(value);
      env[key] = `${origin}${url.pathname}${url.search}`;
    } else if (key.startsWith('AWS_ENDPOINT_URL')) env[key] = origin;
    else env[key] = value;
  }
  env['HOME'] ??= fake('/no-home');
  env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] ??= origin;
  env['AWS_ENDPOINT_URL_STS'] ??= origin;
  env['AWS_ENDPOINT_URL_SSO'] ??= origin;
  return { root, env, remove: () => rm(root, { recursive: true, force: true }) };
}
