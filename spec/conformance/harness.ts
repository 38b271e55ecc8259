/** Shared shape of the vector suites: each suite lists named cases that both `npm test` and `npm run conformance` run. */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

export interface VectorCase {
  /** The vector's own name (file, folder or description), so a failure points at the data. */
  readonly name: string;
  /** Throws when our behaviour differs from the vector (or, for a divergence, from the documented divergence). */
  readonly run: () => void | Promise<void>;
  /** Set when the project deliberately differs from the vector; the reason is printed by the conformance run. */
  readonly divergence?: string;
}

export interface VectorSuite {
  readonly name: string;
  readonly cases: () => Promise<readonly VectorCase[]>;
}

/** Repository root, from dist/spec/conformance or spec/conformance. */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json'))) dir = dirname(dir);
  return dir;
})();

export const VECTORS_ENV = 'MONGODB_AWS_AUTH_VECTORS';

/** The vectors folder: $MONGODB_AWS_AUTH_VECTORS, else ../shared/vectors. Throws loudly when absent. */
export function vectorsDir(): string {
  const dir = process.env[VECTORS_ENV] ?? resolve(repoRoot, '..', 'shared', 'vectors');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`vector folder not found: ${dir} (set ${VECTORS_ENV} to the folder holding aws-sigv4-testsuite/, aws-sdk-cross-sdk/ and mongodb-spec/)`);
  }
  return dir;
}

export function vectorPath(...parts: string[]): string {
  return resolve(vectorsDir(), ...parts);
}

/** Registers every case of a suite with node:test, titled `<suite>: <case>`. A missing vector folder fails the file. */
export function registerSuite(suite: VectorSuite): void {
  test(`${suite.name} (vector suite)`, async (t) => {
    const cases = await suite.cases();
    if (cases.length === 0) throw new Error(`${suite.name}: no cases found`);
    for (const c of cases) {
      await t.test(c.divergence === undefined ? c.name : `${c.name} [divergence]`, async () => {
        await c.run();
      });
    }
  });
}
