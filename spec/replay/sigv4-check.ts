/** Independent SigV4 check of a replayed request with @smithy/signature-v4 (the AWS JS SDK signer), not our own. */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** The Authorization header, split. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;_.-]+), ?Signature=([0-9a-f]{64})$/;

export function parseSigV4(value: string): SigV4Authorization | undefined {
  const m = AUTH.exec(value);
  if (m === null) return undefined;
  return {
    accessKeyId: m[1] as string,
    date: m[2] as string,
    region: m[3] as string,
    service: m[4] as string,
    signedHeaders: (m[5] as string).split(';'),
    signature: m[6] as string,
  };
}

function bytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** node:crypto behind the hash interface smithy expects. */
class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(typeof data === 'string' ? data : bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

export interface RequestToVerify {
  readonly method: string;
  /** The URL the request was meant for (host, path and query as the real endpoint would see them). */
  readonly url: URL;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * Recomputes the signature over exactly the headers the request says it signed, at the date it carries, with
 * the secret the scenario pairs with its access key id. Returns the expected signature.
 */
export async function expectedSignature(request: RequestToVerify, auth: SigV4Authorization, secretAccessKey: string): Promise<string> {
  const amzDate = request.headers['x-amz-date'];
  if (amzDate === undefined) throw new Error('signed request without x-amz-date');
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (m === null) throw new Error('malformed x-amz-date');
  const signingDate = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    if (name === 'x-amz-date' || name === 'x-amz-security-token') continue;
    const value = name === 'host' ? (request.headers['host'] ?? request.url.host) : request.headers[name];
    if (value === undefined) throw new Error(`signed header ${name} is missing from the request`);
    headers[name] = value;
  }
  const sessionToken = auth.signedHeaders.includes('x-amz-security-token') ? request.headers['x-amz-security-token'] : undefined;
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of request.url.searchParams) {
    const prior = query[key];
    query[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port === '' ? {} : { port: Number(request.url.port) }),
      path: request.url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate },
  );
  const authorization = (signed as { headers: Record<string, string> }).headers['authorization'] ?? '';
  const parsed = parseSigV4(authorization);
  if (parsed === undefined) throw new Error('smithy produced no authorization header');
  if (parsed.signedHeaders.join(';') !== auth.signedHeaders.join(';')) {
    throw new Error(`smithy signed ${parsed.signedHeaders.join(';')}, the request says ${auth.signedHeaders.join(';')}`);
  }
  return parsed.signature;
}
