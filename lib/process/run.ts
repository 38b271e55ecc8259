/** Runs a credential_process command without a shell, with a timeout and an output cap. */
import { spawn } from 'node:child_process';
import { MongoAwsCredentialsError } from '../errors.js';

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
export const runProcess: ProcessRunner = (argv, options) =>
  new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    if (command === undefined || command === '') {
      reject(new MongoAwsCredentialsError('ERR_PROCESS_FAILED', 'credential_process is empty', { field: 'credential_process', source: 'process' }));
      return;
    }
    const child = spawn(command, args, { shell: false, stdio: ['ignore', 'pipe', 'ignore'], env: options.env as NodeJS.ProcessEnv, windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: Error | undefined, result?: ProcessResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error !== undefined) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(result as ProcessResult);
    };
    const timer = setTimeout(
      () => finish(new MongoAwsCredentialsError('ERR_PROCESS_FAILED', `credential_process timed out after ${options.timeoutMs} ms`, { field: 'credential_process', source: 'process' })),
      options.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > options.maxOutputBytes) {
        finish(new MongoAwsCredentialsError('ERR_PROCESS_FAILED', `credential_process output exceeds ${options.maxOutputBytes} bytes`, { field: 'credential_process', source: 'process' }));
        return;
      }
      chunks.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(new MongoAwsCredentialsError('ERR_PROCESS_FAILED', `credential_process could not be started (${error.code ?? 'unknown'})`, { field: 'credential_process', source: 'process' }));
    });
    child.on('close', (exitCode) => finish(undefined, { exitCode, stdout: Buffer.concat(chunks).toString('utf8') }));
  });
