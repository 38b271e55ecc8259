/** ECS task role and EKS Pod Identity credentials from the container credentials endpoint. */
import { MongoAwsConfigError, MongoAwsCredentialsError, MongoAwsHttpError, type MongoAwsErrorCode } from '../errors.js';
import { toIdentity } from '../credentials/identity.js';
import type { HttpResponse } from '../http/client.js';
import { assertSafeHeaderValue } from '../http/headers.js';
import { runtimeFrom, type Env, type Runtime, type RuntimeInit } from '../runtime.js';
import { describeRemote } from '../sts/remote-error.js';
import { checkCount, checkTimeout, withRetries } from '../sts/retry.js';
import type { AwsCredentialIdentityProvider, ResolvedCredentials } from '../types.js';
import { FULL_URI, RELATIVE_URI, resolveContainerEndpoint } from './container-url.js';
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

/** Cap of the response body and of the token file. */
const MAX_BYTES = 64 * 1024;

const TOKEN_FILE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';
const TOKEN = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';

/**
 * `undefined` when neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor …_FULL_URI is set. A disallowed URL, a
 * missing token file or a token with CR/LF throws (configured but broken). The token file is re-read on every attempt.
 */
export async function resolveContainer(runtime: Runtime, init: ContainerInit = {}): Promise<ResolvedCredentials | undefined> {
  const env = runtime.env();
  const endpoint = resolveContainerEndpoint(env);
  if (!endpoint) return undefined;
  const timeoutMs = checkTimeout(init.timeout, 5_000, 'timeout');
  const maxRetries = checkCount(init.maxRetries, 2, 'maxRetries', 0);
  const response = await withRetries<HttpResponse>(
    { maxAttempts: maxRetries + 1, baseDelayMs: init.retryDelayMs ?? 100 },
    async () => runtime.http({
      method: 'GET',
      url: endpoint.url,
      headers: { accept: 'application/json', ...(await authorization(runtime, env)) },
      timeoutMs,
      maxBodyBytes: MAX_BYTES,
    }),
    (response) => response.status >= 500,
  );
  const { status } = response;
  const body = response.body.toString();
  if (status !== 200) {
    const { code, message } = parseRemoteErrorBody(body);
    throw new MongoAwsHttpError('ERR_HTTP_STATUS', `container endpoint returned HTTP ${status}${describeRemote(code, message)}`, {
      status,
      source: 'container',
      ...(code && { remoteCode: code }),
    });
  }
  return parseTemporaryCredentials(body, 'container', runtime.now());
}

/** Provider for ECS/EKS; ERR_CREDENTIALS_NOT_FOUND when no container variable is set. */
export function fromContainerMetadata(init: FromContainerMetadataInit = {}): AwsCredentialIdentityProvider {
  return async () => {
    const credentials = await resolveContainer(runtimeFrom(init), init);
    if (!credentials) throw new MongoAwsCredentialsError('ERR_CREDENTIALS_NOT_FOUND', `neither ${RELATIVE_URI} nor ${FULL_URI} is set`, { source: 'container' });
    return toIdentity(credentials);
  };
}

/** The Authorization header: the token file (trimmed, re-read each time) beats the variable; CR/LF refused. */
async function authorization(runtime: Runtime, env: Env): Promise<{ authorization?: string }> {
  const file = env[TOKEN_FILE];
  const text = file ? await runtime.readFile(file, MAX_BYTES, TOKEN_FILE) : env[TOKEN];
  const fail = (code: MongoAwsErrorCode, what: string): MongoAwsConfigError => new MongoAwsConfigError(code, `${TOKEN_FILE} ${what}`, { field: TOKEN_FILE, source: 'container' });
  if (file && text === undefined) throw fail('ERR_FILE_READ', 'names a missing file');
  const token = text?.trim();
  if (!token) {
    if (file) throw fail('ERR_INVALID_ARGUMENT', 'names an empty file');
    return {};
  }
  assertSafeHeaderValue(file ? TOKEN_FILE : TOKEN, token);
  return { authorization: token };
}
