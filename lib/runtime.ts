/** The outside world a provider touches (environment, files, clock, HTTP, processes), injectable for tests. */
import { open, type FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { describeCause, MongoAwsConfigError } from './errors.js';
import { httpRequest, type HttpTransport } from './http/client.js';
import { runProcess, type ProcessRunner } from './process/run.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Runtime {
  /** Read on every call, so credentials rotated in the environment are picked up. */
  readonly env: () => Env;
  /** `undefined` when the file does not exist; ERR_FILE_TOO_LARGE past `maxBytes`; ERR_FILE_READ otherwise. */
  readonly readFile: (path: string, maxBytes: number, field: string) => Promise<string | undefined>;
  readonly homedir: () => string;
  readonly platform: NodeJS.Platform;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  readonly http: HttpTransport;
  readonly runProcess: ProcessRunner;
}

/** Key of the test-only override in provider init objects. Not part of the supported API. */
export const RUNTIME: unique symbol = Symbol.for('mongodb-aws-auth.runtime') as never;

export interface RuntimeInit {
  /** @internal Test hook: replace parts of the outside world. */
  readonly [RUNTIME]?: Partial<Runtime>;
}

const defaultRuntime: Runtime = {
  env: () => process.env,
  readFile: readFileCapped,
  homedir,
  platform: process.platform,
  now: Date.now,
  http: httpRequest,
  runProcess,
};

export function runtimeFrom(init: RuntimeInit | undefined): Runtime {
  return { ...defaultRuntime, ...init?.[RUNTIME] };
}

/** Reads at most `maxBytes` of a UTF-8 file. The message names `field`, never the path. */
export async function readFileCapped(path: string, maxBytes: number, field: string): Promise<string | undefined> {
  const buffer = Buffer.alloc(maxBytes + 1);
  let length = 0;
  let handle: FileHandle | undefined;
  try {
    handle = await open(path);
    // One byte past the cap is enough to know the file is too large.
    for (let n = 1; n > 0 && length <= maxBytes; length += n) n = (await handle.read(buffer, length, buffer.length - length)).bytesRead;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new MongoAwsConfigError('ERR_FILE_READ', `${field} could not be read (${describeCause(error)})`, { field, cause: error });
  } finally {
    await handle?.close();
  }
  if (length > maxBytes) throw new MongoAwsConfigError('ERR_FILE_TOO_LARGE', `${field} is larger than ${maxBytes} bytes`, { field });
  return buffer.toString('utf8', 0, length);
}
