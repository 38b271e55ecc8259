// Exact tarball file list (`npm pack --dry-run --json`): package.json, README.md, LICENSE, the bin and one .js + .d.ts per lib/ source, nothing else; every package.json target shipped; run after `npx tsc -p .`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const REQUIRED = ['package.json', 'README.md', 'LICENSE', 'bin/mongodb-aws-auth.js'];
const fail = [];
const warn = [];

if (!existsSync(resolve(root, 'dist/lib/index.js'))) {
  console.error('check-pack: dist/lib/index.js is missing; run `npx tsc -p .` first');
  process.exit(1);
}

let packed;
try {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32',
  });
  packed = JSON.parse(out)[0];
} catch (error) {
  console.error(`check-pack: \`npm pack --dry-run --json\` failed: ${error.stderr ?? error.message}`);
  process.exit(1);
}
const shipped = new Map(packed.files.map((f) => [f.path, f]));

// Expected: the manifest files, the bin, and for every lib/**/*.ts source (not .d.ts) its emitted .js and .d.ts.
const sources = readdirSync(resolve(root, 'lib'), { recursive: true })
  .map((f) => f.split('\\').join('/'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const expected = new Set(REQUIRED);
for (const src of sources) {
  const base = `dist/lib/${src.slice(0, -'.ts'.length)}`;
  expected.add(`${base}.js`);
  expected.add(`${base}.d.ts`);
}

const extra = new Map(); // reason -> paths, so 100 stray maps read as one line
for (const path of shipped.keys()) {
  if (expected.has(path)) continue;
  let why = 'not part of the published artifact';
  if (/\.map$/.test(path)) why = 'source maps (not in `files`; useless without the lib/ sources)';
  else if (/^dist\/lib\/.*\.(js|d\.ts)$/.test(path)) why = 'emitted files with no lib/ source: stale build output (delete dist/ and rebuild)';
  else if (/^(dist\/)?(spec|fixtures|scripts|coverage)\//.test(path)) why = 'tests, fixtures or tooling';
  else if (/vectors|\.json$|\.ya?ml$/i.test(path)) why = 'data files (test vectors / MongoDB spec data may not be redistributed)';
  extra.set(why, [...(extra.get(why) ?? []), path]);
}
for (const [why, paths] of extra) fail.push(`ships ${paths.length} file(s) of ${why}: ${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}`);
for (const path of expected) {
  if (shipped.has(path)) continue;
  fail.push(`missing ${path}${path.startsWith('dist/') ? ' (lib/ source not built? run `npx tsc -p .`)' : ''}`);
}

// Every target named by package.json (exports, main, types, bin) must be in the tarball.
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const targets = [];
const collect = (value, where) => {
  if (typeof value === 'string') targets.push([value, where]);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, `${where}[${JSON.stringify(k)}]`);
};
collect(pkg.exports, 'exports');
collect(pkg.main, 'main');
collect(pkg.types, 'types');
collect(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : pkg.bin, 'bin');
if (targets.filter(([, w]) => w.startsWith('exports')).length === 0) fail.push('package.json has no exports');
for (const [target, where] of targets) {
  const path = posix.normalize(target.replace(/^\.\//, ''));
  if (target.includes('*')) fail.push(`package.json ${where}: pattern targets are not checked by this script (${target})`);
  else if (!shipped.has(path)) fail.push(`package.json ${where} -> ${target}: not in the tarball`);
}

// The bin: a node shebang, executable, and every relative import it makes is shipped.
for (const bin of targets.filter(([, w]) => w.startsWith('bin')).map(([t]) => posix.normalize(t.replace(/^\.\//, '')))) {
  const entry = shipped.get(bin);
  if (entry === undefined) continue;
  const text = readFileSync(resolve(root, bin), 'utf8');
  if (!text.startsWith('#!/usr/bin/env node\n')) fail.push(`${bin}: first line is not \`#!/usr/bin/env node\``);
  if ((entry.mode & 0o111) === 0) warn.push(`${bin}: mode ${entry.mode.toString(8)} in the tarball (npm sets +x on install; \`git update-index --chmod=+x\`)`);
  for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    if (!spec.startsWith('.')) continue;
    const path = posix.normalize(posix.join(posix.dirname(bin), spec));
    if (!shipped.has(path)) fail.push(`${bin} imports ${spec} -> ${path}: not in the tarball`);
  }
}

// Shipped .js files point at .js.map files that are not shipped: harmless for Node, noisy for some bundlers.
const dangling = [...shipped.keys()].filter((p) => p.endsWith('.js') && p.startsWith('dist/') &&
  /\/\/# sourceMappingURL=(?!data:)/.test(readFileSync(resolve(root, p), 'utf8')) && !shipped.has(`${p}.map`));
if (dangling.length > 0) warn.push(`${dangling.length} shipped .js file(s) end with a sourceMappingURL to an unshipped .map (e.g. ${dangling[0]})`);

for (const w of warn) console.warn(`check-pack: warning: ${w}`);
if (fail.length > 0) {
  console.error(`check-pack: ${fail.length} problem(s) in ${packed.filename}\n${fail.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-pack: ok — ${packed.filename}: ${shipped.size} files (${sources.length} modules × .js/.d.ts + ${REQUIRED.length}), ` +
  `${packed.size} bytes packed, ${packed.unpackedSize} unpacked; ${targets.length} package.json targets present`);
