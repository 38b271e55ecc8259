/** The runtime a scenario runs in: its env.json only, its fs/ as the root, its clock, and HTTP through the replay server. */
import { posix } from 'node:path';
import { httpRequest, type HttpTransport } from '../../lib/http/client.js';
import { runProcess, type ProcessRunner } from '../../lib/process/run.js';
import { readFileCapped, type Runtime } from '../../lib/runtime.js';
import type { Scenario } from './scenario.js';
import { ORIGINAL_URL_HEADER } from './server.js';

/** Home when the scenario sets no HOME: a path that does not exist under fs/, so no real file is ever read. */
const NO_HOME = '/no-home';

/** Maps an absolute path of the scenario's fake root into its fs/ folder; anything else does not exist. */
export function mapPath(scenario: Scenario, path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const normalized = posix.normalize(path);
  if (normalized.split('/').includes('..')) return undefined;
  return posix.join(scenario.fsDir, normalized);
}

/** Forwards every request to the loopback replay server through the real HTTP client, keeping the original URL in a header. */
export function replayTransport(port: number): HttpTransport {
  return (request) => {
    const original = typeof request.url === 'string' ? new URL(request.url) : request.url;
    return httpRequest({
      ...request,
      url: `http://127.0.0.1:${port}${original.pathname}${original.search}`,
      headers: { ...request.headers, [ORIGINAL_URL_HEADER]: original.href },
    });
  };
}

/**
 * The real process runner, restricted to the commands the scenario's files name (its credential_process lines),
 * run either directly or through `sh -c`. PATH comes from the test process (the scenario has none).
 */
export function replayRunner(commands: readonly string[]): { run: ProcessRunner; calls: string[][] } {
  const calls: string[][] = [];
  const run: ProcessRunner = (argv, options) => {
    calls.push([...argv]);
    const line = argv[0] === 'sh' && argv[1] === '-c' && argv.length === 3 ? (argv[2] as string) : argv.join(' ');
    const first = argv[0] === 'sh' && argv[1] === '-c' ? (argv[2] ?? '').split(/\s+/)[0] : argv[0];
    const allowed = commands.some((command) => command === line || command.split(/\s+/)[0] === first);
    if (!allowed) return Promise.reject(new Error(`replay: command not named by the scenario: ${argv[0] ?? ''}`));
    return runProcess(argv, { ...options, env: { ...options.env, PATH: process.env['PATH'] } });
  };
  return { run, calls };
}

/** credential_process lines of the scenario's files. */
export function scenarioCommands(files: ReadonlyMap<string, string>): string[] {
  const commands: string[] = [];
  for (const text of files.values()) for (const m of text.matchAll(/^\s*credential_process\s*=\s*(.+?)\s*$/gim)) commands.push(m[1] as string);
  return commands;
}

export interface ReplayRuntimeOptions {
  readonly scenario: Scenario;
  readonly port: number;
  readonly now: number;
  readonly runner: ProcessRunner;
}

export function replayRuntime({ scenario, port, now, runner }: ReplayRuntimeOptions): Partial<Runtime> {
  return {
    env: () => ({ ...scenario.env }),
    readFile: async (path, maxBytes, field) => {
      const mapped = mapPath(scenario, path);
      return mapped === undefined ? undefined : readFileCapped(mapped, maxBytes, field);
    },
    homedir: () => scenario.env['HOME'] ?? NO_HOME,
    platform: 'linux',
    now: () => now,
    http: replayTransport(port),
    runProcess: runner,
  };
}
