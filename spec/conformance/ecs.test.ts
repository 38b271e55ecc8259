/** Registers the container-provider (ECS/EKS) vector suite with node:test. */
import { registerSuite } from './harness.js';
import { suite } from './ecs.suite.js';

registerSuite(suite);
