/** Validation of the parameters both STS role calls share. Pure. */
import { MongoAwsConfigError } from '../errors.js';

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:[^:\s]+:[^:\s]+:[^:\s]*:[^:\s]*:[!-~]+$/;

/** `mongodb-aws-auth-<epoch ms>`: unique per call, within STS's 64-character limit. */
export function defaultSessionName(nowMs: number): string {
  return `mongodb-aws-auth-${Math.trunc(nowMs)}`;
}

export function checkRoleArn(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length > 2048 || !ROLE_ARN.test(value)) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be a role ARN (arn:<partition>:iam::<account>:role/<name>)`, { field });
  }
  return value;
}

export function checkSessionName(value: unknown, field: string): string {
  if (typeof value !== 'string' || !SESSION_NAME.test(value)) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be 2 to 64 characters of letters, digits and +=,.@_-`, { field });
  }
  return value;
}

export function checkDurationSeconds(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 900 || value > 43_200) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be an integer number of seconds between 900 and 43200`, { field });
  }
  return value;
}
