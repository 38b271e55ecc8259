// Import-graph check of dist/lib (esbuild metafile): only node:* and relative specifiers (bson in its folders), no cycles, no bson/emulator/wire/CLI from the root entry, no provider reaching into another (style.md §4); run after `npx tsc -p .`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const DIST = 'dist/lib/';
const ROOT_ENTRY = `${DIST}index.js`;

/** Folders whose modules may import `bson` (the SASL entry, the wire client, the emulator, the CLI). */
const BSON_ALLOWED = ['sasl/', 'client/', 'wire/', 'emulator/', 'cli/'].map((d) => DIST + d);
/** What the root entry must never load: a Lambda bundle of the credential chain carries none of it (style.md §4). */
const ROOT_FORBIDDEN = [
  ['bson', (p) => p === 'bson' || p.startsWith('bson/')],
  ['the emulator', (p) => p.startsWith(`${DIST}emulator/`)],
  ['the wire client', (p) => p.startsWith(`${DIST}client/`) || p.startsWith(`${DIST}wire/`)],
  ['the CLI', (p) => p.startsWith(`${DIST}cli/`)],
  ['the SASL entry', (p) => p.startsWith(`${DIST}sasl/`)],
];
/** Ground floor (style.md §4): imports nothing of the project but the other ground modules. */
const GROUND = ['errors.js', 'secret.js', 'types.js'].map((f) => DIST + f);

// Providers: each file belongs to one provider; a provider may import its own helpers and SHARED, never another's.
const PROVIDERS = `${DIST}providers/`;
/** Helper module -> the provider that owns it. A file not listed here is a provider of its own. */
const OWNER = {
  'container-url': 'container',
  'imds-endpoint': 'imds',
  'process-output': 'process',
  'sso-endpoint': 'sso',
  'sso-parse': 'sso',
};
/** Shared wire-to-domain code for the container and IMDS JSON (style.md §3 `temporary-credentials.ts`). */
const SHARED = new Set(['temporary-credentials']);
/**
 * Cross-provider edges allowed by design: a profile (`fromIni`) names other sources — `credential_source`
 * (Environment, EcsContainer, Ec2InstanceMetadata), `web_identity_token_file`, `credential_process`, `sso_*` — and
 * runs them through each provider's exported resolve function (`resolveEnv`, `resolveContainer`,
 * `resolveInstanceMetadata`, `resolveWebIdentity`, `runCredentialProcess`, `getSsoCredentials`), the same seam the
 * chain (chain/sources.js) uses. Only the provider's front module: its helpers (container-url, sso-parse…) stay private.
 */
const ALLOWED_CROSS = { ini: new Set(['container', 'env', 'imds', 'process', 'sso', 'web-identity']) };

const fail = [];
if (!existsSync(resolve(root, ROOT_ENTRY))) {
  console.error(`check-imports: ${ROOT_ENTRY} is missing; run \`npx tsc -p .\` first`);
  process.exit(1);
}
const files = readdirSync(resolve(root, DIST), { recursive: true })
  .filter((f) => f.endsWith('.js'))
  .map((f) => DIST + f.split('\\').join('/'))
  .sort();

// esbuild resolves every relative specifier (a missing target is a build error) and records each import with its kind.
let metafile;
try {
  ({ metafile } = await build({
    absWorkingDir: root, entryPoints: files, bundle: true, write: false, metafile: true, outdir: 'check-imports-out',
    platform: 'node', format: 'esm', target: 'node20', packages: 'external', splitting: true, logLevel: 'silent',
  }));
} catch (error) {
  const lines = (error.errors ?? [error]).map((e) => `  ${e.text ?? e.message}${e.location ? ` (${e.location.file}:${e.location.line})` : ''}`);
  console.error(`check-imports: esbuild could not link the emitted modules:\n${[...new Set(lines)].join('\n')}`);
  process.exit(1);
}

/** module -> [{ to, spec, kind }] with `to` a dist path for project modules, the specifier otherwise. */
const graph = new Map(files.map((f) => [f, []]));
for (const [input, { imports }] of Object.entries(metafile.inputs)) {
  if (!graph.has(input)) continue; // only dist/lib files are inputs; anything else is reported via its importer
  for (const imp of imports) graph.get(input).push({ to: imp.path, spec: imp.original ?? imp.path, kind: imp.kind, external: imp.external === true });
}

const owner = (file) => OWNER[file.slice(PROVIDERS.length, -'.js'.length)] ?? file.slice(PROVIDERS.length, -'.js'.length);

