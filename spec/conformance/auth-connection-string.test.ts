/** Registers the MongoDB legacy auth connection-string vectors (MONGODB-AWS cases) with node:test. */
import { registerSuite } from './harness.js';
import { suite } from './auth-connection-string.suite.js';

registerSuite(suite);
