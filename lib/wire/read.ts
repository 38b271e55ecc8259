/** Bounds-checked reading of wire-message fields; every failure is ERR_WIRE_PROTOCOL naming the field. */
import { deserialize, type DeserializeOptions, type Document } from 'bson';
import { MongoAwsServerError } from '../errors.js';

/** Largest document a server accepts inside a command: maxBsonObjectSize plus 16 KiB of command overhead. */
export const MAX_COMMAND_DOCUMENT_SIZE = 16 * 1024 * 1024 + 16 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The one error this layer throws. The message names the field, never a byte of the message. */
export function wireError(field: string, message: string): MongoAwsServerError {
  return new MongoAwsServerError('ERR_WIRE_PROTOCOL', message, { field });
}

/** A cursor over `bytes[offset, end)`; reads never cross `end`. */
export class WireReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #bson: DeserializeOptions;
  #offset: number;
  end: number;

  constructor(bytes: Uint8Array, offset: number, end: number, bson: DeserializeOptions = {}) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#offset = offset;
    this.end = end;
    this.#bson = bson;
  }

  get offset(): number {
    return this.#offset;
  }

  get remaining(): number {
    return this.end - this.#offset;
  }

  #need(size: number, field: string): number {
    if (this.remaining < size) throw wireError(field, `message truncated in field ${field}`);
    const at = this.#offset;
    this.#offset += size;
    return at;
  }

  uint8(field: string): number {
    return this.#bytes[this.#need(1, field)]!;
  }

  int32(field: string): number {
    return this.#view.getInt32(this.#need(4, field), true);
  }

  uint32(field: string): number {
    return this.#view.getUint32(this.#need(4, field), true);
  }

  int64(field: string): bigint {
    return this.#view.getBigInt64(this.#need(8, field), true);
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(field: string): string {
    const nul = this.#bytes.subarray(this.#offset, this.end).indexOf(0);
    if (nul < 0) throw wireError(field, `unterminated string in field ${field}`);
    const at = this.#need(nul + 1, field);
    try {
      return utf8.decode(this.#bytes.subarray(at, at + nul));
    } catch {
      throw wireError(field, `invalid UTF-8 in field ${field}`);
    }
  }

  /** One BSON document, whose declared length must fit before `end`. */
  document(field: string): Document {
    if (this.remaining < 5) throw wireError(field, `message truncated in field ${field}`);
    const size = this.#view.getInt32(this.#offset, true);
    if (size < 5 || size > MAX_COMMAND_DOCUMENT_SIZE) throw wireError(field, `invalid document length in field ${field}`);
    const at = this.#need(size, field);
    try {
      return deserialize(this.#bytes.subarray(at, at + size), this.#bson);
    } catch {
      // bson errors can quote keys or values of the document: none of it travels further.
      throw wireError(field, `invalid BSON document in field ${field}`);
    }
  }
}
