/** Decoding of one whole OP_MSG, OP_QUERY or OP_REPLY message; anything malformed is ERR_WIRE_PROTOCOL. */
import type { Document } from 'bson';
import { crc32c } from './crc32c.js';
import { WireReader, wireError } from './read.js';
import {
  HEADER_SIZE,
  MAX_MESSAGE_SIZE,
  MSG_CHECKSUM_PRESENT,
  MSG_KNOWN_REQUIRED,
  OP_MSG,
  OP_QUERY,
  OP_REPLY,
  type DecodedMessage,
  type DecodeOptions,
  type DocumentSequence,
  type MessageHeader,
  type OpMsg,
  type WireMessage,
} from './types.js';

/** The 16-byte header of `bytes`, with messageLength checked against the bounds (not against `bytes.length`). */
export function readHeader(bytes: Uint8Array, maxMessageSize = MAX_MESSAGE_SIZE): MessageHeader {
  if (bytes.length < HEADER_SIZE) throw wireError('messageLength', 'message shorter than its header');
  const reader = new WireReader(bytes, 0, HEADER_SIZE);
  const header = {
    messageLength: reader.int32('messageLength'),
    requestId: reader.int32('requestID'),
    responseTo: reader.int32('responseTo'),
    opCode: reader.int32('opCode'),
  };
  if (header.messageLength < HEADER_SIZE || header.messageLength > maxMessageSize) {
    throw wireError('messageLength', 'message length out of bounds');
  }
  return header;
}

/** Decodes exactly one whole message: `bytes.length` must equal its messageLength. */
export function decodeMessage(bytes: Uint8Array, options: DecodeOptions = {}): DecodedMessage {
  const header = readHeader(bytes, options.maxMessageSize);
  if (header.messageLength !== bytes.length) throw wireError('messageLength', 'message length does not match the bytes');
  const reader = new WireReader(bytes, HEADER_SIZE, bytes.length, options.bson);
  const message = decodeBody(header.opCode, reader, bytes);
  if (reader.remaining !== 0) throw wireError('messageLength', 'trailing bytes after the message');
  return { header, message };
}

function decodeBody(opCode: number, reader: WireReader, bytes: Uint8Array): WireMessage {
  switch (opCode) {
    case OP_MSG:
      return decodeOpMsg(reader, bytes);
    case OP_QUERY: {
      const flags = reader.int32('flags');
      const collection = reader.cstring('fullCollectionName');
      const skip = reader.int32('numberToSkip');
      const limit = reader.int32('numberToReturn');
      const query = reader.document('query');
      if (reader.remaining === 0) return { opCode, flags, collection, skip, limit, query };
      return { opCode, flags, collection, skip, limit, query, fields: reader.document('returnFieldsSelector') };
    }
    case OP_REPLY: {
      const flags = reader.int32('responseFlags');
      const cursorId = reader.int64('cursorID');
      const startingFrom = reader.int32('startingFrom');
      const count = reader.int32('numberReturned');
      if (count < 0 || count * 5 > reader.remaining) throw wireError('numberReturned', 'invalid document count');
      const documents: Document[] = [];
      for (let i = 0; i < count; i++) documents.push(reader.document('documents'));
      return { opCode, flags, cursorId, startingFrom, documents };
    }
    default:
      throw wireError('opCode', 'unsupported opCode');
  }
}

function decodeOpMsg(reader: WireReader, bytes: Uint8Array): OpMsg {
  const flags = reader.uint32('flagBits');
  if ((flags & 0xffff & ~MSG_KNOWN_REQUIRED) !== 0) throw wireError('flagBits', 'unknown required flag bit');
  if (flags & MSG_CHECKSUM_PRESENT) {
    reader.end -= 4;
    if (reader.end < reader.offset) throw wireError('checksum', 'message truncated in field checksum');
    const expected = new DataView(bytes.buffer, bytes.byteOffset).getUint32(reader.end, true);
    if (crc32c(bytes, 0, reader.end) !== expected) throw wireError('checksum', 'checksum mismatch');
  }
  let body: Document | undefined;
  const sequences: DocumentSequence[] = [];
  while (reader.remaining > 0) {
    const kind = reader.uint8('sections');
    if (kind === 0) {
      if (body !== undefined) throw wireError('sections', 'more than one body section');
      body = reader.document('body');
    } else if (kind === 1) {
      sequences.push(readSequence(reader));
    } else {
      throw wireError('sections', 'unknown section kind');
    }
  }
  if (body === undefined) throw wireError('sections', 'missing body section');
  return { opCode: OP_MSG, flags, body, sequences };
}

function readSequence(reader: WireReader): DocumentSequence {
  const start = reader.offset;
  const size = reader.int32('sequenceSize');
  if (size < 5 || size > reader.remaining + 4) throw wireError('sequenceSize', 'invalid document sequence length');
  const outer = reader.end;
  reader.end = start + size;
  const identifier = reader.cstring('identifier');
  const documents: Document[] = [];
  while (reader.remaining > 0) documents.push(reader.document('documents'));
  reader.end = outer;
  return { identifier, documents };
}
