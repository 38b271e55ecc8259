/** Builds the cached provider both public entries return: front steps uncached, the default chain behind the cache. */
import { toIdentity } from '../credentials/identity.js';
import { runtimeFrom, type RuntimeInit } from '../runtime.js';
import type { AwsCredentialIdentity, ResolvedCredentials } from '../types.js';
import { CredentialCache, type SourcedCredentials } from './cache.js';
import { runChain } from './chain.js';
import { callCustomProvider, checkAuthOptions, explicitCredentials, type ChainAuthOptions } from './front.js';
import { checkChainOptions, defaultResolvers, defaultSteps, type DefaultChainOptions, type SourceResolvers } from './sources.js';

/** Internal hook: the cache behind a provider, for the MongoDB cache tests (read, overwrite, clear). */
export const CACHE: unique symbol = Symbol('mongodb-aws-auth.chain.cache') as never;

/** Internal hook: the sourced provider behind a public one, so the wire client can report the real source. */
export const SOURCED: unique symbol = Symbol('mongodb-aws-auth.chain.sourced') as never;

/** Options of the chain entries: the default chain's, plus the test hook. */
export type ChainInit = DefaultChainOptions & RuntimeInit;

/** A provider returning credentials with their source; `invalidate()` empties its cache. */
export interface SourcedProvider {
  (): Promise<SourcedCredentials>;
  /** Clears cached credentials: call it after an authentication failure (MongoDB spec). */
  invalidate(): void;
  readonly [CACHE]?: CredentialCache;
}

/** The AWS SDK provider shape plus `invalidate()`. */
export interface CachedCredentialProvider {
  (): Promise<AwsCredentialIdentity>;
  /** Clears cached credentials: call it after an authentication failure (MongoDB spec). */
  invalidate(): void;
}

/** The internal form, for the SASL layer: secrets stay wrapped. */
export interface ResolvedCredentialProvider {
  (): Promise<ResolvedCredentials>;
  invalidate(): void;
}

/**
 * A custom provider is called on every call and never cached (it owns its caching, as the MongoDB driver
 * expects); explicit credentials are returned as given; otherwise the default chain runs behind the cache,
 * which is consulted before the environment (MongoDB spec, cache test B).
 */
export function buildProvider(authOptions: ChainAuthOptions | undefined, init: ChainInit | undefined, resolvers: SourceResolvers = defaultResolvers): SourcedProvider {
  checkAuthOptions(authOptions);
  const custom = authOptions?.credentialProvider;
  const explicit = explicitCredentials(authOptions);
  if (!custom && !explicit) return chainProvider(init, resolvers);
  checkChainOptions(init);
  return provider(
    async () => (custom ? { credentials: await callCustomProvider(custom), source: 'custom' } : { credentials: explicit as ResolvedCredentials, source: 'explicit' }),
    { invalidate: () => {} },
    undefined,
  );
}

/** The default chain behind its cache (`fromNodeProviderChain`): a bundle of it carries no auth-option code. */
export function chainProvider(init: ChainInit | undefined, resolvers: SourceResolvers = defaultResolvers): SourcedProvider {
  const options = checkChainOptions(init);
  const runtime = runtimeFrom(init);
  const cache = new CredentialCache(runtime.now);
  const fetch = async (): Promise<SourcedCredentials> => {
    const { credentials, source } = await runChain(defaultSteps(runtime, options, resolvers));
    return { credentials, source };
  };
  return provider(() => cache.get(fetch), { invalidate: () => cache.clear() }, cache);
}

/** The public shape: plain strings for the AWS SDK and the MongoDB driver. */
export function publicProvider(inner: SourcedProvider): CachedCredentialProvider {
  return Object.defineProperty(provider(async () => toIdentity((await inner()).credentials), inner, inner[CACHE]), SOURCED, { value: inner });
}

/** The internal shape: `ResolvedCredentials`, secrets still wrapped. */
export function resolvedProvider(inner: SourcedProvider): ResolvedCredentialProvider {
  return provider(async () => (await inner()).credentials, inner, inner[CACHE]);
}

/** A provider function with `invalidate()` (forwarded to `from`) and, hidden, the cache behind it. */
function provider<T>(call: () => Promise<T>, from: { invalidate(): void }, cache: CredentialCache | undefined): { (): Promise<T>; invalidate(): void } {
  return Object.defineProperty(Object.assign(call, { invalidate: () => from.invalidate() }), CACHE, { value: cache });
}