for (const [from, edges] of graph) {
  for (const { to, spec, kind, external } of edges) {
    const at = `${from}: ${kind} '${spec}'`;
    if (kind !== 'import-statement' && kind !== 'dynamic-import') {
      fail.push(`${at}: only ESM import/export and import() are allowed (no require)`);
      continue;
    }
    if (external) {
      if (spec.startsWith('node:')) {
        if (!isBuiltin(spec)) fail.push(`${at}: not a Node built-in`);
      } else if (isBuiltin(spec)) {
        fail.push(`${at}: built-in without the node: prefix (write 'node:${spec}')`);
      } else if (spec === 'bson') {
        if (!BSON_ALLOWED.some((d) => from.startsWith(d))) fail.push(`${at}: bson is allowed only under ${BSON_ALLOWED.join(', ')}`);
      } else {
        fail.push(`${at}: only node:* built-ins and relative paths are allowed${spec.startsWith('bson/') ? ' (bson subpaths included)' : ''}`);
      }
      continue;
    }
    if (!spec.startsWith('./') && !spec.startsWith('../')) fail.push(`${at}: project modules are imported by relative path`);
    if (!graph.has(to)) {
      fail.push(`${at}: resolves to ${to}, outside the shipped dist/lib/**/*.js`);
      continue;
    }
    if (GROUND.includes(from) && !GROUND.includes(to)) fail.push(`${at}: a ground module (errors, secret, types) imports only other ground modules`);
    if (from.startsWith(PROVIDERS) && to.startsWith(PROVIDERS)) {
      const [a, b] = [owner(from), owner(to)];
      const base = to.slice(PROVIDERS.length, -'.js'.length);
      const allowed = a === b || SHARED.has(base) || (ALLOWED_CROSS[a]?.has(b) && base === b);
      if (!allowed) {
        fail.push(`${at}: provider '${a}' reaches into provider '${b}'` +
          (base === b ? '' : ` (its internal module ${base}.js)`) + '; go through the chain, or list the edge in ALLOWED_CROSS with why');
      }
    }
  }
}

// Non-literal import(x) and require escape the graph above: refuse them outright.
for (const file of files) {
  const code = readFileSync(resolve(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm, '$1');
  const lines = code.split('\n');
  lines.forEach((line, i) => {
    if (/(^|[^.\w$])import\s*\(\s*(?!['"])/.test(line)) fail.push(`${file}:${i + 1}: import() with a computed specifier escapes this check`);
    if (/(^|[^.\w$])(require|createRequire)\s*\(/.test(line)) fail.push(`${file}:${i + 1}: require/createRequire is not allowed in the ESM build`);
  });
}

// Cycles: strongly connected components (Tarjan) over project edges, static and dynamic alike.
let index = 0;
const stack = [];
const info = new Map();
const cycles = [];
const strong = (v) => {
  const node = { index, low: index, onStack: true };
  index += 1;
  info.set(v, node);
  stack.push(v);
  for (const { to, external } of graph.get(v)) {
    if (external || !graph.has(to)) continue;
    const w = info.get(to);
    if (w === undefined) {
      strong(to);
      node.low = Math.min(node.low, info.get(to).low);
    } else if (w.onStack) node.low = Math.min(node.low, w.index);
  }
  if (node.low === node.index) {
    const scc = [];
    for (let w = null; w !== v; scc.push(w)) info.get((w = stack.pop())).onStack = false;
    const selfLoop = graph.get(v).some((e) => e.to === v);
    if (scc.length > 1 || selfLoop) cycles.push(scc.reverse());
  }
};
for (const f of files) if (!info.has(f)) strong(f);
/** One concrete loop through the component (shortest path from its first module back to itself). */
const loopIn = (scc) => {
  const members = new Set(scc);
  const prev = new Map();
  const todo = [scc[0]];
  while (todo.length > 0) {
    const v = todo.shift();
    for (const { to } of graph.get(v)) {
      if (!members.has(to) || prev.has(to)) continue;
      prev.set(to, v);
      if (to === scc[0]) todo.length = 0;
      else todo.push(to);
    }
  }
  const loop = [];
  for (let p = prev.get(scc[0]); p !== scc[0]; p = prev.get(p)) loop.unshift(p);
  return [scc[0], ...loop, scc[0]].join(' -> ').replaceAll(DIST, '');
};
for (const scc of cycles) fail.push(`import cycle (${scc.length} modules in the cycle group): ${loopIn(scc)}`);

// What the root entry loads, dynamic imports included, with the path that reaches each forbidden module.
const parent = new Map([[ROOT_ENTRY, null]]);
const queue = [ROOT_ENTRY];
while (queue.length > 0) {
  const v = queue.shift();
  for (const { to } of graph.get(v) ?? []) {
    if (parent.has(to)) continue;
    parent.set(to, v);
    if (graph.has(to)) queue.push(to);
  }
}
const pathTo = (t) => {
  const path = [];
  for (let p = t; p !== null; p = parent.get(p)) path.unshift(p);
  return path.join(' -> ');
};
for (const [what, match] of ROOT_FORBIDDEN) {
  const reached = [...parent.keys()].filter(match);
  if (reached.length > 0) fail.push(`root entry loads ${what} (${reached.length} module(s)), e.g. ${pathTo(reached[0])}`);
}

if (fail.length > 0) {
  console.error(`check-imports: ${fail.length} violation(s)\n${fail.map((f) => `  - ${f}`).join('\n')}`);
  process.exit(1);
}
const externals = new Set([...graph.values()].flat().filter((e) => e.external).map((e) => e.to));
const rootModules = [...parent.keys()].filter((k) => graph.has(k)).length;
console.log(`check-imports: ok — ${files.length} modules, ${[...graph.values()].flat().length} imports, no cycles; ` +
  `externals: ${[...externals].sort().join(' ')}; root entry loads ${rootModules} modules, no bson/emulator/wire/CLI/SASL`);
