/** The one STS request MONGODB-AWS signs (never sends): POST / GetCallerIdentity bound to the conversation. */
import { Buffer } from 'node:buffer';

export const STS_BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
export const STS_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const STS_SERVICE = 'sts';

/** The exact header set the server rebuilds; the signer adds `x-amz-date`, `x-amz-security-token` and `authorization`. */
export type StsHeaders = {
  readonly 'content-type': typeof STS_CONTENT_TYPE;
  readonly 'content-length': '43';
  readonly host: string;
  readonly 'x-mongodb-server-nonce': string;
  readonly 'x-mongodb-gs2-cb-flag': 'n';
};

export interface StsRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: StsHeaders;
  readonly body: typeof STS_BODY;
}

/**
 * Builds the request for STS host `host` (validated server-first `h`). `serverNonceHeader` is the value of
 * `X-MongoDB-Server-Nonce`; use {@link serverNonceHeader} for the real one.
 */
export function buildStsRequest(host: string, serverNonceHeader: string): StsRequest {
  return {
    method: 'POST',
    url: `https://${host}/`,
    headers: {
      'content-type': STS_CONTENT_TYPE,
      'content-length': '43',
      host,
      'x-mongodb-server-nonce': serverNonceHeader,
      'x-mongodb-gs2-cb-flag': 'n',
    },
    body: STS_BODY,
  };
}

/** Standard base64, with padding, of the full 64-byte server nonce `s` (88 characters). */
export function serverNonceHeader(serverNonce: Uint8Array): string {
  return Buffer.from(serverNonce.buffer, serverNonce.byteOffset, serverNonce.byteLength).toString('base64');
}
