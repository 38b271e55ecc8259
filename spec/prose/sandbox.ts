// Sandboxed worlds for the MongoDB MONGODB-AWS prose tests: an environment object behind the [RUNTIME] override (never
// the process's own environment or home directory), and a client that connects lazily, as a MongoClient does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicProvider, type SourcedProvider } from '../../lib/chain/provider.js';
import { connect, type ConnectOptions, type MongoAwsConnection } from '../../lib/client/connect.js';
import { RUNTIME, type Runtime } from '../../lib/runtime.js';
import type { CredentialSource } from '../../lib/types.js';

/** A scratch directory for token files and an empty home. */
export function scratchDir(prefix: string): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface SandboxOptions {
  /** Leave instance metadata enabled (only the EC2 scenario does). */
  readonly imds?: boolean;
  /** Replace the HTTP transport (the ECS relative-URI case routes 169.254.170.2 to the emulator). */
  readonly http?: Runtime['http'];
}

/**
 * One isolated environment. `env` is mutable: the cache tests set and clear variables in it between steps, and every
 * provider built from `init` reads it afresh on each call. HOME and the shared files point into an empty directory;
 * instance metadata is off unless asked for.
 */
export class Sandbox {
  env: Record<string, string>;
  readonly runtime: Partial<Runtime>;

  constructor(home: string, vars: Readonly<Record<string, string>> = {}, options: SandboxOptions = {}) {
    this.env = {
      HOME: home,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials-file'),
      AWS_CONFIG_FILE: join(home, 'no-config-file'),
      ...(options.imds === true ? {} : { AWS_EC2_METADATA_DISABLED: 'true' }),
      ...vars,
    };
    this.runtime = {
      env: () => this.env,
      homedir: () => home,
      ...(options.http === undefined ? {} : { http: options.http }),
    };
  }

  /** The test hook every provider and `connect()` accepts. */
  get init(): { readonly [RUNTIME]: Partial<Runtime> } {
    return { [RUNTIME]: this.runtime };
  }

  set(vars: Readonly<Record<string, string>>): void {
    Object.assign(this.env, vars);
  }

  unset(...names: string[]): void {
    for (const name of names) delete this.env[name];
  }
}

export const AWS_ENV_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;

/**
 * "A new client": nothing happens until the first operation, which connects and authenticates (MONGODB-AWS runs when a
 * connection is established), so an authentication failure surfaces at the first `find`, as with a MongoClient.
 */
export class ProseClient {
  readonly #uri: string;
  readonly #options: ConnectOptions;
  #connection: MongoAwsConnection | undefined;

  constructor(uri: string, options: ConnectOptions) {
    this.#uri = uri;
    this.#options = options;
  }

  static withProvider(uri: string, sandbox: Sandbox, provider: SourcedProvider): ProseClient {
    return new ProseClient(uri, { ...sandbox.init, credentialProvider: publicProvider(provider) });
  }

  async #connected(): Promise<MongoAwsConnection> {
    this.#connection ??= await connect(this.#uri, this.#options);
    return this.#connection;
  }

  /** Runs `find` (the emulated mongod answers it once authenticated) and returns where the credentials came from. */
  async find(): Promise<CredentialSource> {
    const connection = await this.#connected();
    const reply = await connection.command('test', { find: 'test', filter: {} });
    if (reply['ok'] !== 1) throw new Error('find did not answer ok: 1');
    return connection.source;
  }

  /** The single `$external` user connectionStatus reports: the ARN the server derived from GetCallerIdentity. */
  async authenticatedUser(): Promise<string> {
    const connection = await this.#connected();
    const status = await connection.command('admin', { connectionStatus: 1 });
    const users = (status['authInfo'] as { authenticatedUsers: { user: string; db: string }[] }).authenticatedUsers;
    if (users.length !== 1 || users[0]!.db !== '$external') throw new Error(`expected one $external user, got ${users.length}`);
    return users[0]!.user;
  }

  async close(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.close();
  }
}

/** Opens a client, runs `body`, always closes it. */
export async function withClient<T>(client: ProseClient, body: (client: ProseClient) => Promise<T>): Promise<T> {
  try {
    return await body(client);
  } finally {
    await client.close();
  }
}
