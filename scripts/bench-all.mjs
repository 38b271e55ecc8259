// Runs every benchmark (cold start, bundle, sign, provider) in its own process, in sequence, then prints their SUMMARY lines.
// Usage: node scripts/bench-all.mjs [--quick] — after a build (`npm run bench` builds first). Loopback only; exits 1 if one fails.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(import.meta.dirname, '..');
const quick = process.argv.includes('--quick');
// [script, default args, --quick args]
const BENCHES = [
  ['bench-cold-start.mjs', [], ['7']],
  ['bench-bundle.mjs', [], ['7']],
  ['bench-sign.mjs', [], ['5000', '3']],
  ['bench-provider.mjs', [], ['7', '5000']],
];
const LIMIT_MS = 240_000; // per benchmark

if (!existsSync(resolve(root, 'dist/lib/index.js')) || !existsSync(resolve(root, 'dist/lib/emulator/index.js'))) {
  console.error('bench-all: dist/lib not found; run `npm run build` first (or `npm run bench`)');
  process.exit(1);
}

function run(script, args) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(import.meta.dirname, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    const timer = setTimeout(() => child.kill('SIGTERM'), LIMIT_MS);
    child.on('close', (code, signal) => { clearTimeout(timer); done({ code: code ?? signal, out }); });
  });
}

const summaries = [];
let failed = false;
const started = performance.now();
for (const [script, args, quickArgs] of BENCHES) {
  console.log(`\n=== ${script} ${(quick ? quickArgs : args).join(' ')}`.trimEnd());
  const t = performance.now();
  const { code, out } = await run(script, quick ? quickArgs : args);
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  const lines = out.split('\n').filter((l) => l.startsWith('SUMMARY '));
  if (code !== 0) failed = true;
  summaries.push(...(lines.length > 0 ? lines.map((l) => l.slice('SUMMARY '.length)) : [`${script}: no summary`]));
  if (code !== 0) summaries.push(`${script}: FAILED (${code})`);
  console.log(`(${script}: ${seconds} s)`);
}

console.log(`\n=== summary (node ${process.version}, ${process.platform}/${process.arch}, ${((performance.now() - started) / 1000).toFixed(0)} s${quick ? ', --quick' : ''})`);
for (const line of summaries) console.log(`- ${line}`);
process.exitCode = failed ? 1 : 0;
