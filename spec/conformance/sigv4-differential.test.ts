/** Runs the SigV4 differential suite (ours vs @smithy/signature-v4) under node:test. */
import { registerSuite } from './harness.js';
import { suite } from './sigv4-differential.suite.js';

registerSuite(suite);
