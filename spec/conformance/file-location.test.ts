/** Registers the file-location vector suite with node:test. */
import { registerSuite } from './harness.js';
import { suite } from './file-location.suite.js';

registerSuite(suite);
