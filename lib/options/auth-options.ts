/** MONGODB-AWS credential options: merges a connection string with a client options object and applies the mechanism's rules. */
import { MongoAwsConfigError, type MongoAwsErrorCode } from '../errors.js';
import { Secret } from '../secret.js';
import type { AwsCredentialIdentityProvider } from '../types.js';
import { parseConnectionString, type ConnectionString } from './connection-string.js';
import { propertyField as namedProperty, splitMechanismProperties } from './mechanism-properties.js';

export const MONGODB_AWS = 'MONGODB-AWS';
export const EXTERNAL_SOURCE = '$external';

/** The MONGODB-AWS mechanism properties, as a client options object carries them. */
export interface MongoAwsMechanismProperties {
  /** Session token of temporary credentials; needs `username` and `password`. */
  readonly AWS_SESSION_TOKEN?: string;
  /** A custom provider (AWS SDK v3 shape). Only in an options object: a URI cannot carry a function. */
  readonly AWS_CREDENTIAL_PROVIDER?: AwsCredentialIdentityProvider;
}

/** Client options that bear on authentication (other keys are ignored). They win over the connection string. */
export interface MongoAwsClientOptions {
  /** AWS access key id. */
  readonly username?: string;
  /** AWS secret access key. */
  readonly password?: string;
  /** Must be `$external` (the default). */
  readonly authSource?: string;
  /** Must be `MONGODB-AWS` (the default when neither the options nor the URI name one). */
  readonly authMechanism?: string;
  /** An object, or the URI form `AWS_SESSION_TOKEN:<token>` (as PyMongo accepts). */
  readonly authMechanismProperties?: MongoAwsMechanismProperties | string;
}

/** Validated, frozen authentication options. */
export interface MongoAwsAuthOptions {
  readonly mechanism: 'MONGODB-AWS';
  readonly source: '$external';
  readonly username?: string;
  readonly password?: Secret;
  readonly sessionToken?: Secret;
  readonly credentialProvider?: AwsCredentialIdentityProvider;
}

const KNOWN_PROPERTIES = new Set(['AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_PROVIDER']);

function configError(code: MongoAwsErrorCode, message: string, field: string): MongoAwsConfigError {
  return new MongoAwsConfigError(code, message, { field });
}

function propertyField(key: string): string {
  return namedProperty('authMechanismProperties', key);
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw configError('ERR_INVALID_ARGUMENT', `${field} must be a string`, field);
  return value;
}

interface Properties {
  sessionToken?: string;
  provider?: AwsCredentialIdentityProvider;
}

function propertiesFromString(value: string, code: 'ERR_INVALID_URI' | 'ERR_INVALID_ARGUMENT'): Properties {
  const result: Properties = {};
  for (const [key, item] of splitMechanismProperties(value, 'authMechanismProperties')) {
    if (key === 'AWS_SESSION_TOKEN') result.sessionToken = item;
    else if (key === 'AWS_CREDENTIAL_PROVIDER') {
      throw configError(code, 'AWS_CREDENTIAL_PROVIDER must be a function in the client options, not a string', propertyField(key));
    } else throw configError('ERR_UNKNOWN_MECHANISM_PROPERTY', 'MONGODB-AWS does not support this mechanism property', propertyField(key));
  }
  return result;
}

function propertiesFromOptions(value: unknown): Properties {
  if (value === undefined) return {};
  if (typeof value === 'string') return propertiesFromString(value, 'ERR_INVALID_ARGUMENT');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw configError('ERR_INVALID_ARGUMENT', 'authMechanismProperties must be an object', 'authMechanismProperties');
  }
  const result: Properties = {};
  for (const key of Object.keys(value)) {
    if (!KNOWN_PROPERTIES.has(key)) {
      throw configError('ERR_UNKNOWN_MECHANISM_PROPERTY', 'MONGODB-AWS does not support this mechanism property', propertyField(key));
    }
  }
  const v = value as Record<string, unknown>;
  const token = optionalString(v['AWS_SESSION_TOKEN'], 'authMechanismProperties.AWS_SESSION_TOKEN');
  if (token !== undefined) result.sessionToken = token;
  const provider = v['AWS_CREDENTIAL_PROVIDER'];
  if (provider !== undefined) {
    if (typeof provider !== 'function') {
      throw configError('ERR_INVALID_ARGUMENT', 'AWS_CREDENTIAL_PROVIDER must be a function', 'authMechanismProperties.AWS_CREDENTIAL_PROVIDER');
    }
    result.provider = provider as AwsCredentialIdentityProvider;
  }
  return result;
}

