/** The MongoDB entry: the credential provider for one client, from its validated MONGODB-AWS auth options. */
import type { ChainAuthOptions } from './front.js';
import { buildProvider, publicProvider, resolvedProvider, type CachedCredentialProvider, type ChainInit, type ResolvedCredentialProvider } from './provider.js';

/**
 * Order: the custom provider (`AWS_CREDENTIAL_PROVIDER`, called every time, its errors wrapped as
 * ERR_CUSTOM_PROVIDER, a malformed result ERR_INVALID_ARGUMENT), else explicit credentials (username, password,
 * AWS_SESSION_TOKEN), else the cached default chain of `fromNodeProviderChain`. Call `invalidate()` after an
 * authentication failure.
 */
export function createCredentialProvider(authOptions?: ChainAuthOptions, init?: ChainInit): CachedCredentialProvider {
  return publicProvider(buildProvider(authOptions, init));
}

/** @internal The same provider with secrets still wrapped, for the SASL conversation. */
export function createResolvedCredentialProvider(authOptions?: ChainAuthOptions, init?: ChainInit): ResolvedCredentialProvider {
  return resolvedProvider(buildProvider(authOptions, init));
}
