/** Fake sources and a fake MONGODB-AWS server for the chain tests: the real env resolver, scripted remote sources. */
import type { SourcedCredentials } from '../../lib/chain/cache.js';
import type { SourceResolvers } from '../../lib/chain/sources.js';
import { resolveEnv } from '../../lib/providers/env.js';
import { RUNTIME, type Env, type RuntimeInit } from '../../lib/runtime.js';
import { Secret } from '../../lib/secret.js';
import type { AwsCredentialIdentity, ResolvedCredentials } from '../../lib/types.js';

export const T0 = Date.UTC(2024, 5, 1, 8, 0, 0);
export const MINUTE = 60_000;

/** A mutable environment and clock behind a runtime override. */
export class World {
  env: Record<string, string> = {};
  now = T0;
  init(): RuntimeInit {
    return { [RUNTIME]: { env: (): Env => ({ ...this.env }), now: () => this.now } };
  }
}

/** An instance-metadata stand-in issuing fresh temporary credentials (1 h) on every call. */
export class FakeImds {
  calls = 0;
  failWith: Error | undefined;
  readonly issued = new Set<string>();
  readonly #world: World;
  constructor(world: World) {
    this.#world = world;
  }
  fetch = async (): Promise<ResolvedCredentials | undefined> => {
    this.calls++;
    if (this.failWith !== undefined) throw this.failWith;
    const accessKeyId = `ASIAIMDS${this.calls}`;
    this.issued.add(accessKeyId);
    return { accessKeyId, secretAccessKey: new Secret(`imds-secret-${this.calls}`), sessionToken: new Secret(`imds-token-${this.calls}`), expiration: new Date(this.#world.now + 60 * MINUTE) };
  };
}

const nothing = async (): Promise<undefined> => undefined;

/** Real env resolver, no profile, no web identity, no container; instance metadata from `imds`. */
export function resolvers(imds: FakeImds, overrides: Partial<SourceResolvers> = {}): SourceResolvers {
  return {
    env: (runtime) => resolveEnv(runtime),
    profile: nothing,
    webIdentity: nothing,
    container: nothing,
    instanceMetadata: () => imds.fetch(),
    ...overrides,
  };
}

/** A MONGODB-AWS server stand-in: accepts keys it was told are valid. */
export class FakeServer {
  readonly valid = new Set<string>();
  authentications = 0;
}

/** What the MongoDB driver does per connection: get credentials, authenticate, clear the cache on failure. */
export async function find(server: FakeServer, provider: { (): Promise<AwsCredentialIdentity | SourcedCredentials>; invalidate(): void }): Promise<void> {
  const value = await provider();
  const accessKeyId = 'credentials' in value ? value.credentials.accessKeyId : value.accessKeyId;
  server.authentications++;
  if (!server.valid.has(accessKeyId)) {
    provider.invalidate();
    throw new Error('AuthenticationFailed');
  }
}
