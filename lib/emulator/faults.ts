/** Fault knobs for the emulated AWS endpoints: latency, forced status, malformed body, dropped connection, expired credentials. */
import { MongoAwsConfigError } from '../errors.js';

export type AwsServerName = 'sts' | 'imds' | 'ecs' | 'sso';

export interface FaultSpec {
  /** Delay before answering (or before dropping the connection). */
  readonly latencyMs?: number;
  /** Answer with this status and the server's usual error document instead of running the handler. */
  readonly status?: number;
  /** Error code put in that error document (STS `<Code>`, ECS `Code`, SSO `x-amzn-errortype`); a default per status otherwise. */
  readonly code?: string;
  /** Keep the status but send a truncated body (unparseable XML/JSON). */
  readonly malformedBody?: boolean;
  /** Destroy the socket without answering. */
  readonly closeConnection?: boolean;
  /** Credentials issued while this fault is active are already expired. */
  readonly expiredCredentials?: boolean;
  /** Number of matching requests the fault applies to; undefined: every request until cleared. */
  readonly times?: number;
  /** Only requests whose path (without query) starts with this prefix. */
  readonly path?: string;
}

/** The combined effect of every fault matching one request. */
export interface ActiveFault {
  readonly latencyMs: number;
  readonly status?: number;
  readonly code?: string;
  readonly malformedBody: boolean;
  readonly closeConnection: boolean;
  readonly expiredCredentials: boolean;
}

interface Slot {
  readonly spec: FaultSpec;
  remaining: number;
}

const NAMES: readonly AwsServerName[] = ['sts', 'imds', 'ecs', 'sso'];

export class AwsFaults {
  readonly #slots = new Map<AwsServerName, Slot[]>();

  /** Replaces every fault of `server` with this one. */
  set(server: AwsServerName, spec: FaultSpec): void {
    this.#slots.set(checkServer(server), [slot(spec)]);
  }

  /** Adds a fault to `server`, keeping the others (their effects combine; the first status wins). */
  add(server: AwsServerName, spec: FaultSpec): void {
    const list = this.#slots.get(checkServer(server)) ?? [];
    list.push(slot(spec));
    this.#slots.set(server, list);
  }

  /** Removes the faults of one server, or of all. */
  clear(server?: AwsServerName): void {
    if (server === undefined) this.#slots.clear();
    else this.#slots.delete(checkServer(server));
  }

  /** Faults still armed for `server`. */
  active(server: AwsServerName): readonly FaultSpec[] {
    return (this.#slots.get(server) ?? []).map((s) => s.spec);
  }

  /** Consumes one use of every fault of `server` matching `path`, returning their combined effect. */
  take(server: AwsServerName, path: string): ActiveFault {
    const list = this.#slots.get(server) ?? [];
    let latencyMs = 0;
    let status: number | undefined;
    let code: string | undefined;
    let malformedBody = false;
    let closeConnection = false;
    let expiredCredentials = false;
    for (const entry of list) {
      const { spec } = entry;
      if (spec.path !== undefined && !path.startsWith(spec.path)) continue;
      entry.remaining -= 1;
      latencyMs += spec.latencyMs ?? 0;
      if (status === undefined && spec.status !== undefined) {
        status = spec.status;
        code = spec.code;
      }
      malformedBody ||= spec.malformedBody === true;
      closeConnection ||= spec.closeConnection === true;
      expiredCredentials ||= spec.expiredCredentials === true;
    }
    this.#slots.set(server, list.filter((s) => s.remaining > 0));
    return {
      latencyMs,
      ...(status === undefined ? {} : { status }),
      ...(code === undefined ? {} : { code }),
      malformedBody,
      closeConnection,
      expiredCredentials,
    };
  }
}

function slot(spec: FaultSpec): Slot {
  const { latencyMs, status, times } = spec;
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) throw invalid('latencyMs');
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599)) throw invalid('status');
  if (times !== undefined && !(Number.isInteger(times) && times >= 1)) throw invalid('times');
  return { spec: { ...spec }, remaining: times ?? Number.POSITIVE_INFINITY };
}

function checkServer(server: AwsServerName): AwsServerName {
  if (!NAMES.includes(server)) throw invalid('server');
  return server;
}

function invalid(field: string): MongoAwsConfigError {
  return new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `emulator fault: ${field} is not valid`, { field });
}
