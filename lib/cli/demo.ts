/** `mongodb-aws-auth demo`: authenticate against the embedded emulator through every credential source, each sandboxed. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect } from '../client/connect.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { MongoAwsError } from '../errors.js';
import { RUNTIME, type RuntimeInit } from '../runtime.js';
import type { CredentialSource } from '../types.js';
import { DEMO_SOURCES, type DemoSource, type Sandbox } from './demo-sources.js';
import { EXIT_FAILURE, EXIT_OK, internalName, oneLine, PROGRAM, renderTable, roundMs, type Output } from './format.js';
import { pingAndWhoAmI } from './ping.js';

export interface DemoArgs {
  readonly json: boolean;
}

/** One row of the table, and one element of the `--json` array. */
export interface DemoRow {
  /** The source the chain had to use. */
  readonly source: CredentialSource;
  readonly label: string;
  /** The source the chain did use; null when the row failed before authenticating. */
  readonly resolvedSource: string | null;
  /** The user connectionStatus named; null when the row failed before that. */
  readonly arn: string | null;
  readonly expectedArn: string | null;
  /** Requests the emulated AWS endpoints received during the row. */
  readonly httpRequests: number;
  /** Connect, authenticate, ping and connectionStatus, rounded to 0.1 ms. */
  readonly ms: number;
  readonly ok: boolean;
  /** `code` is a MongoAwsError code, DEMO_UNEXPECTED_SOURCE, DEMO_UNEXPECTED_ARN or ERR_INTERNAL. */
  readonly error: { readonly code: string; readonly message: string } | null;
}

const TIMEOUT_MS = 10_000;

function errorOf(error: unknown): { code: string; message: string } {
  if (MongoAwsError.isMongoAwsError(error)) return { code: error.code, message: oneLine(error.message) };
  return { code: 'ERR_INTERNAL', message: `internal error (${internalName(error)})` };
}

async function makeSandbox(emulator: Emulator): Promise<Sandbox> {
  const home = await mkdtemp(join(tmpdir(), `${PROGRAM}-demo-`));
  return {
    emulator,
    home,
    platform: process.platform,
    write: async (relativePath, content) => {
      const path = join(home, ...relativePath.split('/'));
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, content, { mode: 0o600 });
      return path;
    },
  };
}

/** Runs one row in its own temporary HOME and environment object; the folder is removed whatever happens. */
export async function runRow(emulator: Emulator, spec: DemoSource, init: RuntimeInit = {}): Promise<DemoRow> {
  const before = emulator.aws.requests.length;
  let resolvedSource: string | null = null;
  let arn: string | null = null;
  let expectedArn: string | null = null;
  let error: DemoRow['error'] = null;
  let ms = 0;
  const sandbox = await makeSandbox(emulator);
  try {
    const plan = await spec.prepare(sandbox);
    expectedArn = plan.expectedArn;
    const env: Record<string, string> = {
      HOME: sandbox.home,
      USERPROFILE: sandbox.home,
      ...(plan.imds === true ? {} : { AWS_EC2_METADATA_DISABLED: 'true' }),
      ...plan.env,
    };
    const start = performance.now();
    const connection = await connect(plan.uri, {
      ...plan.options,
      connectTimeoutMS: TIMEOUT_MS,
      commandTimeoutMS: TIMEOUT_MS,
      [RUNTIME]: { ...init[RUNTIME], env: () => env, homedir: () => sandbox.home },
    });
    try {
      resolvedSource = connection.source;
      arn = await pingAndWhoAmI(connection);
    } finally {
      await connection.close();
      ms = performance.now() - start;
    }
    if (resolvedSource !== spec.source) error = { code: 'DEMO_UNEXPECTED_SOURCE', message: `the chain used ${resolvedSource}, expected ${spec.source}` };
    else if (arn !== expectedArn) error = { code: 'DEMO_UNEXPECTED_ARN', message: 'connectionStatus named another user than expected' };
  } catch (caught) {
    error = errorOf(caught);
  } finally {
    await rm(sandbox.home, { recursive: true, force: true });
  }
  const httpRequests = emulator.aws.requests.length - before;
  return { source: spec.source, label: spec.label, resolvedSource, arn, expectedArn, httpRequests, ms: roundMs(ms), ok: error === null, error };
}

export function demoTable(rows: readonly DemoRow[]): string[] {
  return renderTable(
    ['source', 'ARN', 'HTTP requests', 'ms', 'ok'],
    rows.map((row) => [row.source, row.arn ?? '-', String(row.httpRequests), row.ms.toFixed(1), row.ok ? 'yes' : `NO (${row.error?.code})`]),
    [2, 3],
  );
}

/** Starts the emulator, runs every row in order, closes the emulator; exit 1 when any row failed. */
export async function runDemo(args: DemoArgs, output: Output, init: RuntimeInit, sources: readonly DemoSource[] = DEMO_SOURCES): Promise<number> {
  const emulator = await startEmulator();
  const rows: DemoRow[] = [];
  try {
    for (const spec of sources) rows.push(await runRow(emulator, spec, init));
  } finally {
    await emulator.close();
  }
  if (args.json) {
    output.out(JSON.stringify(rows));
  } else {
    output.out(`MONGODB-AWS through every credential source, against the embedded emulator (mongod and AWS endpoints on loopback)`);
    output.out('');
    for (const line of demoTable(rows)) output.out(line);
    output.out('');
    output.out(`${rows.filter((row) => row.ok).length}/${rows.length} sources authenticated`);
  }
  const failed = rows.filter((row) => !row.ok);
  for (const row of failed) output.err(`${PROGRAM}: demo: ${row.source} failed: ${row.error?.code}: ${row.error?.message}`);
  return failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
}
