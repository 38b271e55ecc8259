// Minified bytes each source area contributes to the fromNodeProviderChain bundle (esbuild metafile), and the
// bundle's gzip -9 size. A tool for size work: `node scripts/area-size.mjs [substring...]` after a build.
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const entries = {
  chain: "export { fromNodeProviderChain } from './dist/lib/index.js';",
  signer: "export { signRequest } from './dist/lib/sigv4/sign.js';",
};
const filters = process.argv.slice(2);
for (const [name, contents] of Object.entries(entries)) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'js', sourcefile: `${name}.js` },
    bundle: true, minify: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, logLevel: 'silent',
  });
  const out = result.outputFiles[0].contents;
  console.log(`${name}: ${out.length} minified, ${gzipSync(out, { level: 9 }).length} gzip -9`);
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const rows = Object.entries(inputs).filter(([file]) => filters.length === 0 || filters.some((f) => file.includes(f)));
  let sum = 0;
  for (const [file, { bytesInOutput }] of rows.sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
    sum += bytesInOutput;
    if (name === 'chain') console.log(`  ${String(bytesInOutput).padStart(6)}  ${file}`);
  }
  if (filters.length > 0) console.log(`  selected files: ${sum} minified bytes`);
}
