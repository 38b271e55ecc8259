/** `mongodb-aws-auth/sasl` entry: the MONGODB-AWS SASL conversation (needs the `bson` peer dependency). */
export { authenticate, type RunCommand } from './authenticate.js';
export { AUTH_DB, MECHANISM } from './commands.js';
export { deriveRegion, validateStsHost } from './region.js';
export type { ResolvedCredentials } from '../types.js';
export { connect, type ConnectOptions, type ConnectTimings, type MongoAwsConnection } from '../client/connect.js';
