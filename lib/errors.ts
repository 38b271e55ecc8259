/** Typed errors with stable codes; a message names the field at fault, never its value. */

/** Every code this library throws. Stable across releases: switch on it, not on messages. */
export type MongoAwsErrorCode =
  // configuration and input (MongoAwsConfigError)
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_INVALID_URI'
  | 'ERR_MISSING_PASSWORD'
  | 'ERR_MISSING_USERNAME'
  | 'ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS'
  | 'ERR_INVALID_AUTH_SOURCE'
  | 'ERR_INVALID_AUTH_MECHANISM'
  | 'ERR_UNKNOWN_MECHANISM_PROPERTY'
  | 'ERR_INVALID_PROFILE_FILE'
  | 'ERR_PROFILE_NOT_FOUND'
  | 'ERR_INVALID_PROFILE'
  | 'ERR_PROFILE_CYCLE'
  | 'ERR_INVALID_ENDPOINT'
  | 'ERR_UNSAFE_HEADER'
  | 'ERR_FILE_TOO_LARGE'
  | 'ERR_FILE_READ'
  // credential resolution (MongoAwsCredentialsError)
  | 'ERR_CREDENTIALS_NOT_FOUND'
  | 'ERR_PARTIAL_CREDENTIALS'
  | 'ERR_CREDENTIALS_EXPIRED'
  | 'ERR_INVALID_CREDENTIALS_RESPONSE'
  | 'ERR_STS_ERROR'
  | 'ERR_PROCESS_FAILED'
  | 'ERR_SSO_TOKEN'
  | 'ERR_IMDS_TOKEN'
  | 'ERR_IMDS_DISABLED'
  | 'ERR_CUSTOM_PROVIDER'
  // HTTP (MongoAwsHttpError)
  | 'ERR_HTTP_TIMEOUT'
  | 'ERR_HTTP_CONNECTION'
  | 'ERR_HTTP_STATUS'
  | 'ERR_HTTP_BODY_TOO_LARGE'
  | 'ERR_HTTP_MALFORMED'
  // SASL conversation and signing (MongoAwsProtocolError)
  | 'ERR_INVALID_SERVER_NONCE'
  | 'ERR_INVALID_STS_HOST'
  | 'ERR_INVALID_SASL_PAYLOAD'
  | 'ERR_SASL_CONVERSATION'
  | 'ERR_INVALID_SIGNING_INPUT'
  // MongoDB server and wire (MongoAwsServerError)
  | 'ERR_AUTHENTICATION_FAILED'
  | 'ERR_SERVER_COMMAND'
  | 'ERR_CONNECTION'
  | 'ERR_TIMEOUT'
  | 'ERR_WIRE_PROTOCOL'
  | 'ERR_DNS';

const BRAND = Symbol.for('mongodb-aws-auth.error');

type Fields = Record<string, unknown>;

/** Safe, non-secret context an error may carry. Never values of secrets, headers or bodies. */
export interface MongoAwsErrorDetails {
  /** The option, variable, profile key or payload field at fault. */
  readonly field?: string;
  /** HTTP status of a failed response. */
  readonly status?: number;
  /** Error code returned by an AWS service (e.g. `AccessDenied`) or a MongoDB server code name. */
  readonly remoteCode?: string;
  /** Numeric MongoDB server error code (18 = AuthenticationFailed). */
  readonly serverCode?: number;
  /** The credential source that failed. */
  readonly source?: string;
}

export interface MongoAwsErrorOptions extends MongoAwsErrorDetails {
  /** Only errors known to be secret-free (Node system errors, our own errors). Never JSON.parse errors. */
  readonly cause?: unknown;
}

/**
 * Base class. Recognisable across two bundled copies through a `Symbol.for` brand. Each class names itself with a
 * prototype getter, spelled out: a minifier renames classes (so `constructor.name` would lie in bundles), and a
 * getter, unlike an assignment after the class, lets a bundler drop the classes a bundle never uses.
 */
export class MongoAwsError extends Error {
  // `declare`: no class-field initialisers, so absent details stay absent (and the bundle stays small).
  declare readonly code: MongoAwsErrorCode;
  declare readonly field?: string;
  declare readonly status?: number;
  declare readonly remoteCode?: string;
  declare readonly serverCode?: number;
  declare readonly source?: string;

  constructor(code: MongoAwsErrorCode, message: string, options: MongoAwsErrorOptions = {}) {
    // Error installs `cause` (non-enumerable) when the options carry one; the loop then only reassigns it.
    super(message, options);
    for (const key in options) {
      if ((options as Fields)[key] !== undefined) (this as Fields)[key] = (options as Fields)[key];
    }
    this.code = code;
  }

  /** The brand, on the prototype: inherited by every instance, never an own (enumerable) property. */
  get [BRAND](): boolean {
    return true;
  }

  override get name(): string {
    return 'MongoAwsError';
  }

  /** True for errors thrown by any copy of this library. */
  static isMongoAwsError(value: unknown): value is MongoAwsError {
    return (value as Record<symbol, unknown> | null)?.[BRAND] === true;
  }
}

/** Bad options, connection strings, profiles, files or endpoints: fix the configuration. */
export class MongoAwsConfigError extends MongoAwsError {
  override get name(): string {
    return 'MongoAwsConfigError';
  }
}
/** A credential source was found but could not produce credentials. */
export class MongoAwsCredentialsError extends MongoAwsError {
  override get name(): string {
    return 'MongoAwsCredentialsError';
  }
}
/** An HTTP exchange with STS, IMDS, ECS or SSO failed. */
export class MongoAwsHttpError extends MongoAwsError {
  override get name(): string {
    return 'MongoAwsHttpError';
  }
}
/** The SASL conversation or signing input broke a protocol rule. */
export class MongoAwsProtocolError extends MongoAwsError {
  override get name(): string {
    return 'MongoAwsProtocolError';
  }
}
/** The MongoDB server refused, or the connection to it failed. */
export class MongoAwsServerError extends MongoAwsError {
  override get name(): string {
    return 'MongoAwsServerError';
  }
}

/** Unless `ok`: ERR_INVALID_ARGUMENT naming `field` (never its value). The one check for an argument of the wrong shape. */
export function checkArgument(ok: unknown, field: string): asserts ok {
  if (!ok) throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `invalid ${field}`, { field });
}

/** Message of an unknown thrown value, for wrapping errors we did not create; never used on secrets. */
export function describeCause(error: unknown): string {
  if (MongoAwsError.isMongoAwsError(error)) return error.code;
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    return (error as NodeJS.ErrnoException).code as string;
  }
  return 'unknown error';
}
