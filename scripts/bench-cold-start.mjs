// Cold start in fresh processes: import time and first env credentials from fromNodeProviderChain()(), ours vs the AWS SDK.
// Usage: node scripts/bench-cold-start.mjs [runs=15] — after a build. Runs interleaved; no network (env credentials only).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv[2] ?? 15);
const IMPLS = [
  { name: 'ours', label: 'mongodb-aws-auth (dist/lib/index.js)', url: pathToFileURL(resolve(root, 'dist/lib/index.js')).href },
  { name: 'sdk', label: '@aws-sdk/credential-providers', url: import.meta.resolve('@aws-sdk/credential-providers') },
  { name: 'node', label: 'node alone (no import; floor)', url: '' },
];

// The child: times from process start (performance.timeOrigin), one JSON line on stdout.
const CHILD = `import { performance } from 'node:perf_hooks';
const url = process.argv[2];
const t0 = performance.now();
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
if (url === '') { process.stdout.write(JSON.stringify({ start: t0, total: performance.now(), cpu: cpu(), rss: process.resourceUsage().maxRSS })); }
else {
  const m = await import(url);
  const t1 = performance.now();
  const c = await m.fromNodeProviderChain()();
  const t2 = performance.now();
  if (c.accessKeyId !== process.env.AWS_ACCESS_KEY_ID) throw new Error('wrong credentials');
  process.stdout.write(JSON.stringify({ start: t0, import: t1 - t0, creds: t2 - t1, total: t2, cpu: cpu(), rss: process.resourceUsage().maxRSS }));
}
`;

const dir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
const home = join(dir, 'home');
const childFile = join(dir, 'child.mjs');
writeFileSync(childFile, CHILD);
writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
await import('node:fs').then((fs) => fs.mkdirSync(home));

// A minimal environment: no inherited AWS_* or NODE_OPTIONS; HOME empty, so no profile files exist.
const childEnv = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  AWS_ACCESS_KEY_ID: 'AKIDBENCHCOLDSTART01',
  AWS_SECRET_ACCESS_KEY: 'benchColdStartSecretKeyNotReal0000000000',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: join(home, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
};

function runChild(url) {
  return new Promise((resolveRun, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [childFile, url], { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = performance.now() - start;
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err.split('\n').slice(0, 3).join(' ')}`));
      resolveRun({ ...JSON.parse(out), wall });
    });
  });
}

const samples = Object.fromEntries(IMPLS.map((i) => [i.name, []]));
const deadline = performance.now() + 120_000;
try {
  for (const impl of IMPLS) await runChild(impl.url); // warm the file cache; discarded
  for (let r = 0; r < RUNS && performance.now() < deadline; r++) {
    // Rotate the order each run so machine noise falls on every implementation alike.
    for (let k = 0; k < IMPLS.length; k++) {
      const impl = IMPLS[(r + k) % IMPLS.length];
      samples[impl.name].push(await runChild(impl.url));
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const quantile = (xs, q) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
};
const stat = (name, key) => ({ p50: quantile(samples[name].map((s) => s[key]), 0.5), p90: quantile(samples[name].map((s) => s[key]), 0.9) });
const METRICS = [
  ['import', 'import (ms)', 1],
  ['creds', 'first credentials after import (ms)', 1],
  ['total', 'process start → credentials (ms)', 1],
  ['cpu', 'CPU time to credentials, user+sys (ms)', 1],
  ['wall', 'child wall time, spawn → exit (ms)', 1],
  ['rss', 'max RSS (MB)', 1 / 1024],
];
const f = (x) => (Number.isNaN(x) ? '-' : x.toFixed(1));
const rows = [['metric', 'ours p50', 'ours p90', 'SDK p50', 'SDK p90', 'SDK/ours', 'node p50']];
const ratios = {};
for (const [key, label, scale] of METRICS) {
  const o = stat('ours', key);
  const s = stat('sdk', key);
  const n = stat('node', key);
  ratios[key] = s.p50 / o.p50;
  rows.push([label, f(o.p50 * scale), f(o.p90 * scale), f(s.p50 * scale), f(s.p90 * scale), `${ratios[key].toFixed(2)}×`, f(n.p50 * scale)]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const runs = samples.ours.length;
console.log(`cold start: ${runs} fresh processes per implementation, interleaved (node ${process.version}); times from process start`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
console.log('(node = an empty process: the floor; CPU time is the least sensitive to other load; p90 by linear interpolation)');
const o = (k) => f(stat('ours', k).p50);
const s = (k) => f(stat('sdk', k).p50);
console.log(`SUMMARY cold-start: import ${o('import')} ms vs SDK ${s('import')} ms (${ratios.import.toFixed(1)}×), ` +
  `start→credentials ${o('total')} vs ${s('total')} ms (${ratios.total.toFixed(1)}×), CPU ${o('cpu')} vs ${s('cpu')} ms (${ratios.cpu.toFixed(1)}×), max RSS ${f(stat('ours', 'rss').p50 / 1024)} vs ${f(stat('sdk', 'rss').p50 / 1024)} MB ` +
  `(${ratios.rss.toFixed(2)}×); medians of ${runs} runs`);
