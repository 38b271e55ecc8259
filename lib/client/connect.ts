/** The standalone wire client: connect, handshake, MONGODB-AWS authentication through the chain, commands, close. */
import type { LookupFunction } from 'node:net';
import { arch, platform, release, type as osType } from 'node:os';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { Document } from 'bson';
import { callCustomProvider } from '../chain/front.js';
import { buildProvider, SOURCED, type ChainInit, type SourcedProvider } from '../chain/provider.js';
import { MongoAwsConfigError, MongoAwsError, MongoAwsServerError } from '../errors.js';
import { resolveAuthOptions, type MongoAwsClientOptions } from '../options/auth-options.js';
import { parseConnectionString, type ConnectionStringHost } from '../options/connection-string.js';
import { authenticate } from '../sasl/authenticate.js';
import type { AwsCredentialIdentityProvider, CredentialSource } from '../types.js';
import { WireConnection } from './connection.js';
import { resolveSeedList, systemResolver, type SrvResolver } from './srv.js';

/** MONGODB-AWS needs server 4.4 (wire version 9). */
const MIN_WIRE_VERSION = 9;
const VERSION = '0.1.0';

export interface ConnectOptions extends MongoAwsClientOptions, ChainInit {
  /** Overrides `connectTimeoutMS` of the URI; default 10 000 ms (socket, TLS and each seed host). */
  readonly connectTimeoutMS?: number;
  /** Per-command timeout; overrides `socketTimeoutMS` of the URI; default 30 000 ms. */
  readonly commandTimeoutMS?: number;
  /** Extra node:tls options (CA, client certificate). TLS itself follows the URI (`tls=true`, on by default for mongodb+srv). */
  readonly tlsOptions?: TlsOptions;
  /**
   * Share one provider, and so its cache, across connections: one from `createCredentialProvider()` or
   * `fromNodeProviderChain()` keeps reporting its real source; any other AWS SDK-shaped provider counts as
   * `custom`. Its `invalidate()`, when present, is called after an authentication failure. By default each
   * connect builds its own provider from the URI and options.
   */
  readonly credentialProvider?: AwsCredentialIdentityProvider & { invalidate?(): void };
  /** @internal Test hook: DNS for mongodb+srv. */
  readonly srvResolver?: SrvResolver;
  /** @internal Test hook: name resolution of the hosts (node:net `lookup`). */
  readonly lookup?: LookupFunction;
}

export interface ConnectTimings {
  readonly credentialsMs: number;
  readonly connectMs: number;
  readonly authenticateMs: number;
}

export interface MongoAwsConnection {
  readonly host: string;
  readonly port: number;
  /** Where the credentials came from. */
  readonly source: CredentialSource;
  readonly timings: ConnectTimings;
  /** Runs a command; `ok: 0` throws ERR_SERVER_COMMAND with the server's code. */
  command(db: string, document: Document): Promise<Document>;
  close(): Promise<void>;
}

function positiveInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw new MongoAwsConfigError('ERR_INVALID_URI', `${field} must be a positive integer`, { field });
  return n;
}

function booleanOption(value: string | undefined, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new MongoAwsConfigError('ERR_INVALID_URI', `${field} must be true or false`, { field });
}

function clientMetadata(appName: string | undefined): Document {
  return {
    driver: { name: 'mongodb-aws-auth', version: VERSION },
    os: { type: osType(), name: platform(), architecture: arch(), version: release() },
    platform: `Node.js ${process.version}`,
    ...(appName === undefined ? {} : { application: { name: appName.slice(0, 128) } }),
  };
}

async function openFirst(hosts: readonly ConnectionStringHost[], open: (h: ConnectionStringHost) => Promise<WireConnection>): Promise<WireConnection> {
  let last: unknown;
  for (const host of hosts) {
    try {
      return await open(host);
    } catch (error) {
      last = error;
    }
  }
  throw MongoAwsError.isMongoAwsError(last) ? last : new MongoAwsServerError('ERR_CONNECTION', 'no host could be reached');
}

function sourcedFrom(given: AwsCredentialIdentityProvider & { invalidate?(): void; [SOURCED]?: SourcedProvider }): SourcedProvider {
  return (
    given[SOURCED] ??
    Object.assign(async () => ({ credentials: await callCustomProvider(given), source: 'custom' as const }), { invalidate: () => given.invalidate?.() })
  );
}

/** Connects to the first reachable host, runs `hello`, and authenticates with MONGODB-AWS. */
export async function connect(uri: string, options: ConnectOptions = {}): Promise<MongoAwsConnection> {
  const cs = parseConnectionString(uri);
  const auth = resolveAuthOptions(cs, options);
  let hosts = cs.hosts;
  let uriOptions: Record<string, string> = { ...cs.options };
  if (cs.scheme === 'mongodb+srv') {
    const seed = await resolveSeedList(cs.hosts[0]!.host, options.srvResolver ?? systemResolver);
    hosts = seed.hosts;
    uriOptions = { ...seed.options, ...uriOptions };
  }
  const tlsFlag = booleanOption(uriOptions['tls'], 'tls') ?? booleanOption(uriOptions['ssl'], 'ssl') ?? cs.scheme === 'mongodb+srv';
  const connectTimeoutMs = positiveInt(options.connectTimeoutMS ?? uriOptions['connecttimeoutms'], 'connectTimeoutMS', 10_000);
  const commandTimeoutMs = positiveInt(options.commandTimeoutMS ?? uriOptions['sockettimeoutms'], 'socketTimeoutMS', 30_000);
  const provider = options.credentialProvider === undefined ? buildProvider(auth, options) : sourcedFrom(options.credentialProvider);

  let start = performance.now();
  const { credentials, source } = await provider();
  const credentialsMs = performance.now() - start;

  start = performance.now();
  const connection = await openFirst(hosts, async (host) => {
    const conn = await WireConnection.open({ host: host.host, port: host.port, tls: tlsFlag ? (options.tlsOptions ?? true) : false, connectTimeoutMs, commandTimeoutMs, ...(options.lookup === undefined ? {} : { lookup: options.lookup }) });
    try {
      const hello = await conn.command('admin', { hello: 1, helloOk: true, client: clientMetadata(uriOptions['appname']) }, connectTimeoutMs);
      if (typeof hello['maxWireVersion'] !== 'number' || hello['maxWireVersion'] < MIN_WIRE_VERSION) {
        throw new MongoAwsServerError('ERR_SERVER_COMMAND', 'server is older than 4.4 and does not support MONGODB-AWS', { field: 'maxWireVersion' });
      }
      return conn;
    } catch (error) {
      conn.close();
      throw error;
    }
  });
  const connectMs = performance.now() - start;

  start = performance.now();
  try {
    await authenticate((db, command) => connection.runCommand(db, command), async () => credentials);
  } catch (error) {
    // MongoDB spec: clear cached credentials after any authentication failure.
    provider.invalidate();
    connection.close();
    throw error;
  }
  const authenticateMs = performance.now() - start;

  return {
    host: connection.host,
    port: connection.port,
    source,
    timings: { credentialsMs, connectMs, authenticateMs },
    command: (db, document) => connection.command(db, document),
    close: async () => connection.close(),
  };
}
