/** Registers the profile-parser vector suite with node:test. */
import { registerSuite } from './harness.js';
import { suite } from './profile-parser.suite.js';

registerSuite(suite);
