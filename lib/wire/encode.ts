/** Encoding of OP_MSG, OP_QUERY and OP_REPLY messages with bson; sizes capped as a server caps them. */
import { serialize, type Document } from 'bson';
import { crc32c } from './crc32c.js';
import { MAX_COMMAND_DOCUMENT_SIZE, wireError } from './read.js';
import {
  HEADER_SIZE,
  MAX_MESSAGE_SIZE,
  MSG_CHECKSUM_PRESENT,
  OP_MSG,
  OP_QUERY,
  OP_REPLY,
  type EncodeOpMsg,
  type EncodeOpQuery,
  type EncodeOpReply,
} from './types.js';

const utf8 = new TextEncoder();

function bsonBytes(doc: Document, field: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = serialize(doc, { checkKeys: false, ignoreUndefined: true });
  } catch {
    throw wireError(field, `cannot encode the document in field ${field}`);
  }
  if (bytes.length > MAX_COMMAND_DOCUMENT_SIZE) throw wireError(field, `document too large in field ${field}`);
  return bytes;
}

function cstringBytes(value: string, field: string): Uint8Array {
  if (value.includes('\0')) throw wireError(field, `NUL byte in field ${field}`);
  return utf8.encode(`${value}\0`);
}

function int32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, value | 0, true);
  return out;
}

/** Header + parts, with the length checked against MAX_MESSAGE_SIZE. */
function frame(requestId: number, responseTo: number, opCode: number, parts: Uint8Array[], checksum = false): Uint8Array {
  const length = HEADER_SIZE + parts.reduce((n, p) => n + p.length, 0) + (checksum ? 4 : 0);
  if (length > MAX_MESSAGE_SIZE) throw wireError('messageLength', 'message too large');
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setInt32(0, length, true);
  view.setInt32(4, requestId | 0, true);
  view.setInt32(8, responseTo | 0, true);
  view.setInt32(12, opCode, true);
  let at = HEADER_SIZE;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  if (checksum) view.setUint32(at, crc32c(out, 0, at), true);
  return out;
}

export function encodeOpMsg(msg: EncodeOpMsg): Uint8Array {
  const checksum = msg.checksum === true;
  const flags = ((msg.flags ?? 0) & ~MSG_CHECKSUM_PRESENT) | (checksum ? MSG_CHECKSUM_PRESENT : 0);
  const flagBytes = new Uint8Array(4);
  new DataView(flagBytes.buffer).setUint32(0, flags >>> 0, true);
  const parts = [flagBytes, Uint8Array.of(0), bsonBytes(msg.body, 'body')];
  for (const sequence of msg.sequences ?? []) {
    const docs = sequence.documents.map((d) => bsonBytes(d, 'documents'));
    const id = cstringBytes(sequence.identifier, 'identifier');
    const size = 4 + id.length + docs.reduce((n, d) => n + d.length, 0);
    parts.push(Uint8Array.of(1), int32(size), id, ...docs);
  }
  return frame(msg.requestId, msg.responseTo ?? 0, OP_MSG, parts, checksum);
}

export function encodeOpQuery(msg: EncodeOpQuery): Uint8Array {
  const parts = [int32(msg.flags ?? 0), cstringBytes(msg.collection, 'fullCollectionName')];
  parts.push(int32(msg.skip ?? 0), int32(msg.limit ?? -1), bsonBytes(msg.query, 'query'));
  if (msg.fields !== undefined) parts.push(bsonBytes(msg.fields, 'returnFieldsSelector'));
  return frame(msg.requestId, 0, OP_QUERY, parts);
}

export function encodeOpReply(msg: EncodeOpReply): Uint8Array {
  const head = new Uint8Array(20);
  const view = new DataView(head.buffer);
  view.setInt32(0, msg.flags ?? 0, true);
  view.setBigInt64(4, msg.cursorId ?? 0n, true);
  view.setInt32(12, msg.startingFrom ?? 0, true);
  view.setInt32(16, msg.documents.length, true);
  const docs = msg.documents.map((d) => bsonBytes(d, 'documents'));
  return frame(msg.requestId, msg.responseTo, OP_REPLY, [head, ...docs]);
}

