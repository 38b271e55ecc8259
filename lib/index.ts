/** Root entry: the credential and signing core. Imports only node:* built-ins. */
export * from './errors.js';
export { Secret } from './secret.js';
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider, CredentialSource } from './types.js';
