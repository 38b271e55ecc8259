/** The credential cache: reuse until 5 minutes before expiry, one shared refresh, env credentials never stored. */
import type { CredentialSource, ResolvedCredentials } from '../types.js';

/** Cached credentials are refreshed once fewer than this many milliseconds remain (MongoDB spec, JS SDK). */
export const REFRESH_WINDOW_MS = 5 * 60_000;
/** After a refresh fails while the cached credentials are still valid, they are served for this long before the next attempt. */
export const RETRY_COOLDOWN_MS = 30_000;

/** What the cache holds and hands out: credentials and the source that produced them. */
export interface SourcedCredentials {
  readonly credentials: ResolvedCredentials;
  readonly source: CredentialSource;
}

/** Milliseconds left before the entry expires; Infinity without an expiration. */
const left = (entry: SourcedCredentials, now: number): number => (entry.credentials.expiration?.getTime() ?? Infinity) - now;

/** Usable without a refresh: no expiry, or more than the refresh window left. */
export const isFresh = (entry: SourcedCredentials, now: number): boolean => left(entry, now) > REFRESH_WINDOW_MS;

/** Not yet expired (possibly inside the refresh window). */
export const isValid = (entry: SourcedCredentials, now: number): boolean => left(entry, now) > 0;

/**
 * One cache per provider. Reads never wait while the entry is fresh; callers that find it stale or empty share
 * a single in-flight fetch (no lock: nothing else is serialised behind it). Each write replaces the whole entry
 * in one assignment. Credentials without an expiration from a cacheable source (static profile keys, a
 * credential_process result without Expiration) never expire and are kept until `clear()`.
 */
export class CredentialCache {
  #entry: SourcedCredentials | undefined;
  #inflight: Promise<SourcedCredentials> | undefined;
  #generation = 0;
  #retryAfter = 0;
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The stored entry, fresh or not. */
  peek(): SourcedCredentials | undefined {
    return this.#entry;
  }

  /** Replaces the entry. For tests that overwrite or poison the cache (MongoDB cache tests A and B). */
  set(entry: SourcedCredentials | undefined): void {
    this.#entry = entry;
    this.#retryAfter = 0;
  }

  /** Forgets the entry and detaches any fetch in flight, whose result will then not be stored. */
  clear(): void {
    this.set(undefined);
    this.#inflight = undefined;
    this.#generation++;
  }

  /** The cached entry while fresh; otherwise the result of `fetch`, shared with every concurrent caller. */
  get(fetch: () => Promise<SourcedCredentials>): Promise<SourcedCredentials> {
    const now = this.#now();
    const entry = this.#entry;
    if (entry !== undefined && (isFresh(entry, now) || (now < this.#retryAfter && isValid(entry, now)))) {
      return Promise.resolve(entry);
    }
    if (this.#inflight !== undefined) return this.#inflight;
    const promise: Promise<SourcedCredentials> = this.#fetch(fetch).finally(() => {
      if (this.#inflight === promise) this.#inflight = undefined;
    });
    return (this.#inflight = promise);
  }

  async #fetch(fetch: () => Promise<SourcedCredentials>): Promise<SourcedCredentials> {
    // A clear() in the meantime starts a new generation: this fetch then stores nothing.
    const generation = this.#generation;
    try {
      const result = await fetch();
      // Env credentials are never stored (the MongoDB spec: rotated variables are picked up on every
      // authentication), and they replace whatever stale entry was there.
      if (generation === this.#generation) this.set(result.source === 'env' ? undefined : result);
      return result;
    } catch (error) {
      const entry = this.#entry;
      const now = this.#now();
      if (generation === this.#generation && entry !== undefined && isValid(entry, now)) {
        // A failed refresh inside the window keeps the still-valid credentials (and waits before retrying).
        this.#retryAfter = now + RETRY_COOLDOWN_MS;
        return entry;
      }
      throw error;
    }
  }
}
