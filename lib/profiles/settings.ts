/** Reading profile keys (empty values count as unset) and the typed errors that name a key, never its value. */
import { MongoAwsConfigError, MongoAwsCredentialsError, type MongoAwsErrorCode } from '../errors.js';
import { Secret } from '../secret.js';
import { NAMED_SOURCES, type AssumeRoleStep, type NamedSource, type ProcessStep, type StaticStep } from './steps.js';

export type Profile = Readonly<Record<string, string>>;

const ID = 'aws_access_key_id';
const SECRET = 'aws_secret_access_key';
const ACCOUNT_ID = 'aws_account_id';
export const COMMAND = 'credential_process';
export const CREDENTIAL_SOURCE = 'credential_source';
export const SESSION_NAME = 'role_session_name';
export const MISSING = 'is missing';
export const INVALID = 'is invalid';

/** The value of `key`, or undefined when the profile is absent or the key absent or empty. */
export function setting(profile: Profile | undefined, key: string): string | undefined {
  return (profile && Object.hasOwn(profile, key) && profile[key]) || undefined;
}

/** The keys of `names` whose profile key is set: `settings(p, { accountId: 'aws_account_id' })` → `{ accountId? }`. */
export function settings<K extends string>(profile: Profile, names: Record<K, string>): { [P in K]?: string } {
  const found: { [P in K]?: string } = {};
  for (const name in names) {
    const value = setting(profile, names[name]);
    if (value) found[name] = value;
  }
  return found;
}

/** `profile "NAME": FIELD PROBLEM`. Profile names come from the user's own files; quoting keeps odd characters readable. */
export function profileMessage(name: string, field: string, problem: string): string {
  return `profile ${JSON.stringify(name)}: ${field} ${problem}`;
}

/** A configuration error naming `field`; ERR_INVALID_PROFILE unless `code` says otherwise. */
export function configError(field: string, message: string, code: MongoAwsErrorCode = 'ERR_INVALID_PROFILE'): MongoAwsConfigError {
  return new MongoAwsConfigError(code, message, { field });
}

/** A configuration error of profile `name` naming `field`. */
export function profileError(name: string, field: string, problem: string, code?: MongoAwsErrorCode): MongoAwsConfigError {
  return configError(field, profileMessage(name, field, problem), code);
}

/** ERR_PROFILE_NOT_FOUND: `field` of profile `name` names a profile that exists in neither file. */
export function notFound(name: string, field: string): MongoAwsConfigError {
  return profileError(name, field, 'names a missing profile', 'ERR_PROFILE_NOT_FOUND');
}

/** How many of aws_access_key_id and aws_secret_access_key are set: 2 = static keys, 1 = partial keys. */
export function keyCount(profile: Profile | undefined): number {
  return [ID, SECRET].filter((key) => setting(profile, key)).length;
}

/** The credential source a file stands for. */
export function fileSource(file: 'credentials' | 'config'): 'shared-credentials-file' | 'config-file' {
  return file === 'config' ? 'config-file' : 'shared-credentials-file';
}

/** Static keys of a profile; with only one of the two keys, ERR_PARTIAL_CREDENTIALS naming the missing one. */
export function staticStep(name: string, profile: Profile, credentialsFile: Profile | undefined): StaticStep {
  const accessKeyId = setting(profile, ID);
  const secret = setting(profile, SECRET);
  if (!accessKeyId || !secret) {
    const field = accessKeyId ? SECRET : ID;
    throw new MongoAwsCredentialsError('ERR_PARTIAL_CREDENTIALS', profileMessage(name, field, MISSING), {
      field,
      source: fileSource(keyCount(credentialsFile) ? 'credentials' : 'config'),
    });
  }
  // botocore reads the legacy aws_security_token first.
  const token = setting(profile, 'aws_security_token') ?? setting(profile, 'aws_session_token');
  return {
    kind: 'static',
    profile: name,
    file: setting(credentialsFile, ID) ? 'credentials' : 'config',
    accessKeyId,
    secretAccessKey: new Secret(secret),
    ...(token ? { sessionToken: new Secret(token) } : {}),
    ...settings(profile, { accountId: ACCOUNT_ID }),
  };
}

/** `credential_process` of a profile, with its aws_account_id (used when the output has no AccountId). */
export function processStep(name: string, profile: Profile): ProcessStep | undefined {
  const command = setting(profile, COMMAND);
  return command ? { kind: 'process', profile: name, command, ...settings(profile, { accountId: ACCOUNT_ID }) } : undefined;
}

/** A key that must pass `valid` when set: ERR_INVALID_PROFILE naming it otherwise. */
export function checked(name: string, profile: Profile, key: string, valid: (value: string) => unknown): string | undefined {
  const value = setting(profile, key);
  if (value && !valid(value)) throw profileError(name, key, INVALID);
  return value;
}

/** `credential_source` values are matched exactly, as both SDKs do. */
export function namedSource(name: string, profile: Profile): NamedSource | undefined {
  return checked(name, profile, CREDENTIAL_SOURCE, (value) => NAMED_SOURCES.includes(value as NamedSource)) as NamedSource | undefined;
}

/** The AssumeRole parameters of a role profile. MFA needs a prompt this library cannot show. */
export function assumeRoleStep(name: string, profile: Profile, roleArn: string): AssumeRoleStep {
  if (setting(profile, 'mfa_serial')) throw profileError(name, 'mfa_serial', 'is not supported');
  const roleSessionName = checked(name, profile, SESSION_NAME, (value) => /^[\w+=,.@-]{2,64}$/.test(value));
  const duration = checked(name, profile, 'duration_seconds', (value) => /^\d{1,6}$/.test(value) && +value >= 900 && +value <= 43_200);
  return {
    kind: 'assume-role',
    profile: name,
    roleArn,
    ...(roleSessionName ? { roleSessionName } : {}),
    ...settings(profile, { externalId: 'external_id' }),
    ...(duration ? { durationSeconds: +duration } : {}),
  };
}
