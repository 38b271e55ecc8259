/** `resolveCredentials`: one uncached walk of the whole chain, reporting every source tried (what the CLI prints). */
import { toIdentity } from '../credentials/identity.js';
import { runtimeFrom } from '../runtime.js';
import type { AwsCredentialIdentity, CredentialSource } from '../types.js';
import { runChain, type ChainAttempt } from './chain.js';
import { checkAuthOptions, frontSteps, type ChainAuthOptions } from './front.js';
import type { ChainInit } from './provider.js';
import { checkChainOptions, defaultResolvers, defaultSteps, type SourceResolvers } from './sources.js';

export interface ResolveCredentialsOptions extends ChainInit {
  /** Validated auth options: a custom provider or explicit credentials go in front of the default chain. */
  readonly authOptions?: ChainAuthOptions;
}

export interface ResolvedCredentialsReport {
  readonly credentials: AwsCredentialIdentity;
  readonly source: CredentialSource;
  /** Each source in chain order up to the one used; reasons are fixed texts or error codes, never secrets. */
  readonly attempts: readonly ChainAttempt[];
}

/**
 * Walks custom provider → explicit credentials → env → profile → web identity → container → instance metadata,
 * without any cache. Throws the first configured-but-broken source's error, or ERR_CREDENTIALS_NOT_FOUND whose
 * message lists every source with its outcome.
 */
export function resolveCredentials(options: ResolveCredentialsOptions = {}): Promise<ResolvedCredentialsReport> {
  return resolveCredentialsWith(options, defaultResolvers);
}

/** @internal `resolveCredentials` over replaceable source resolvers (tests). */
export async function resolveCredentialsWith(options: ResolveCredentialsOptions, resolvers: SourceResolvers): Promise<ResolvedCredentialsReport> {
  const chainOptions = checkChainOptions(options);
  checkAuthOptions(options.authOptions);
  const runtime = runtimeFrom(options);
  const result = await runChain([...frontSteps(options.authOptions), ...defaultSteps(runtime, chainOptions, resolvers)]);
  return { credentials: toIdentity(result.credentials), source: result.source, attempts: result.attempts };
}
