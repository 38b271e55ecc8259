/** The wire-message API shared by the emulator and the wire client: OP_MSG, OP_QUERY, OP_REPLY and their framing. */
export * from './types.js';
export { MAX_COMMAND_DOCUMENT_SIZE } from './read.js';
export { encodeOpMsg, encodeOpQuery, encodeOpReply } from './encode.js';
export { decodeMessage, readHeader } from './decode.js';
export { MessageFramer, type MessageFramerOptions } from './framer.js';
export { crc32c } from './crc32c.js';
