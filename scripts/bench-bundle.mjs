// Bundle size of `export { fromNodeProviderChain }` (esbuild, minified, gzip -9, input files) and the single-file bundle's import time, ours vs the AWS SDK.
// Usage: node scripts/bench-bundle.mjs [runs=15] — after a build. Fresh processes, interleaved; no network.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv[2] ?? 15);
const IMPLS = [
  { name: 'ours', label: 'mongodb-aws-auth', specifier: './dist/lib/index.js' },
  { name: 'sdk', label: '@aws-sdk/credential-providers', specifier: '@aws-sdk/credential-providers' },
];
// esbuild's ESM output of CommonJS code calls require() for built-ins; give it one (the usual banner for Node ESM bundles).
const BANNER = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const dir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
const home = join(dir, 'home');
mkdirSync(home);
const sizes = {};
for (const impl of IMPLS) {
  const result = await build({
    stdin: { contents: `export { fromNodeProviderChain } from '${impl.specifier}';`, resolveDir: root, loader: 'js', sourcefile: `${impl.name}.js` },
    bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, logLevel: 'silent',
    banner: { js: BANNER },
  });
  const bytes = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('<stdin>'));
  impl.file = join(dir, `${impl.name}.bundle.mjs`);
  writeFileSync(impl.file, bytes);
  sizes[impl.name] = { minified: bytes.length - Buffer.byteLength(BANNER) - 1, gzip: gzipSync(bytes, { level: 9 }).length, inputs: inputs.length };
}

// The child imports the bundle and fetches env credentials once (proves the bundle works), timing both.
const CHILD = `import { performance } from 'node:perf_hooks';
const t0 = performance.now();
const m = await import(process.argv[2]);
const t1 = performance.now();
const c = await m.fromNodeProviderChain()();
const t2 = performance.now();
if (c.accessKeyId !== process.env.AWS_ACCESS_KEY_ID) throw new Error('wrong credentials');
const u = process.cpuUsage();
process.stdout.write(JSON.stringify({ import: t1 - t0, creds: t2 - t1, total: t2, cpu: (u.user + u.system) / 1000 }));
`;
const childFile = join(dir, 'child.mjs');
writeFileSync(childFile, CHILD);
const childEnv = {
  PATH: process.env.PATH ?? '', HOME: home, AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'AKIDBENCHBUNDLE00001', AWS_SECRET_ACCESS_KEY: 'benchBundleSecretKeyNotReal0000000000000',
  AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
};
const runChild = (file) => new Promise((done, reject) => {
  const child = spawn(process.execPath, [childFile, file], { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  child.on('error', reject);
  child.on('close', (code) => (code === 0 ? done(JSON.parse(out)) : reject(new Error(`child exited ${code}: ${err.split('\n').slice(0, 3).join(' ')}`))));
});

const samples = { ours: [], sdk: [] };
const deadline = performance.now() + 90_000;
try {
  for (const impl of IMPLS) await runChild(impl.file); // warm the file cache; discarded
  for (let r = 0; r < RUNS && performance.now() < deadline; r++) {
    for (const impl of r % 2 === 0 ? IMPLS : [...IMPLS].reverse()) samples[impl.name].push(await runChild(impl.file));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const med = (name, key) => median(samples[name].map((s) => s[key]));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [
  ['', 'ours', 'SDK', 'SDK/ours'],
  ['input files', String(sizes.ours.inputs), String(sizes.sdk.inputs), `${(sizes.sdk.inputs / sizes.ours.inputs).toFixed(1)}×`],
  ['minified', kb(sizes.ours.minified), kb(sizes.sdk.minified), `${(sizes.sdk.minified / sizes.ours.minified).toFixed(1)}×`],
  ['gzip -9', kb(sizes.ours.gzip), kb(sizes.sdk.gzip), `${(sizes.sdk.gzip / sizes.ours.gzip).toFixed(1)}×`],
  ['bundle import (ms, p50)', med('ours', 'import').toFixed(1), med('sdk', 'import').toFixed(1), `${(med('sdk', 'import') / med('ours', 'import')).toFixed(2)}×`],
  ['first credentials (ms, p50)', med('ours', 'creds').toFixed(1), med('sdk', 'creds').toFixed(1), `${(med('sdk', 'creds') / med('ours', 'creds')).toFixed(2)}×`],
  ['process start → credentials (ms, p50)', med('ours', 'total').toFixed(1), med('sdk', 'total').toFixed(1), `${(med('sdk', 'total') / med('ours', 'total')).toFixed(2)}×`],
  ['CPU to credentials, user+sys (ms, p50)', med('ours', 'cpu').toFixed(1), med('sdk', 'cpu').toFixed(1), `${(med('sdk', 'cpu') / med('ours', 'cpu')).toFixed(2)}×`],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`bundle: esbuild (bundle, minify, platform node, esm) of export { fromNodeProviderChain }; import timed in ${samples.ours.length} fresh processes each, interleaved`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
console.log(`(sizes exclude the 2-line createRequire banner both bundles get; gzip includes it; node ${process.version})`);
console.log(`SUMMARY bundle: fromNodeProviderChain ${kb(sizes.ours.gzip)} gzip (${sizes.ours.inputs} files) vs SDK ${kb(sizes.sdk.gzip)} (${sizes.sdk.inputs} files) = ` +
  `${(sizes.sdk.gzip / sizes.ours.gzip).toFixed(1)}× smaller; bundle import ${med('ours', 'import').toFixed(1)} vs ${med('sdk', 'import').toFixed(1)} ms (${(med('sdk', 'import') / med('ours', 'import')).toFixed(1)}×), CPU to credentials ${med('ours', 'cpu').toFixed(1)} vs ${med('sdk', 'cpu').toFixed(1)} ms (${(med('sdk', 'cpu') / med('ours', 'cpu')).toFixed(1)}×)`);
