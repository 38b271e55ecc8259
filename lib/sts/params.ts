/** The parameters both STS role calls share, and the one error helper of the STS files. Pure. */
import { MongoAwsConfigError, type MongoAwsErrorCode, type MongoAwsErrorOptions } from '../errors.js';

/** One form parameter; `undefined` values are left out of the body. */
export type StsParam = readonly [string, string | undefined];

export interface RoleParams {
  readonly roleArn: string;
  /** Default `mongodb-aws-auth-<epoch ms>`: unique per call, within STS's 64-character limit. */
  readonly roleSessionName?: string | undefined;
  /** 900–43200; sent only when set (STS default: 1 h). */
  readonly durationSeconds?: number | undefined;
}

/** Throws a MongoAwsConfigError naming `field` (never its value); `source` only for errors of a credential source. */
export function invalid(field: string, what: string, code: MongoAwsErrorCode = 'ERR_INVALID_ARGUMENT', source?: string): never {
  throw new MongoAwsConfigError(code, `${field} ${what}`, { field, source } as MongoAwsErrorOptions);
}
