/** Test helper: the client half of MONGODB-AWS written out by hand (its own SigV4), so every field can be bent. */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Binary, deserialize, Int32, serialize, type Document } from 'bson';
import type { RawClient } from './raw-client.js';

export interface TestCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface Bend {
  /** Host to sign instead of the server's `h`. */
  readonly host?: string;
  /** Nonce to sign instead of the server's `s`. */
  readonly nonce?: Uint8Array;
  /** Header names to sign; default all seven (six without a token). */
  readonly signed?: readonly string[];
  /** Send `t` even when it is not signed, or omit it: default follows sessionToken. */
  readonly sendToken?: boolean;
  readonly date?: Date;
}

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string): Buffer => createHmac('sha256', key).update(s).digest();

export function clientFirst(r: Uint8Array = randomBytes(32), p: unknown = new Int32(110)): Binary {
  return new Binary(serialize({ r: new Binary(r), p }));
}

export function decodePayload(reply: Document): Document {
  return deserialize((reply['payload'] as Binary).buffer);
}

export function clientSecond(serverFirst: Document, creds: TestCredentials, bend: Bend = {}): Document {
  const s = (serverFirst['s'] as Binary).buffer;
  const host = bend.host ?? (serverFirst['h'] as string);
  const amzDate = (bend.date ?? new Date()).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const all: Record<string, string> = {
    'content-length': '43',
    'content-type': 'application/x-www-form-urlencoded',
    host,
    'x-amz-date': amzDate,
    ...(creds.sessionToken === undefined ? {} : { 'x-amz-security-token': creds.sessionToken }),
    'x-mongodb-gs2-cb-flag': 'n',
    'x-mongodb-server-nonce': Buffer.from(bend.nonce ?? s).toString('base64'),
  };
  const names = [...(bend.signed ?? Object.keys(all))].sort();
  const canonical = ['POST', '/', '', `${names.map((n) => `${n}:${all[n] ?? ''}`).join('\n')}\n`, names.join(';'), sha256(BODY)].join('\n');
  const labels = host.split('.');
  const region = labels.length === 1 || labels[1] === 'amazonaws' ? 'us-east-1' : (labels[1] as string);
  const scope = `${amzDate.slice(0, 8)}/${region}/sts/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, amzDate.slice(0, 8)), region), 'sts'), 'aws4_request');
  const signature = hmac(key, ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')).toString('hex');
  const a = `AWS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  const sendToken = bend.sendToken ?? creds.sessionToken !== undefined;
  return { a, d: amzDate, ...(sendToken ? { t: creds.sessionToken ?? 'not-a-token' } : {}) };
}

/** Both round trips; resolves with the saslContinue reply (or the saslStart reply when that one fails). */
export async function authenticate(client: RawClient, creds: TestCredentials, bend: Bend = {}): Promise<Document> {
  const start = await client.command('$external', { saslStart: 1, mechanism: 'MONGODB-AWS', payload: clientFirst() });
  if (start['ok'] !== 1) return start;
  const second = clientSecond(decodePayload(start), creds, bend);
  return client.command('$external', { saslContinue: 1, conversationId: start['conversationId'], payload: new Binary(serialize(second)) });
}
