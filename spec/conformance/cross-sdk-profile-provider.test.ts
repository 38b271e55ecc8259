import { registerSuite } from './harness.js';
import { suite } from './cross-sdk-profile-provider.suite.js';

registerSuite(suite);
