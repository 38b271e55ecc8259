// Type-checks the ```ts / ```js blocks of README.md (info `no-check` skips one) against the built package through its own name (`exports`); run after `npx tsc -p .`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const README = resolve(root, 'README.md');
const LANGS = { ts: 'ts', typescript: 'ts', js: 'mjs', javascript: 'mjs', mjs: 'mjs' };

if (!existsSync(README)) {
  console.log('check-examples: no README.md, no examples');
  process.exit(0);
}

/** Fenced blocks (``` or ~~~, 3+ characters) with their language, info string and first content line (1-based). */
function extract(markdown) {
  const blocks = [];
  let open = null;
  markdown.split(/\r?\n/).forEach((line, i) => {
    if (open === null) {
      const m = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)(.*)$/.exec(line);
      if (m) open = { fence: m[1], lang: m[2].toLowerCase(), info: m[3].trim(), line: i + 2, body: [] };
    } else if (line.trim().startsWith(open.fence[0].repeat(open.fence.length)) && line.trim().replace(/[`~]/g, '') === '') {
      blocks.push(open);
      open = null;
    } else open.body.push(line);
  });
  if (open !== null) blocks.push({ ...open, unclosed: true });
  return blocks;
}

const blocks = extract(readFileSync(README, 'utf8'));
const unclosed = blocks.filter((b) => b.unclosed);
if (unclosed.length > 0) {
  console.error(`check-examples: README.md:${unclosed[0].line - 1}: code fence never closed`);
  process.exit(1);
}
const code = blocks.filter((b) => b.lang in LANGS);
const checked = code.filter((b) => !/\bno-check\b/.test(b.info));
const skipped = code.length - checked.length;
if (checked.length === 0) {
  console.log(`check-examples: no examples (${code.length} ts/js block(s) in README.md${skipped ? `, ${skipped} marked no-check` : ''})`);
  process.exit(0);
}
if (!existsSync(resolve(root, 'dist/lib/index.d.ts'))) {
  console.error('check-examples: dist/lib/index.d.ts is missing; run `npx tsc -p .` first (examples compile against the built package)');
  process.exit(1);
}

// The project's compiler options, minus what belongs to its own build. Examples may leave a variable unused.
const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.json'), 'utf8'));
const compilerOptions = { ...tsconfig.compilerOptions };
for (const key of ['rootDir', 'outDir', 'declaration', 'sourceMap', 'composite', 'tsBuildInfoFile', 'incremental']) delete compilerOptions[key];
Object.assign(compilerOptions, {
  noEmit: true,
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  moduleDetection: 'force', // every block is a module, so top-level await works without an import
  allowJs: true,
  checkJs: true,
  noUnusedLocals: false,
  noUnusedParameters: false,
});

// Inside the package (under dist/), so `mongodb-aws-auth` resolves to this package through its `exports` map and
// `mongodb` / `bson` through node_modules, exactly as a consumer sees them (the emitted .d.ts, not lib/).
const dir = resolve(root, 'dist', `.check-examples-${process.pid}`);
const fileToBlock = new Map();
let status = 1;
try {
  mkdirSync(dir, { recursive: true });
  checked.forEach((block, n) => {
    const name = `readme-${String(n + 1).padStart(2, '0')}-L${block.line}.${LANGS[block.lang]}`;
    writeFileSync(join(dir, name), `${block.body.join('\n')}\n`);
    fileToBlock.set(name, block);
  });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: [...fileToBlock.keys()] }, null, 2));
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  status = run.status ?? 1;
  const output = `${run.stdout}${run.stderr}`.trim();
  if (status !== 0) {
    // file.ts(3,10): error TS… -> README.md:<block line + 2>:10 (block 1, ts): error TS…
    const mapped = output.split('\n').map((line) => {
      const m = /^(?:.*[\\/])?(readme-[\w-]+\.m?[jt]s)\((\d+),(\d+)\): (.*)$/.exec(line);
      if (!m || !fileToBlock.has(m[1])) return `  ${line}`;
      const block = fileToBlock.get(m[1]);
      return `  README.md:${block.line + Number(m[2]) - 1}:${m[3]} (${block.lang} block at line ${block.line - 1}): ${m[4]}`;
    });
    console.error(`check-examples: ${checked.length} block(s) type-checked, errors:\n${mapped.join('\n')}`);
  }
} finally {
  if (process.env.KEEP_EXAMPLES) console.error(`check-examples: kept ${relative(root, dir)}`);
  else rmSync(dir, { recursive: true, force: true });
}
if (status !== 0) process.exit(1);
const langs = checked.reduce((acc, b) => ({ ...acc, [LANGS[b.lang]]: (acc[LANGS[b.lang]] ?? 0) + 1 }), {});
console.log(`check-examples: ok — ${checked.length} README block(s) type-checked (${Object.entries(langs).map(([k, v]) => `${v} ${k}`).join(', ')})` +
  `${skipped ? `, ${skipped} marked no-check skipped` : ''}; lines ${checked.map((b) => b.line - 1).join(', ')}`);
