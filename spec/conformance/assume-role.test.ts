/** Registers the cross-SDK assume-role planning vectors with node:test. */
import { registerSuite } from './harness.js';
import { suite } from './assume-role.suite.js';

registerSuite(suite);
