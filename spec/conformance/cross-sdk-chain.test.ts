import { registerSuite } from './harness.js';
import { suite } from './cross-sdk-chain.suite.js';

registerSuite(suite);
