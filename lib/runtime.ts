/** The outside world a provider touches (environment, files, clock, HTTP, processes), injectable for tests. */
import { open } from 'node:fs/promises';
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
  homedir: () => homedir(),
  platform: process.platform,
  now: () => Date.now(),
  http: httpRequest,
  runProcess,
};

export function runtimeFrom(init: RuntimeInit | undefined): Runtime {
  const override = init?.[RUNTIME];
  return override === undefined ? defaultRuntime : { ...defaultRuntime, ...override };
}

/** Reads at most `maxBytes` of a UTF-8 file. */
export async function readFileCapped(path: string, maxBytes: number, field: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new MongoAwsConfigError('ERR_FILE_READ', `file named by ${field} could not be opened (${describeCause(error)})`, { field, cause: error });
  }
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    let bytesRead: number;
    do {
      ({ bytesRead } = await handle.read(buffer, length, buffer.length - length, null).catch((error: unknown) => {
        throw new MongoAwsConfigError('ERR_FILE_READ', `file named by ${field} could not be read (${describeCause(error)})`, { field, cause: error });
      }));
      length += bytesRead;
    } while (bytesRead > 0 && length <= maxBytes);
    if (length > maxBytes) {
      throw new MongoAwsConfigError('ERR_FILE_TOO_LARGE', `file named by ${field} is larger than ${maxBytes} bytes`, { field });
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}
