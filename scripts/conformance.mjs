// Runs every vector suite and prints, per suite, passed/total and the named divergences. Fails when vectors are missing.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve('dist/spec/conformance');
const suiteFiles = readdirSync(dir).filter((f) => f.endsWith('.suite.js')).sort();
const { vectorsDir } = await import(pathToFileURL(join(dir, 'harness.js')).href);
try {
  console.log(`vectors: ${vectorsDir()}`);
} catch (error) {
  console.error(`conformance: FAILED: ${error.message}`);
  process.exit(1);
}

let failed = 0;
let passedAll = 0;
let totalAll = 0;
for (const file of suiteFiles) {
  const { suite } = await import(pathToFileURL(join(dir, file)).href);
  const cases = await suite.cases();
  let passed = 0;
  const divergences = [];
  const failures = [];
  for (const c of cases) {
    try {
      await c.run();
      passed++;
      if (c.divergence !== undefined) divergences.push(`${c.name}: ${c.divergence}`);
    } catch (error) {
      failures.push(`${c.name}: ${error && error.message ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  passedAll += passed;
  totalAll += cases.length;
  if (cases.length === 0) failures.push('no cases found');
  failed += failures.length;
  console.log(`${failures.length === 0 ? 'ok  ' : 'FAIL'} ${suite.name}: ${passed}/${cases.length}${divergences.length ? `, ${divergences.length} divergence(s)` : ''}`);
  for (const d of divergences) console.log(`       divergence: ${d}`);
  for (const f of failures) console.log(`       failed: ${f}`);
}
console.log(`conformance: ${passedAll} passed, ${totalAll - passedAll} failed`);
process.exit(failed === 0 ? 0 : 1);
