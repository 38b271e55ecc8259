/** Root entry: the credential and signing core. Imports only node:* built-ins. */
export {
  MongoAwsConfigError,
  MongoAwsCredentialsError,
  MongoAwsError,
  MongoAwsHttpError,
  MongoAwsProtocolError,
  MongoAwsServerError,
} from './errors.js';
export type { MongoAwsErrorCode, MongoAwsErrorDetails, MongoAwsErrorOptions } from './errors.js';
export { Secret } from './secret.js';
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider, CredentialSource } from './types.js';
export { signRequest } from './sigv4/sign.js';
export type { SignableRequest, SignOptions, SignedRequest } from './sigv4/sign.js';
export { fromEnv } from './providers/env.js';
export type { FromEnvInit } from './providers/env.js';
export { fromContainerMetadata } from './providers/container.js';
export type { FromContainerMetadataInit, ContainerInit } from './providers/container.js';
export { fromInstanceMetadata } from './providers/imds.js';
export type { FromInstanceMetadataInit, InstanceMetadataInit } from './providers/imds.js';
export { fromTokenFile, fromWebToken } from './providers/web-identity.js';
export type { FromTokenFileInit, TokenFileInit, FromWebTokenInit, WebTokenInit } from './providers/web-identity.js';
export { fromIni } from './providers/ini.js';
export type { FromIniInit, IniInit } from './providers/ini.js';
export { fromProcess } from './providers/process.js';
export type { FromProcessInit, ProcessInit } from './providers/process.js';
export { fromSSO } from './providers/sso.js';
export type { FromSsoInit, SsoInit } from './providers/sso.js';
export { parseConnectionString } from './options/connection-string.js';
export type { ConnectionString, ConnectionStringHost } from './options/connection-string.js';
export { resolveAuthOptions } from './options/auth-options.js';
export type { MongoAwsAuthOptions, MongoAwsClientOptions, MongoAwsMechanismProperties } from './options/auth-options.js';
export { fromNodeProviderChain } from './chain/node-provider-chain.js';
export type { FromNodeProviderChainInit } from './chain/node-provider-chain.js';
export { createCredentialProvider } from './chain/mongodb.js';
export { resolveCredentials } from './chain/resolve.js';
export type { ResolveCredentialsOptions, ResolvedCredentialsReport } from './chain/resolve.js';
export type { CachedCredentialProvider, ChainInit } from './chain/provider.js';
export type { ChainAttempt, ChainStepName } from './chain/chain.js';
export type { ChainAuthOptions } from './chain/front.js';
export type { DefaultChainOptions } from './chain/sources.js';
