/** Runs the two MONGODB-AWS round trips (saslStart, saslContinue on `$external`) over a caller-supplied command runner. */
import type { Document } from 'bson';
import { describeCause, MongoAwsError, MongoAwsProtocolError, MongoAwsServerError } from '../errors.js';
import type { ResolvedCredentials } from '../types.js';
import { AUTH_DB, numericValue, parseSaslReply, saslContinueCommand, saslStartCommand } from './commands.js';
import { continueConversation, startConversation, type ConversationOptions } from './conversation.js';

/** Sends one command to database `db` and resolves with the server's reply document (`ok: 0` included). */
export type RunCommand = (db: string, command: Document) => Promise<Document>;

async function run(runCommand: RunCommand, step: 'saslStart' | 'saslContinue', command: Document): Promise<unknown> {
  try {
    return await runCommand(AUTH_DB, command);
  } catch (error) {
    if (MongoAwsError.isMongoAwsError(error)) throw error;
    throw new MongoAwsServerError('ERR_SERVER_COMMAND', `MONGODB-AWS ${step} command failed (${describeCause(error)})`);
  }
}

function sameConversation(a: unknown, b: unknown): boolean {
  return numericValue(a) === numericValue(b);
}

/**
 * Authenticates one connection with MONGODB-AWS. Credentials are fetched first (errors from `getCredentials`
 * propagate unchanged), then saslStart and saslContinue run on `$external`, echoing the server's conversationId.
 * Throws ERR_AUTHENTICATION_FAILED (serverCode, remoteCode) on `ok: 0`, ERR_SASL_CONVERSATION when the server
 * ends the conversation early or does not end it after saslContinue, and the payload errors of server-first.
 */
export async function authenticate(
  runCommand: RunCommand,
  getCredentials: () => Promise<ResolvedCredentials>,
  options?: ConversationOptions,
): Promise<void> {
  const credentials = await getCredentials();
  const first = startConversation(options);
  const started = parseSaslReply(await run(runCommand, 'saslStart', saslStartCommand(first.payload)), 'saslStart');
  if (started.done) {
    throw new MongoAwsProtocolError('ERR_SASL_CONVERSATION', 'server ended the MONGODB-AWS conversation after saslStart', { field: 'done' });
  }
  const final = continueConversation(first.clientNonce, started.payload, credentials, options);
  const continued = parseSaslReply(await run(runCommand, 'saslContinue', saslContinueCommand(started.conversationId, final)), 'saslContinue');
  if (!sameConversation(started.conversationId, continued.conversationId)) {
    throw new MongoAwsProtocolError('ERR_SASL_CONVERSATION', 'saslContinue reply names another conversation', { field: 'conversationId' });
  }
  if (!continued.done) {
    throw new MongoAwsProtocolError('ERR_SASL_CONVERSATION', 'server did not complete the MONGODB-AWS conversation after saslContinue', { field: 'done' });
  }
}
