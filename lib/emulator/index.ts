/** The `./emulator` entry: AWS endpoints and a MONGODB-AWS mongod on loopback, sharing one identity registry. */
import { randomBytes } from 'node:crypto';
import { MongoAwsConfigError } from '../errors.js';
import { startAwsEmulator, type AwsEmulator, type AwsEmulatorOptions } from './aws.js';
import { startMongod, type MongodFaults, type RunningMongod } from './mongod.js';
import type { IdentityRegistry } from './registry.js';

export { startAwsEmulator, type AwsEmulator, type AwsEmulatorOptions } from './aws.js';
export { startMongod, type AuthEvent, type MongodConnections, type MongodFaults, type MongodOptions, type RunningMongod } from './mongod.js';
export { AWS_MECHANISM, DEFAULT_STS_HOST, userNameFromArn } from './mongod-auth.js';
export { MAX_WIRE_VERSION, MIN_WIRE_VERSION } from './mongod-commands.js';
export { AwsFaults, type AwsServerName, type FaultSpec } from './faults.js';
export {
  DEFAULT_ACCOUNT,
  IdentityRegistry,
  type AddUserInit,
  type EmulatedIdentity,
  type EmulatedRole,
  type IssueOptions,
  type RegistryInit,
  type TemporaryCredentials,
} from './registry.js';

export interface EmulatorOptions extends AwsEmulatorOptions {
  /** The `h` the mongod sends in server-first; default `sts.amazonaws.com`. */
  readonly stsHost?: string;
  /** The mongod's fault knobs (mutable while running through `mongod.faults`). */
  readonly mongodFaults?: MongodFaults;
  /** Roles connectionStatus reports for authenticated users; default none. */
  readonly roles?: readonly { readonly role: string; readonly db: string }[];
}

/** Environment variables that point an AWS client at one credential source of the emulator. */
export type EmulatorEnvKind = 'static' | 'session' | 'container' | 'imds';

export interface Emulator {
  readonly registry: IdentityRegistry;
  readonly aws: AwsEmulator;
  readonly mongod: RunningMongod;
  /** `mongodb://127.0.0.1:PORT/?authMechanism=MONGODB-AWS&authSource=%24external&directConnection=true` */
  readonly uri: string;
  /**
   * - `static`: a new IAM user's AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (user ARN `arn:aws:iam::ACCOUNT:user/…`).
   * - `session`: temporary credentials of a new assumed role, with AWS_SESSION_TOKEN.
   * - `container`: AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN (task role).
   * - `imds`: AWS_EC2_METADATA_SERVICE_ENDPOINT (instance role).
   */
  env(kind: EmulatorEnvKind): Record<string, string>;
  /**
   * A role trusting a fresh web identity token. Write `token` to `tokenFile`, then use `env`
   * (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME, AWS_ENDPOINT_URL_STS, AWS_REGION).
   */
  webIdentity(tokenFile: string, roleName?: string): { readonly roleArn: string; readonly token: string; readonly env: Record<string, string> };
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const aws = await startAwsEmulator(options);
  const { registry } = aws;
  let mongod: RunningMongod;
  try {
    mongod = await startMongod({
      registry,
      ...(options.stsHost === undefined ? {} : { stsHost: options.stsHost }),
      ...(options.mongodFaults === undefined ? {} : { faults: options.mongodFaults }),
      ...(options.roles === undefined ? {} : { roles: options.roles }),
    });
  } catch (error) {
    await aws.close();
    throw error;
  }
  let roles = 0;
  const newRole = (name: string, trustedWebIdentityToken?: string): string =>
    registry.addRole({
      roleArn: `arn:aws:iam::${registry.account}:role/${name}-${++roles}`,
      ...(trustedWebIdentityToken === undefined ? {} : { trustedWebIdentityToken }),
    }).roleArn;

  return {
    registry,
    aws,
    mongod,
    uri: `${mongod.uri}?authMechanism=MONGODB-AWS&authSource=%24external&directConnection=true`,
    env(kind) {
      switch (kind) {
        case 'static': {
          const user = registry.addUser();
          return { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey };
        }
        case 'session': {
          const creds = registry.issueTemporary(newRole('emulator-session-role'));
          return { AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken };
        }
        case 'container':
          return { AWS_CONTAINER_CREDENTIALS_FULL_URI: aws.ecs.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN: aws.ecs.authorizationToken };
        case 'imds':
          return { AWS_EC2_METADATA_SERVICE_ENDPOINT: aws.imds.url };
        default:
          throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'emulator env: kind is not valid', { field: 'kind' });
      }
    },
    webIdentity(tokenFile, roleName = 'emulator-web-identity-role') {
      const token = randomBytes(24).toString('base64url');
      const roleArn = newRole(roleName, token);
      return {
        roleArn,
        token,
        env: {
          AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
          AWS_ROLE_ARN: roleArn,
          AWS_ROLE_SESSION_NAME: 'emulator-web-identity',
          AWS_ENDPOINT_URL_STS: aws.sts.url,
          AWS_REGION: 'us-east-1',
        },
      };
    },
    close: async () => {
      await Promise.all([mongod.close(), aws.close()]);
    },
  };
}
