/** Validation of the parameters both STS role calls share, and the one error helper of the STS files. Pure. */
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

/**
 * `RoleArn`, `RoleSessionName`, then `extra()` (called once these are valid), then `DurationSeconds`. Errors name
 * the option (`roleArn`), or with `profileKeys` the profile key (`role_arn`).
 */
export function roleParams(params: RoleParams, now: number, profileKeys: boolean, extra: () => StsParam[]): StsParam[] {
  const name = (option: string): string => (profileKeys ? option.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : option);
  const { roleArn, roleSessionName = `mongodb-aws-auth-${Math.trunc(now)}`, durationSeconds } = params;
  if (typeof roleArn !== 'string' || roleArn.length > 2048 || !/^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:[!-~]+$/.test(roleArn)) {
    invalid(name('roleArn'), 'must be a role ARN');
  }
  if (typeof roleSessionName !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(roleSessionName)) invalid(name('roleSessionName'), 'must be 2-64 of [\\w+=,.@-]');
  if (durationSeconds !== undefined && !(Number.isInteger(durationSeconds) && durationSeconds >= 900 && durationSeconds <= 43_200)) {
    invalid(name('durationSeconds'), 'must be an integer 900-43200');
  }
  return [['RoleArn', roleArn], ['RoleSessionName', roleSessionName], ...extra(), ['DurationSeconds', durationSeconds?.toString()]];
}
