/** The two steps in front of the default chain: a custom provider and explicit credentials from the auth options. */
import { checkArgument, MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsError, type MongoAwsErrorCode } from '../errors.js';
import { fromIdentity } from '../credentials/identity.js';
import type { MongoAwsAuthOptions } from '../options/auth-options.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import type { ChainStep } from './chain.js';

/** The parts of the auth options the chain reads. A full `MongoAwsAuthOptions` fits. */
export type ChainAuthOptions = Partial<Pick<MongoAwsAuthOptions, 'username' | 'password' | 'sessionToken' | 'credentialProvider'>>;

const PROVIDER_FIELD = 'AWS_CREDENTIAL_PROVIDER';
const TOKEN_FIELD = 'authMechanismProperties.AWS_SESSION_TOKEN';
const SAFE_NAME = /^[A-Za-z][\w.$-]{0,63}$/;

/**
 * Wraps whatever a custom provider threw. Its message is never copied (it may quote anything): the message names
 * our code, or the error's code or name when they look like identifiers. The cause is kept only for errors known
 * to be secret-free: ours, and Node system errors (a string code, a numeric errno and the failed syscall).
 */
export function customProviderError(error: unknown): MongoAwsCredentialsError {
  const ours = MongoAwsError.isMongoAwsError(error);
  const { code, errno, syscall, name } = (error instanceof Error ? error : {}) as NodeJS.ErrnoException;
  const what = ours ? error.code : [code, name].find((text) => typeof text === 'string' && SAFE_NAME.test(text));
  const known = ours || (typeof code === 'string' && typeof errno === 'number' && typeof syscall === 'string');
  return new MongoAwsCredentialsError('ERR_CUSTOM_PROVIDER', `${PROVIDER_FIELD} failed (${what ?? 'unknown error'})`, {
    field: PROVIDER_FIELD,
    source: 'custom',
    ...(known && { cause: error }),
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

/** Explicit credentials from the auth options, when both username and password are given. */
export function explicitCredentials(options: ChainAuthOptions | undefined): ResolvedCredentials | undefined {
  const { username, password, sessionToken } = options ?? {};
  return username === undefined || password === undefined ? undefined : { accessKeyId: username, secretAccessKey: password, ...(sessionToken && { sessionToken }) };
}

/** Checks the shapes the chain relies on, so a bad options object fails when the provider is created. */
export function checkAuthOptions(options: ChainAuthOptions | undefined): void {
  if (options === undefined) return;
  checkArgument(typeof options === 'object' && options, 'authOptions');
  const { username, password, sessionToken, credentialProvider } = options;
  checkArgument(credentialProvider === undefined || typeof credentialProvider === 'function', PROVIDER_FIELD);
  checkArgument(username === undefined || (typeof username === 'string' && username), 'username');
  /** A credential part missing for another one that is given. */
  const requires = (ok: boolean, code: MongoAwsErrorCode, field: string, message = `${field} is missing`): void => {
    if (!ok) throw new MongoAwsConfigError(code, message, { field });
  };
  requires(username === undefined || password !== undefined, 'ERR_MISSING_PASSWORD', 'password');
  requires(password === undefined || username !== undefined, 'ERR_MISSING_USERNAME', 'username');
  requires(sessionToken === undefined || username !== undefined, 'ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS', TOKEN_FIELD, `${TOKEN_FIELD} needs a username and password`);
  // Secrets arrive wrapped (a Secret, or a Secret of another bundled copy): non-empty, never a plain string.
  for (const [field, value] of [['password', password], [TOKEN_FIELD, sessionToken]] as const) {
    checkArgument(value === undefined || (typeof value?.reveal === 'function' && value.length !== 0), field);
  }
}

/** Custom provider, then explicit credentials: each either answers or is skipped as "not given". */
export function frontSteps(options: ChainAuthOptions | undefined): ChainStep[] {
  const provider = options?.credentialProvider;
  const explicit = explicitCredentials(options);
  return [
    {
      name: 'custom',
      notConfigured: `${PROVIDER_FIELD} not given`,
      resolve: async () => (provider && { credentials: await callCustomProvider(provider), source: 'custom' }),
    },
    {
      name: 'explicit',
      notConfigured: 'username and password not given',
      resolve: async () => explicit && { credentials: explicit, source: 'explicit' },
    },
  ];
}
