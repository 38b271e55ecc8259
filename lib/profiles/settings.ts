/** Reading single profile keys: empty values count as unset; typed errors name the key, never its value. */
import { MongoAwsConfigError, MongoAwsCredentialsError } from '../errors.js';
import { Secret } from '../secret.js';
import { NAMED_SOURCES, type AssumeRoleStep, type NamedSource, type StaticStep } from './steps.js';

export type Profile = Readonly<Record<string, string>>;

/** The value of `key`, or undefined when absent or empty. */
export function setting(profile: Profile, key: string): string | undefined {
  const value = Object.hasOwn(profile, key) ? profile[key] : undefined;
  return value === undefined || value === '' ? undefined : value;
}

export function invalidProfile(profile: string, field: string, problem: string): MongoAwsConfigError {
  return new MongoAwsConfigError('ERR_INVALID_PROFILE', `profile ${quote(profile)}: ${problem}`, { field });
}

/** Profile names come from the user's own files; quoting keeps odd characters readable. */
export function quote(name: string): string {
  return JSON.stringify(name);
}

/** 'complete' = id and secret; 'partial' = one of them; 'none' = neither. */
export function staticKeyState(profile: Profile): 'complete' | 'partial' | 'none' {
  const id = setting(profile, 'aws_access_key_id') !== undefined;
  const secret = setting(profile, 'aws_secret_access_key') !== undefined;
  return id && secret ? 'complete' : id || secret ? 'partial' : 'none';
}

export function partialKeysError(name: string, profile: Profile, credentialsFile: Profile | undefined): MongoAwsCredentialsError {
  const missing = setting(profile, 'aws_access_key_id') === undefined ? 'aws_access_key_id' : 'aws_secret_access_key';
  const inCredentials = credentialsFile !== undefined && staticKeyState(credentialsFile) !== 'none';
  return new MongoAwsCredentialsError('ERR_PARTIAL_CREDENTIALS', `profile ${quote(name)} is missing ${missing}`, {
    field: missing,
    source: inCredentials ? 'shared-credentials-file' : 'config-file',
  });
}

/** Static keys of a profile whose state is 'complete'. */
export function staticStep(name: string, profile: Profile, credentialsFile: Profile | undefined): StaticStep {
  const accessKeyId = setting(profile, 'aws_access_key_id') as string;
  const secret = setting(profile, 'aws_secret_access_key') as string;
  // botocore reads the legacy aws_security_token first.
  const token = setting(profile, 'aws_security_token') ?? setting(profile, 'aws_session_token');
  const accountId = setting(profile, 'aws_account_id');
  const fromCredentials = credentialsFile !== undefined && setting(credentialsFile, 'aws_access_key_id') !== undefined;
  return {
    kind: 'static',
    profile: name,
    file: fromCredentials ? 'credentials' : 'config',
    accessKeyId,
    secretAccessKey: new Secret(secret),
    ...(token === undefined ? {} : { sessionToken: new Secret(token) }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}

/** `credential_source` values are matched exactly, as both SDKs do. */
export function namedSource(name: string, value: string): NamedSource {
  const found = NAMED_SOURCES.find((s) => s === value);
  if (found === undefined) {
    throw invalidProfile(name, 'credential_source', 'credential_source must be Environment, Ec2InstanceMetadata or EcsContainer');
  }
  return found;
}

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const DURATION = /^[0-9]{1,6}$/;

/** The AssumeRole parameters of a role profile. MFA needs a prompt this library cannot show. */
export function assumeRoleStep(name: string, profile: Profile, roleArn: string): AssumeRoleStep {
  if (setting(profile, 'mfa_serial') !== undefined) {
    throw invalidProfile(name, 'mfa_serial', 'mfa_serial is not supported (no way to prompt for an MFA code)');
  }
  const roleSessionName = setting(profile, 'role_session_name');
  if (roleSessionName !== undefined && !SESSION_NAME.test(roleSessionName)) {
    throw invalidProfile(name, 'role_session_name', 'role_session_name must be 2-64 characters of letters, digits and +=,.@_-');
  }
  const externalId = setting(profile, 'external_id');
  const duration = setting(profile, 'duration_seconds');
  let durationSeconds: number | undefined;
  if (duration !== undefined) {
    durationSeconds = DURATION.test(duration) ? Number(duration) : Number.NaN;
    if (!(durationSeconds >= 900 && durationSeconds <= 43_200)) {
      throw invalidProfile(name, 'duration_seconds', 'duration_seconds must be an integer from 900 to 43200');
    }
  }
  return {
    kind: 'assume-role',
    profile: name,
    roleArn,
    ...(roleSessionName === undefined ? {} : { roleSessionName }),
    ...(externalId === undefined ? {} : { externalId }),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  };
}