/**
 * Resolves the MONGODB-AWS options from a connection string (string or parsed) and a client options object;
 * each option of the object wins over the URI's. Explicit credentials are accepted (PyMongo's documented
 * behaviour), as complete sets only: {username, password} or {username, password, AWS_SESSION_TOKEN}.
 * The URI's database path is not an auth source for this mechanism and is ignored.
 */
export function resolveAuthOptions(uri?: string | ConnectionString, options?: MongoAwsClientOptions): MongoAwsAuthOptions {
  const cs = typeof uri === 'string' ? parseConnectionString(uri) : uri;
  if (cs !== undefined && (typeof cs !== 'object' || cs === null || typeof cs.options !== 'object')) {
    throw configError('ERR_INVALID_ARGUMENT', 'uri must be a string or a parsed connection string', 'uri');
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw configError('ERR_INVALID_ARGUMENT', 'options must be an object', 'options');
  }
  const uriOptions = cs?.options ?? {};
  const o = (options ?? {}) as Record<string, unknown>;

  const mechanism = optionalString(o['authMechanism'], 'authMechanism') ?? uriOptions['authmechanism'] ?? MONGODB_AWS;
  if (mechanism !== MONGODB_AWS) {
    throw configError('ERR_INVALID_AUTH_MECHANISM', 'authMechanism must be MONGODB-AWS', 'authMechanism');
  }
  const source = optionalString(o['authSource'], 'authSource') ?? uriOptions['authsource'] ?? EXTERNAL_SOURCE;
  if (source !== EXTERNAL_SOURCE) {
    throw configError('ERR_INVALID_AUTH_SOURCE', 'authSource must be $external for MONGODB-AWS', 'authSource');
  }

  const uriProperties = uriOptions['authmechanismproperties'];
  const fromUri = uriProperties === undefined ? {} : propertiesFromString(uriProperties, 'ERR_INVALID_URI');
  const fromOptions = propertiesFromOptions(o['authMechanismProperties']);
  const sessionToken = fromOptions.sessionToken ?? fromUri.sessionToken;
  const credentialProvider = fromOptions.provider;

  const username = optionalString(o['username'], 'username') ?? cs?.username;
  const password = optionalString(o['password'], 'password') ?? cs?.password?.reveal();
  if (username === '') throw configError('ERR_INVALID_ARGUMENT', 'username must not be empty', 'username');
  if (username !== undefined && (password === undefined || password === '')) {
    throw configError('ERR_MISSING_PASSWORD', 'username (access key id) is set without a password (secret access key)', 'password');
  }
  if (password !== undefined && username === undefined) {
    throw configError('ERR_MISSING_USERNAME', 'password (secret access key) is set without a username (access key id)', 'username');
  }
  if (sessionToken !== undefined && username === undefined) {
    throw configError('ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS', 'AWS_SESSION_TOKEN is set without a username and password', 'authMechanismProperties.AWS_SESSION_TOKEN');
  }
  if (sessionToken === '') {
    throw configError('ERR_INVALID_ARGUMENT', 'AWS_SESSION_TOKEN must not be empty', 'authMechanismProperties.AWS_SESSION_TOKEN');
  }

  return Object.freeze({
    mechanism: MONGODB_AWS,
    source: EXTERNAL_SOURCE,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password: new Secret(password) }),
    ...(sessionToken === undefined ? {} : { sessionToken: new Secret(sessionToken) }),
    ...(credentialProvider === undefined ? {} : { credentialProvider }),
  });
}
