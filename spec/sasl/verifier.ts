// Test-side, independent re-implementation of what a MONGODB-AWS server rebuilds and STS checks
// (protocol doc §5), written from the spec text with node:crypto only, so it shares no code with lib/.
import { createHash, createHmac } from 'node:crypto';
import { BSON, Binary, Int32, type Document } from 'bson';

export interface VerifyInput {
  readonly host: string;
  readonly region: string;
  readonly serverNonce: Uint8Array;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly amzDate: string;
}

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The `a` value a correct client must produce for these inputs. */
export function expectedAuthorization(input: VerifyInput): string {
  const nonce = Buffer.from(input.serverNonce).toString('base64');
  const headers: Array<[string, string]> = [
    ['content-length', '43'],
    ['content-type', 'application/x-www-form-urlencoded'],
    ['host', input.host],
    ['x-amz-date', input.amzDate],
    ...(input.sessionToken === undefined ? [] : ([['x-amz-security-token', input.sessionToken]] as Array<[string, string]>)),
    ['x-mongodb-gs2-cb-flag', 'n'],
    ['x-mongodb-server-nonce', nonce],
  ];
  const signedHeaders = headers.map(([k]) => k).join(';');
  const canonical =
    `POST\n/\n\n${headers.map(([k, v]) => `${k}:${v}\n`).join('')}\n${signedHeaders}\n` +
    createHash('sha256').update(BODY).digest('hex');
  const day = input.amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/sts/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${input.amzDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 'sts'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export function serverFirstBytes(s: Uint8Array, h: unknown, extra: Document = {}): Uint8Array {
  return BSON.serialize({ s: new Binary(s, 0), h, ...extra });
}

/** Payload bytes of a command document's `payload` (must be BinData subtype 0). */
export function payloadOf(command: Document): Uint8Array {
  const p = command['payload'] as Binary;
  if (!(p instanceof Binary) || p.sub_type !== 0) throw new Error('payload is not BinData subtype 0');
  return p.buffer.subarray(0, p.position);
}

export interface FakeServerOptions {
  readonly host?: string;
  readonly region?: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly conversationId?: unknown;
}

export interface Call {
  readonly db: string;
  readonly command: Document;
}

/**
 * A MONGODB-AWS server for one conversation: checks client-first's BSON types, answers with a fresh server
 * nonce, then recomputes the signature over the request it would send to STS and answers done or AuthenticationFailed.
 */
export function fakeServer(options: FakeServerOptions): { calls: Call[]; run: (db: string, command: Document) => Promise<Document> } {
  const calls: Call[] = [];
  const conversationId = options.conversationId ?? 1;
  const host = options.host ?? 'sts.amazonaws.com';
  let serverNonce: Uint8Array | undefined;
  const run = async (db: string, command: Document): Promise<Document> => {
    calls.push({ db, command });
    if (db !== '$external') return { ok: 0, code: 2, codeName: 'BadValue', errmsg: 'wrong db' };
    if (command['saslStart'] === 1) {
      const doc = BSON.deserialize(payloadOf(command), { promoteValues: false });
      const r = doc['r'] as Binary;
      if (command['mechanism'] !== 'MONGODB-AWS' || !(r instanceof Binary) || r.sub_type !== 0 || r.position !== 32) {
        return { ok: 0, code: 2, codeName: 'BadValue' };
      }
      if (!(doc['p'] instanceof Int32) || doc['p'].value !== 110) return { ok: 0, code: 2, codeName: 'BadValue' };
      serverNonce = Buffer.concat([r.buffer.subarray(0, 32), Buffer.alloc(32, 0xab)]);
      return { conversationId, done: false, payload: new Binary(serverFirstBytes(serverNonce, host), 0), ok: 1 };
    }
    if (command['saslContinue'] === 1 && serverNonce !== undefined) {
      if (command['conversationId'] !== conversationId) return { ok: 0, code: 17, codeName: 'ProtocolError' };
      const doc = BSON.deserialize(payloadOf(command), { promoteValues: false });
      const { a, d, t } = doc as { a?: unknown; d?: unknown; t?: unknown };
      const token = options.credentials.sessionToken;
      const expected =
        typeof d === 'string'
          ? expectedAuthorization({
              host,
              region: options.region ?? 'us-east-1',
              serverNonce,
              accessKeyId: options.credentials.accessKeyId,
              secretAccessKey: options.credentials.secretAccessKey,
              amzDate: d,
              ...(token === undefined ? {} : { sessionToken: token }),
            })
          : undefined;
      const tokenOk = token === undefined ? !Object.hasOwn(doc, 't') : t === token;
      if (a !== expected || !tokenOk) return { ok: 0, code: 18, codeName: 'AuthenticationFailed', errmsg: 'Authentication failed.' };
      return { conversationId, done: true, payload: new Binary(new Uint8Array(0), 0), ok: 1 };
    }
    return { ok: 0, code: 17, codeName: 'ProtocolError' };
  };
  return { calls, run };
}
