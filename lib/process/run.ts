/** Runs a credential_process command without a shell, with a timeout and an output cap. */
import { describeCause, MongoAwsCredentialsError } from '../errors.js';

export interface ProcessResult {
  readonly exitCode: number | null;
  readonly stdout: string;
}

export interface ProcessOptions {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type ProcessRunner = (argv: readonly string[], options: ProcessOptions) => Promise<ProcessResult>;

/** stderr is discarded: it may echo secrets. */
export const runProcess: ProcessRunner = async ([command, ...args], { timeoutMs, maxOutputBytes, env }) => {
  // Loaded on first use: only credential_process profiles need it, and it costs cold-start time.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const field = 'credential_process';
    const failure = (what: string): MongoAwsCredentialsError => new MongoAwsCredentialsError('ERR_PROCESS_FAILED', `${field} ${what}`, { field, source: 'process' });
    if (!command) return reject(failure('is empty'));
    const child = spawn(command, args, { shell: false, stdio: ['ignore', 'pipe', 'ignore'], env: env as NodeJS.ProcessEnv, windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    // Settling twice is a no-op; the child is killed on every failure.
    const fail = (what: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(failure(what));
    };
    const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => ((size += chunk.length) > maxOutputBytes ? fail(`output exceeds ${maxOutputBytes} bytes`) : chunks.push(chunk)));
    child.on('error', (error) => fail(`could not be started (${describeCause(error)})`));
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
};
