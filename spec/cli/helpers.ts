// Test helpers for the CLI: captured writers, a sealed environment (no ambient AWS settings, IMDS off), temp homes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../lib/cli/main.js';
import { main } from '../../lib/cli/main.js';
import { RUNTIME, type Runtime } from '../../lib/runtime.js';

export const MISSING_HOME = join(tmpdir(), 'mongodb-aws-auth-cli-test-no-home');

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `main` in-process with `env` as the whole environment (HOME defaults to a folder that does not exist). */
export async function run(argv: readonly string[], env: Record<string, string> = {}, runtime: Partial<Runtime> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const home = env['HOME'] ?? MISSING_HOME;
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    [RUNTIME]: { env: () => ({ HOME: home, AWS_EC2_METADATA_DISABLED: 'true', ...env }), homedir: () => home, ...runtime },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The lines of a stream's text, without the final newline. */
export function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

export async function withTempHome<T>(body: (home: string) => Promise<T>): Promise<T> {
  const home = await mkdtemp(join(tmpdir(), 'mongodb-aws-auth-cli-test-'));
  try {
    return await body(home);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** Asserts the failure contract: exactly one stderr line `mongodb-aws-auth: CODE: …`; returns it. */
export function oneErrorLine(result: Run, code: string): string {
  const errLines = lines(result.stderr);
  if (errLines.length !== 1) throw new Error(`expected one stderr line, got ${errLines.length}`);
  const [line] = errLines as [string];
  if (!line.startsWith(`mongodb-aws-auth: ${code}: `)) throw new Error(`expected ${code} on stderr, got another line`);
  return line;
}
