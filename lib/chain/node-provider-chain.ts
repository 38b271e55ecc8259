/** `fromNodeProviderChain`: a drop-in for the `@aws-sdk/credential-providers` export the MongoDB Node driver calls. */
import { chainProvider, publicProvider, type CachedCredentialProvider, type ChainInit } from './provider.js';

export type FromNodeProviderChainInit = ChainInit;

/**
 * The default credential chain (env → profile → web identity from env → container → instance metadata), memoized:
 * temporary credentials are reused until 5 minutes before they expire, concurrent callers share one fetch, env
 * credentials are re-read on every call and never memoized. `invalidate()` forgets the cached credentials.
 *
 * Accepts what MongoDB Node driver 7 passes: nothing, or `{ clientConfig: { region } }`; `profile` selects a profile.
 */
export function fromNodeProviderChain(init?: FromNodeProviderChainInit): CachedCredentialProvider {
  return publicProvider(chainProvider(init));
}
