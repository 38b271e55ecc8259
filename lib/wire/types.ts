/** Wire-message constants and shapes: opCodes, size caps, OP_MSG flag bits, decoded and to-encode messages. */
import type { DeserializeOptions, Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;
export const HEADER_SIZE = 16;
/** The server's maxBsonObjectSize and maxMessageSizeBytes. */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
export const MAX_MESSAGE_SIZE = 48_000_000;

/** OP_MSG flagBits. Bits 0-15 are "required": a receiver must refuse a bit it does not know. */
export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;
export const MSG_EXHAUST_ALLOWED = 1 << 16;
export const MSG_KNOWN_REQUIRED = MSG_CHECKSUM_PRESENT | MSG_MORE_TO_COME;

export interface MessageHeader {
  readonly messageLength: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly opCode: number;
}
export interface DocumentSequence {
  readonly identifier: string;
  readonly documents: readonly Document[];
}
export interface OpMsg {
  readonly opCode: typeof OP_MSG;
  readonly flags: number;
  readonly body: Document;
  readonly sequences: readonly DocumentSequence[];
}
export interface OpQuery {
  readonly opCode: typeof OP_QUERY;
  readonly flags: number;
  readonly collection: string;
  readonly skip: number;
  readonly limit: number;
  readonly query: Document;
  readonly fields?: Document;
}
export interface OpReply {
  readonly opCode: typeof OP_REPLY;
  readonly flags: number;
  readonly cursorId: bigint;
  readonly startingFrom: number;
  readonly documents: readonly Document[];
}
export type WireMessage = OpMsg | OpQuery | OpReply;
export interface DecodedMessage {
  readonly header: MessageHeader;
  readonly message: WireMessage;
}
export interface DecodeOptions {
  /** Largest accepted messageLength (default MAX_MESSAGE_SIZE). */
  readonly maxMessageSize?: number;
  /** Passed to bson `deserialize` for every document. */
  readonly bson?: DeserializeOptions;
}
export interface EncodeOpMsg {
  readonly requestId: number;
  readonly responseTo?: number;
  readonly flags?: number;
  readonly body: Document;
  readonly sequences?: readonly DocumentSequence[];
  /** Append a CRC-32C checksum and set checksumPresent. */
  readonly checksum?: boolean;
}
export interface EncodeOpQuery {
  readonly requestId: number;
  readonly flags?: number;
  readonly collection: string;
  readonly skip?: number;
  readonly limit?: number;
  readonly query: Document;
  readonly fields?: Document;
}
export interface EncodeOpReply {
  readonly requestId: number;
  readonly responseTo: number;
  readonly flags?: number;
  readonly cursorId?: bigint;
  readonly startingFrom?: number;
  readonly documents: readonly Document[];
}

