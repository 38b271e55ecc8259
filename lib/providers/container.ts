/** ECS task role and EKS Pod Identity credentials from the container credentials endpoint. */
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsHttpError } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import type { HttpResponse } from '../http/client.js';
import { runtimeFrom, type Env, type Runtime, type RuntimeInit } from '../runtime.js';
import { describeRemote } from '../sts/remote-error.js';
import { checkCount, checkTimeout, withRetries } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { resolveContainerEndpoint } from './container-url.js';
import { parseRemoteErrorBody, parseTemporaryCredentials } from './temporary-credentials.js';

export interface ContainerInit {
  /** Per attempt, whole exchange, in ms. Default 5000 (the MongoDB spec suggests a 10 s read timeout; the SDKs use 1–2 s). */
  readonly timeout?: number;
  /** Retries after the first attempt, on timeouts, dropped connections and HTTP 5xx. Default 2 (3 attempts, as botocore). */
  readonly maxRetries?: number;
  /** Upper bound of the first jittered backoff, in ms. Default 100. */
  readonly retryDelayMs?: number;
}
export type FromContainerMetadataInit = ContainerInit & RuntimeInit;

export const CONTAINER_TIMEOUT_MS = 5_000;
export const CONTAINER_MAX_RETRIES = 2;
export const CONTAINER_RETRY_DELAY_MS = 100;
export const CONTAINER_MAX_BODY_BYTES = 64 * 1024;
export const MAX_TOKEN_FILE_BYTES = 64 * 1024;

const TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';
const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
// Controls other than tab are never valid in a header value; CR/LF would split the request.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * `undefined` when neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor …_FULL_URI is set. A disallowed URL, a
 * missing token file or a token with CR/LF throws (configured but broken). The token file is re-read on every attempt.
 */
export async function resolveContainer(runtime: Runtime, init: ContainerInit = {}): Promise<ResolvedCredentials | undefined> {
  const env = runtime.env();
  const endpoint = resolveContainerEndpoint(env);
  if (endpoint === undefined) return undefined;
  const timeoutMs = checkTimeout(init.timeout, CONTAINER_TIMEOUT_MS, 'timeout');
  const maxRetries = checkCount(init.maxRetries, CONTAINER_MAX_RETRIES, 'maxRetries', 0);
  const response = await withRetries<HttpResponse>(
    { maxAttempts: maxRetries + 1, baseDelayMs: init.retryDelayMs ?? CONTAINER_RETRY_DELAY_MS },
    async () => {
      const authorization = await authorizationToken(runtime, env);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (authorization !== undefined) headers['authorization'] = authorization;
      return runtime.http({ method: 'GET', url: endpoint.url, headers, timeoutMs, maxBodyBytes: CONTAINER_MAX_BODY_BYTES });
    },
    (response) => response.status >= 500,
  );
  if (response.status !== 200) {
    const { code, message } = parseRemoteErrorBody(response.body.toString('utf8'));
    throw new MongoAwsHttpError('ERR_HTTP_STATUS', `container credentials endpoint returned HTTP ${response.status}${describeRemote(code, message)}`, {
      status: response.status,
      source: 'container',
      ...(code === undefined ? {} : { remoteCode: code }),
    });
  }
  return parseTemporaryCredentials(response.body.toString('utf8'), 'container', runtime.now());
}

/** Provider for ECS/EKS; ERR_CREDENTIALS_NOT_FOUND when no container variable is set. */
export function fromContainerMetadata(init: FromContainerMetadataInit = {}): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveContainer(runtimeFrom(init), init);
    if (credentials === undefined) {
      throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', 'neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set', {
        source: 'container',
      });
    }
    return toIdentity(credentials);
  };
}

/** The Authorization value: the token file (trimmed, re-read each time) beats the variable; CR/LF refused. */
async function authorizationToken(runtime: Runtime, env: Env): Promise<string | undefined> {
  const file = env[TOKEN_FILE];
  let token: string | undefined;
  let field: string;
  if (file !== undefined && file !== '') {
    field = TOKEN_FILE;
    const text = await runtime.readFile(file, MAX_TOKEN_FILE_BYTES, TOKEN_FILE);
    if (text === undefined) {
      throw new MongoAwsConfigError('ERR_FILE_READ', `file named by ${TOKEN_FILE} does not exist`, { field: TOKEN_FILE, source: 'container' });
    }
    token = text.trim();
  } else {
    field = TOKEN;
    token = env[TOKEN]?.trim();
    if (token === undefined || token === '') return undefined;
  }
  if (token === '') {
    throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `file named by ${TOKEN_FILE} is empty`, { field, source: 'container' });
  }
  if (CONTROL.test(token)) {
    throw new MongoAwsConfigError('ERR_UNSAFE_HEADER', `authorization token from ${field} contains CR, LF or other control characters`, { field, source: 'container' });
  }
  return token;
}
