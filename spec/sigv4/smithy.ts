/** Test-only bridge to @smithy/signature-v4 (the AWS SDK v3 signer), the reference of the differential suite. */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** smithy's `Checksum` constructor shape on node:crypto: `new Sha256(key?)`, `update()`, async `digest()`. */
export class NodeSha256 {
  readonly #secret: string | Uint8Array | undefined;
  #hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret =
      secret === undefined || typeof secret === 'string' ? secret
      : ArrayBuffer.isView(secret) ? new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength)
      : new Uint8Array(secret);
    this.#hash = this.#fresh();
  }

  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', this.#secret);
  }

  update(data: string | Uint8Array): void {
    this.#hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }

  reset(): void {
    this.#hash = this.#fresh();
  }
}

/** smithy's HttpRequest as a plain object: decoded query, one value per header name. */
export interface SmithyRequest {
  readonly method: string;
  readonly protocol: 'https:';
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  readonly query: Record<string, string | string[]>;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

export interface SmithyInputs {
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  readonly region: string;
  readonly service: string;
  readonly date: Date;
}

/** Signs with smithy exactly as the AWS SDK would for a non-S3 service, without x-amz-content-sha256; returns Authorization. */
export async function smithyAuthorization(request: SmithyRequest, inputs: SmithyInputs): Promise<string> {
  const signer = new SignatureV4({
    credentials: inputs.credentials,
    region: inputs.region,
    service: inputs.service,
    sha256: NodeSha256,
    applyChecksum: false,
    uriEscapePath: true,
  });
  const signed = await signer.sign(request as unknown as Parameters<SignatureV4['presign']>[0], { signingDate: inputs.date });
  const authorization: unknown = signed.headers['authorization'];
  if (typeof authorization !== 'string') throw new Error('smithy returned no authorization header');
  return authorization;
}
