/** `mongodb-aws-auth ping <uri>`: authenticate with MONGODB-AWS, run ping and connectionStatus, report user, source, timings. */
import { connect, type MongoAwsConnection } from '../client/connect.js';
import { MongoAwsServerError } from '../errors.js';
import { RUNTIME, type RuntimeInit } from '../runtime.js';
import { EXIT_OK, roundMs, type Output } from './format.js';

export interface PingArgs {
  readonly json: boolean;
  readonly uri: string;
  readonly profile?: string;
  readonly timeoutMs: number;
}

/** The `--json` shape. `totalMs` is the whole command: connect, authenticate, ping and connectionStatus. */
export interface PingJson {
  readonly ok: true;
  readonly user: string;
  readonly source: string;
  readonly timings: { readonly credentialsMs: number; readonly connectMs: number; readonly authenticateMs: number; readonly totalMs: number };
}

/** `authInfo.authenticatedUsers[0].user` of a connectionStatus reply; ERR_SERVER_COMMAND when absent. */
export function authenticatedUser(status: Readonly<Record<string, unknown>>): string {
  const authInfo = status['authInfo'] as { authenticatedUsers?: unknown } | undefined;
  const users = typeof authInfo === 'object' && authInfo !== null ? authInfo.authenticatedUsers : undefined;
  const first: unknown = Array.isArray(users) ? users[0] : undefined;
  const user = typeof first === 'object' && first !== null ? (first as { user?: unknown }).user : undefined;
  if (typeof user !== 'string' || user === '') {
    throw new MongoAwsServerError('ERR_SERVER_COMMAND', 'connectionStatus reports no authenticated user', { field: 'authInfo.authenticatedUsers' });
  }
  return user;
}

/** Runs ping and connectionStatus on an authenticated connection (a reply with ok: 0 throws); returns the user. */
export async function pingAndWhoAmI(connection: MongoAwsConnection): Promise<string> {
  await connection.command('admin', { ping: 1 });
  return authenticatedUser(await connection.command('admin', { connectionStatus: 1 }));
}

export async function runPing(args: PingArgs, output: Output, init: RuntimeInit): Promise<number> {
  const override = init[RUNTIME];
  const start = performance.now();
  const connection = await connect(args.uri, {
    connectTimeoutMS: args.timeoutMs,
    commandTimeoutMS: args.timeoutMs,
    ...(args.profile === undefined ? {} : { profile: args.profile }),
    ...(override === undefined ? {} : { [RUNTIME]: override }),
  });
  let user: string;
  try {
    user = await pingAndWhoAmI(connection);
  } finally {
    await connection.close();
  }
  const { credentialsMs, connectMs, authenticateMs } = connection.timings;
  const view: PingJson = {
    ok: true,
    user,
    source: connection.source,
    timings: { credentialsMs: roundMs(credentialsMs), connectMs: roundMs(connectMs), authenticateMs: roundMs(authenticateMs), totalMs: roundMs(performance.now() - start) },
  };
  if (args.json) {
    output.out(JSON.stringify(view));
  } else {
    const t = view.timings;
    output.out(`ok: authenticated to ${connection.host}:${connection.port} with MONGODB-AWS`);
    output.out(`user:            ${view.user}`);
    output.out(`credentials:     ${view.source}`);
    output.out(`timings (ms):    credentials ${t.credentialsMs.toFixed(1)}, connect ${t.connectMs.toFixed(1)}, authenticate ${t.authenticateMs.toFixed(1)}, total ${t.totalMs.toFixed(1)}`);
  }
  return EXIT_OK;
}
