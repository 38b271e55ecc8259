// fromNodeProviderChain on the loopback emulator: first-fetch latency (container, IMDS) and warm cached calls/s, ours vs the AWS SDK.
// Usage: node scripts/bench-provider.mjs [rounds=41] [calls=20000] — after a build. 127.0.0.1 only; restores process.env.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { fromNodeProviderChain as sdkChain } from '@aws-sdk/credential-providers';

const root = resolve(import.meta.dirname, '..');
const { fromNodeProviderChain: oursChain } = await import(pathToFileURL(resolve(root, 'dist/lib/index.js')).href);
const { startEmulator } = await import(pathToFileURL(resolve(root, 'dist/lib/emulator/index.js')).href);
const ROUNDS = Number(process.argv[2] ?? 41);
const CALLS = Number(process.argv[3] ?? 20_000);
const IMPLS = { ours: oursChain, sdk: sdkChain };

const savedEnv = { ...process.env };
const home = mkdtempSync(join(tmpdir(), 'bench-provider-'));
/** Only this phase's variables: no inherited AWS_*, no profile files (HOME is an empty directory). */
function setEnv(vars) {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') }, vars);
}
function restoreEnv() {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p90 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)]; };
const check = (c, expectKey) => {
  if (typeof c.accessKeyId !== 'string' || c.accessKeyId === '' || (expectKey !== undefined && c.accessKeyId !== expectKey)) throw new Error('unexpected credentials');
};

/** First call of a new provider, ROUNDS times per implementation, alternating; one discarded warm-up each (lazy module loads). */
async function firstFetch(vars) {
  setEnv(vars);
  const out = { ours: [], sdk: [] };
  for (const name of Object.keys(IMPLS)) check(await IMPLS[name]()());
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of r % 2 === 0 ? ['ours', 'sdk'] : ['sdk', 'ours']) {
      const provider = IMPLS[name]();
      const start = performance.now();
      const c = await provider();
      out[name].push(performance.now() - start);
      check(c);
    }
  }
  return out;
}

/** Calls/s of one warm provider (first fetch and a JIT warm-up done), 3 rounds of CALLS sequential awaits, alternating. */
async function warmCalls(vars, expectKey) {
  setEnv(vars);
  const providers = {};
  for (const name of Object.keys(IMPLS)) {
    providers[name] = IMPLS[name]();
    check(await providers[name](), expectKey);
  }
  for (const name of Object.keys(IMPLS)) for (let i = 0; i < CALLS / 4; i++) await providers[name](); // JIT warm-up
  const out = { ours: [], sdk: [] };
  for (let r = 0; r < 3; r++) {
    for (const name of r % 2 === 0 ? ['ours', 'sdk'] : ['sdk', 'ours']) {
      const provider = providers[name];
      const start = performance.now();
      for (let i = 0; i < CALLS; i++) await provider();
      out[name].push(CALLS / ((performance.now() - start) / 1000));
    }
  }
  check(await providers.ours(), expectKey);
  return out;
}

const safety = setTimeout(() => { console.error('bench-provider: time limit reached'); process.exit(2); }, 150_000);
safety.unref();
const emulator = await startEmulator();
const results = {};
try {
  const container = emulator.env('container');
  const imds = emulator.env('imds');
  const stat = emulator.env('static');
  results.container = await firstFetch(container);
  results.imds = await firstFetch(imds);
  results.warmContainer = await warmCalls(container);
  results.warmEnv = await warmCalls(stat, stat.AWS_ACCESS_KEY_ID);
} finally {
  restoreEnv();
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
}

const rows = [['measure', 'ours', 'SDK', 'ours speed / SDK']];
const lat = (key, label) => {
  const o = results[key].ours;
  const s = results[key].sdk;
  rows.push([`${label} first fetch, ms p50 (p90)`, `${median(o).toFixed(2)} (${p90(o).toFixed(2)})`, `${median(s).toFixed(2)} (${p90(s).toFixed(2)})`, `${(median(s) / median(o)).toFixed(2)}×`]);
};
const rate = (key, label) => {
  const o = median(results[key].ours);
  const s = median(results[key].sdk);
  rows.push([`${label}, calls/s p50`, Math.round(o).toLocaleString('en-US'), Math.round(s).toLocaleString('en-US'), `${(o / s).toFixed(2)}×`]);
};
lat('container', 'container (full URI + token)');
lat('imds', 'IMDSv2 (token, role, credentials)');
rate('warmContainer', 'warm cached, container credentials');
rate('warmEnv', 'warm, env credentials*');
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`provider: fromNodeProviderChain()() against the loopback emulator; ${ROUNDS} first fetches and 3 × ${CALLS} warm calls per implementation, alternating (node ${process.version})`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
console.log('(ratio > 1: ours faster)  * ours re-reads the environment on every call (MongoDB spec: env credentials are never cached); the SDK memoizes them.');
const r = (k) => (median(results[k].sdk) / median(results[k].ours)).toFixed(2);
console.log(`SUMMARY provider: first fetch container ${median(results.container.ours).toFixed(2)} vs SDK ${median(results.container.sdk).toFixed(2)} ms (${r('container')}×), ` +
  `IMDS ${median(results.imds.ours).toFixed(2)} vs ${median(results.imds.sdk).toFixed(2)} ms (${r('imds')}×); warm cached ` +
  `${Math.round(median(results.warmContainer.ours)).toLocaleString('en-US')} vs ${Math.round(median(results.warmContainer.sdk)).toLocaleString('en-US')} calls/s ` +
  `(${(median(results.warmContainer.ours) / median(results.warmContainer.sdk)).toFixed(2)}×)`);
