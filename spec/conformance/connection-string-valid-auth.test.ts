/** Registers the MongoDB connection-string valid-auth vectors with node:test. */
import { registerSuite } from './harness.js';
import { suite } from './connection-string-valid-auth.suite.js';

registerSuite(suite);
