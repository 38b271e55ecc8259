/** Registers the IMDS endpoint vector suite with node:test. */
import { registerSuite } from './harness.js';
import { suite } from './imds-endpoint.suite.js';

registerSuite(suite);
