/** Shared test helpers for the emulated AWS endpoints: env save/restore and signing with the real AWS SDK signer. */
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** Minimal smithy `Checksum` on node:crypto, so the SDK signer needs nothing else installed. */
class NodeSha256 {
  readonly #hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret instanceof ArrayBuffer ? new Uint8Array(secret) : new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)));
  }
  update(data: string | Uint8Array): void {
    this.#hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}

export interface SdkCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export const GET_CALLER_IDENTITY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** Signs an STS query-API request with @smithy/signature-v4 (the AWS SDK's own signer). */
export async function sdkSign(
  url: string,
  credentials: SdkCredentials,
  init: { body?: string; headers?: Record<string, string>; date?: Date; region?: string; service?: string; method?: string } = {},
): Promise<{ method: string; path: string; headers: Record<string, string>; body: string }> {
  const target = new URL(url);
  const body = init.body ?? GET_CALLER_IDENTITY;
  const signer = new SignatureV4({ credentials, region: init.region ?? 'us-east-1', service: init.service ?? 'sts', sha256: NodeSha256 });
  const query: Record<string, string> = {};
  for (const [key, value] of target.searchParams) query[key] = value;
  const signed = await signer.sign(
    {
      method: init.method ?? 'POST',
      protocol: target.protocol,
      hostname: target.hostname,
      ...(target.port === '' ? {} : { port: Number(target.port) }),
      path: target.pathname,
      query,
      headers: {
        host: target.host,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(Buffer.byteLength(body)),
        ...init.headers,
      },
      body,
    },
    init.date === undefined ? {} : { signingDate: init.date },
  );
  return { method: signed.method, path: `${target.pathname}${target.search}`, headers: signed.headers as Record<string, string>, body };
}

/** POSTs a signed request to the emulator with fetch. */
export async function sendSigned(baseUrl: string, request: { method: string; path: string; headers: Record<string, string>; body: string }): Promise<Response> {
  const headers = { ...request.headers };
  delete headers['host'];
  delete headers['content-length'];
  return fetch(`${baseUrl}${request.path}`, { method: request.method, headers, ...(request.method === 'GET' ? {} : { body: request.body }) });
}

/** Sets (or, with undefined, deletes) variables for the duration of `fn`, then restores the previous values. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(vars)) {
    saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return await fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Keeps the SDK away from the developer's own AWS files and variables. */
export const ISOLATED_ENV: Record<string, string | undefined> = {
  AWS_CONFIG_FILE: '/nonexistent/mongodb-aws-auth-test/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/mongodb-aws-auth-test/credentials',
  AWS_PROFILE: undefined,
  AWS_DEFAULT_PROFILE: undefined,
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: undefined,
  AWS_ENDPOINT_URL: undefined,
  AWS_ENDPOINT_URL_STS: undefined,
  AWS_EC2_METADATA_DISABLED: undefined,
  AWS_EC2_METADATA_SERVICE_ENDPOINT: undefined,
  AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_AUTHORIZATION_TOKEN: undefined,
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_ROLE_ARN: undefined,
  AWS_ROLE_SESSION_NAME: undefined,
};

/** The text of an XML element, for assertions on STS documents. */
export function xmlText(xml: string, element: string): string | undefined {
  return new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
}
