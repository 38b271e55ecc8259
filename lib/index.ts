/** Root entry: the credential and signing core. Imports only node:* built-ins. */
export * from './errors.js';
export { Secret } from './secret.js';
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider, CredentialSource } from './types.js';
export { parseConnectionString } from './options/connection-string.js';
export type { ConnectionString, ConnectionStringHost } from './options/connection-string.js';
export { resolveAuthOptions } from './options/auth-options.js';
export type { MongoAwsAuthOptions, MongoAwsClientOptions, MongoAwsMechanismProperties } from './options/auth-options.js';
