/** The two steps in front of the default chain: a custom provider and explicit credentials from the auth options. */
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsError } from '../errors.js';
import { fromIdentity } from '../credentials/identity.js';
import type { MongoAwsAuthOptions } from '../options/auth-options.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import type { ChainStep } from './chain.js';

/** The parts of the auth options the chain reads. A full `MongoAwsAuthOptions` fits. */
export type ChainAuthOptions = Partial<Pick<MongoAwsAuthOptions, 'username' | 'password' | 'sessionToken' | 'credentialProvider'>>;

const PROVIDER_FIELD = 'AWS_CREDENTIAL_PROVIDER';
const SAFE_NAME = /^[A-Za-z][\w.$-]{0,63}$/;

/** A Node system error (ECONNREFUSED, ENOENT…): a string code, a numeric errno and the failed syscall. */
function isSystemError(error: unknown): boolean {
  const e = error as NodeJS.ErrnoException;
  return error instanceof Error && typeof e.code === 'string' && typeof e.errno === 'number' && typeof e.syscall === 'string';
}

/**
 * Wraps whatever a custom provider threw. Its message is never copied (it may quote anything); the cause is kept
 * only for errors known to be secret-free: ours, and Node system errors.
 */
export function customProviderError(error: unknown): MongoAwsCredentialsError {
  const known = MongoAwsError.isMongoAwsError(error) || isSystemError(error);
  let what = 'unknown error';
  if (MongoAwsError.isMongoAwsError(error)) what = error.code;
  else if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && SAFE_NAME.test(code)) what = code;
    else if (SAFE_NAME.test(error.name)) what = error.name;
  }
  return new MongoAwsCredentialsError('ERR_CUSTOM_PROVIDER', `custom credential provider (${PROVIDER_FIELD}) failed (${what})`, {
    field: PROVIDER_FIELD,
    source: 'custom',
    ...(known ? { cause: error } : {}),
  });
}

/** Calls a custom provider once: its errors become ERR_CUSTOM_PROVIDER, a malformed result ERR_INVALID_ARGUMENT. */
export async function callCustomProvider(provider: AwsCredentialIdentityProvider): Promise<ResolvedCredentials> {
  let value: unknown;
  try {
    value = await provider();
  } catch (error) {
    throw customProviderError(error);
  }
  return fromIdentity(value, `${PROVIDER_FIELD} result`);
}

/** Checks the shapes the chain relies on, so a bad options object fails when the provider is created. */
export function checkAuthOptions(options: ChainAuthOptions | undefined): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'authOptions must be an object', { field: 'authOptions' });
  }
  const { username, password, sessionToken, credentialProvider } = options;
  if (credentialProvider !== undefined && typeof credentialProvider !== 'function') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${PROVIDER_FIELD} must be a function`, { field: PROVIDER_FIELD });
  }
  if (username !== undefined && (typeof username !== 'string' || username === '')) {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'username must be a non-empty string', { field: 'username' });
  }
  if (username !== undefined && password === undefined) {
    throw new MongoAwsConfigError('ERR_MISSING_PASSWORD', 'username (access key id) is set without a password (secret access key)', { field: 'password' });
  }
  if (password !== undefined && username === undefined) {
    throw new MongoAwsConfigError('ERR_MISSING_USERNAME', 'password (secret access key) is set without a username (access key id)', { field: 'username' });
  }
  if (sessionToken !== undefined && username === undefined) {
    throw new MongoAwsConfigError('ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS', 'AWS_SESSION_TOKEN is set without a username and password', {
      field: 'authMechanismProperties.AWS_SESSION_TOKEN',
    });
  }
  for (const [field, value] of [['password', password], ['authMechanismProperties.AWS_SESSION_TOKEN', sessionToken]] as const) {
    if (value !== undefined && (typeof value !== 'object' || value === null || typeof value.reveal !== 'function' || value.length === 0)) {
      throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `${field} must be a non-empty Secret`, { field });
    }
  }
}

/** Custom provider, then explicit credentials: each either answers or is skipped as "not given". */
export function frontSteps(options: ChainAuthOptions | undefined): ChainStep[] {
  const provider = options?.credentialProvider;
  const username = options?.username;
  const password = options?.password;
  const sessionToken = options?.sessionToken;
  return [
    {
      name: 'custom',
      notConfigured: `${PROVIDER_FIELD} not given`,
      resolve: async () => (provider === undefined ? undefined : { credentials: await callCustomProvider(provider), source: 'custom' }),
    },
    {
      name: 'explicit',
      notConfigured: 'username and password not given',
      resolve: async () => {
        if (username === undefined || password === undefined) return undefined;
        const credentials: ResolvedCredentials = { accessKeyId: username, secretAccessKey: password, ...(sessionToken === undefined ? {} : { sessionToken }) };
        return { credentials, source: 'explicit' };
      },
    },
  ];
}
