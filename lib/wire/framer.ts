/** Splits a byte stream into whole wire messages; a length outside [16, max] poisons the stream. */
import { wireError } from './read.js';
import { HEADER_SIZE, MAX_MESSAGE_SIZE } from './types.js';

export interface MessageFramerOptions {
  /** Largest accepted messageLength (default MAX_MESSAGE_SIZE). */
  readonly maxMessageSize?: number;
}

/** Feed socket chunks with `push`; get back every message completed so far, each as its own copy. */
export class MessageFramer {
  readonly maxMessageSize: number;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #failed = false;

  constructor(options: MessageFramerOptions = {}) {
    this.maxMessageSize = options.maxMessageSize ?? MAX_MESSAGE_SIZE;
  }

  /** Bytes held that do not yet form a whole message. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Throws ERR_WIRE_PROTOCOL (field messageLength) on an impossible length, and on every call after that. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.#failed) throw wireError('messageLength', 'stream already failed');
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const out: Uint8Array[] = [];
    while (this.#buffered >= 4) {
      const length = this.#peekLength();
      if (length < HEADER_SIZE || length > this.maxMessageSize) {
        this.#failed = true;
        this.#chunks = [];
        this.#buffered = 0;
        throw wireError('messageLength', 'message length out of bounds');
      }
      if (this.#buffered < length) break;
      out.push(this.#take(length));
    }
    return out;
  }

  #peekLength(): number {
    if (this.#chunks[0]!.length < 4) {
      const merged = this.#take(this.#buffered);
      this.#chunks = [merged];
      this.#buffered = merged.length;
    }
    const first = this.#chunks[0]!;
    return new DataView(first.buffer, first.byteOffset, first.byteLength).getInt32(0, true);
  }

  /** Removes and returns the first `size` bytes (size ≤ buffered), copied into one array. */
  #take(size: number): Uint8Array {
    const out = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const chunk = this.#chunks[0]!;
      const n = Math.min(chunk.length, size - at);
      out.set(chunk.subarray(0, n), at);
      at += n;
      if (n === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(n);
    }
    this.#buffered -= size;
    return out;
  }
}
