/** Public credential types (AWS SDK v3 shapes) and the internal, secret-wrapped form. */
import type { Secret } from './secret.js';

/** What providers return: the AWS SDK v3 `AwsCredentialIdentity` shape, read by the MongoDB driver. */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}

/** The AWS SDK v3 provider shape, accepted as `AWS_CREDENTIAL_PROVIDER` by the MongoDB driver. */
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

/** Where a set of credentials came from, in chain order. */
export type CredentialSource =
  | 'custom'
  | 'explicit'
  | 'env'
  | 'shared-credentials-file'
  | 'config-file'
  | 'assume-role'
  | 'web-identity'
  | 'sso'
  | 'process'
  | 'container'
  | 'instance-metadata';

/** Credentials as they travel inside the library: secrets wrapped, never plain strings. */
export interface ResolvedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: Secret;
  readonly sessionToken?: Secret;
  readonly expiration?: Date;
  readonly accountId?: string;
}
