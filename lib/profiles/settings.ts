/** Reading profile keys (empty values count as unset) and the typed errors that name a key, never its value. */
import { MongoAwsConfigError, MongoAwsCredentialsError, type MongoAwsErrorCode } from '../errors.js';
import { Secret } from '../secret.js';
import { NAMED_SOURCES, type AssumeRoleStep, type NamedSource, type StaticStep } from './steps.js';

export type Profile = Readonly<Record<string, string>>;

const ID = 'aws_access_key_id';
const SECRET = 'aws_secret_access_key';

/** The value of `key`, or undefined when absent or empty. */
export function setting(profile: Profile, key: string): string | undefined {
  return (Object.hasOwn(profile, key) && profile[key]) || undefined;
}

/** The keys of `names` whose profile key is set: `settings(p, { accountId: 'aws_account_id' })` → `{ accountId? }`. */
export function settings<K extends string>(profile: Profile, names: Record<K, string>): { [P in K]?: string } {
  const found: { [P in K]?: string } = {};
  for (const name in names) {
    const value = setting(profile, names[name]);
    if (value !== undefined) found[name] = value;
  }
  return found;
}

/** Profile names come from the user's own files; quoting keeps odd characters readable. */
export function quote(name: string): string {
  return JSON.stringify(name);
}

/** `profile "NAME": FIELD PROBLEM`, ERR_INVALID_PROFILE unless `code` says otherwise. */
export function profileError(name: string, field: string, problem: string, code: MongoAwsErrorCode = 'ERR_INVALID_PROFILE'): MongoAwsConfigError {
  return new MongoAwsConfigError(code, `profile ${quote(name)}: ${field} ${problem}`, { field });
}

/** How many of aws_access_key_id and aws_secret_access_key are set: 2 = static keys, 1 = partial keys. */
export function keyCount(profile: Profile | undefined): number {
  return profile === undefined ? 0 : [ID, SECRET].filter((key) => setting(profile, key)).length;
}

/** The credential source a file stands for: `shared-credentials-file` or `config-file`. */
export function fileSource(file: 'credentials' | 'config'): 'shared-credentials-file' | 'config-file' {
  return file === 'config' ? 'config-file' : 'shared-credentials-file';
}

/** Static keys of a profile; with only one of the two keys, ERR_PARTIAL_CREDENTIALS naming the missing one. */
export function staticStep(name: string, profile: Profile, credentialsFile: Profile | undefined): StaticStep {
  const accessKeyId = setting(profile, ID);
  const secret = setting(profile, SECRET);
  if (accessKeyId === undefined || secret === undefined) {
    const field = accessKeyId === undefined ? ID : SECRET;
    throw new MongoAwsCredentialsError('ERR_PARTIAL_CREDENTIALS', `profile ${quote(name)}: ${field} is missing`, {
      field,
      source: fileSource(keyCount(credentialsFile) > 0 ? 'credentials' : 'config'),
    });
  }
  // botocore reads the legacy aws_security_token first.
  const token = setting(profile, 'aws_security_token') ?? setting(profile, 'aws_session_token');
  return {
    kind: 'static',
    profile: name,
    file: credentialsFile !== undefined && setting(credentialsFile, ID) !== undefined ? 'credentials' : 'config',
    accessKeyId,
    secretAccessKey: new Secret(secret),
    ...(token === undefined ? {} : { sessionToken: new Secret(token) }),
    ...settings(profile, { accountId: 'aws_account_id' }),
  };
}

/** `credential_source` values are matched exactly, as both SDKs do. */
export function namedSource(name: string, value: string): NamedSource {
  if (!NAMED_SOURCES.includes(value as NamedSource)) throw profileError(name, 'credential_source', `is not one of ${NAMED_SOURCES.join(', ')}`);
  return value as NamedSource;
}

/** The AssumeRole parameters of a role profile. MFA needs a prompt this library cannot show. */
export function assumeRoleStep(name: string, profile: Profile, roleArn: string): AssumeRoleStep {
  const invalid = (field: string): MongoAwsConfigError => profileError(name, field, 'is invalid');
  if (setting(profile, 'mfa_serial') !== undefined) throw profileError(name, 'mfa_serial', 'is not supported');
  const step = { kind: 'assume-role', profile: name, roleArn, ...settings(profile, { roleSessionName: 'role_session_name', externalId: 'external_id' }) } as const;
  if (step.roleSessionName !== undefined && !/^[\w+=,.@-]{2,64}$/.test(step.roleSessionName)) throw invalid('role_session_name');
  const duration = setting(profile, 'duration_seconds');
  if (duration === undefined) return step;
  const durationSeconds = /^\d{1,6}$/.test(duration) ? Number(duration) : 0;
  if (durationSeconds < 900 || durationSeconds > 43_200) throw invalid('duration_seconds');
  return { ...step, durationSeconds };
}
