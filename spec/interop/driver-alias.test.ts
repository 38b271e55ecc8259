// Bundler alias: esbuild bundles the official MongoDB driver with `@aws-sdk/credential-providers` aliased to this
// package (dist/lib/index.js). The bundle must hold no AWS SDK code, and, run in a child process outside the repository
// (no node_modules to fall back on) with a controlled environment, it must authenticate against the emulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY = join(ROOT, 'fixtures/driver-alias/entry.mjs');
const OURS = join(ROOT, 'dist/lib/index.js');
/** Optional peers the driver requires inside try/catch; absent at run time, as in most applications. */
const OPTIONAL = ['kerberos', 'snappy', '@mongodb-js/zstd', 'mongodb-client-encryption', 'gcp-metadata', 'socks', 'aws4'];
const SDK_CODE = /(^|\/)node_modules\/(@smithy|@aws-sdk|@aws-crypto|@aws)\//;
/** ESM output of CommonJS code needs a real `require` for node built-ins. */
const ESM_REQUIRE = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

let emu: Emulator;
let dir: string;
let cjs: { file: string; metafile: Metafile };

async function bundle(options: { alias: boolean; format?: 'cjs' | 'esm'; minify?: boolean; outfile?: string }): Promise<Metafile> {
  const format = options.format ?? 'cjs';
  const config: BuildOptions = {
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    minify: options.minify ?? false,
    external: OPTIONAL,
    metafile: true,
    logLevel: 'silent',
    outfile: options.outfile ?? join(dir, `size-probe.${format === 'cjs' ? 'cjs' : 'mjs'}`),
    write: options.outfile !== undefined,
    ...(options.alias ? { alias: { '@aws-sdk/credential-providers': OURS } } : {}),
    ...(format === 'esm' ? { banner: { js: ESM_REQUIRE } } : {}),
  };
  const result = await build(config);
  assert.deepEqual(result.errors, []);
  return result.metafile!;
}

const execFileAsync = promisify(execFile);

/** Runs a bundle with only the given variables (plus an empty home), returns the users connectionStatus reported. */
async function runBundle(file: string, vars: Record<string, string>): Promise<{ user: string; db: string }[]> {
  const env = {
    HOME: join(dir, 'home'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials-file'),
    AWS_CONFIG_FILE: join(dir, 'no-config-file'),
    AWS_EC2_METADATA_DISABLED: 'true',
    MONGODB_URI: emu.uri,
    ...vars,
  };
  const result = await execFileAsync(process.execPath, [file], { cwd: dir, env, timeout: 30_000 }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`bundle failed: ${error.stderr ?? error.message}`);
  });
  return (JSON.parse(result.stdout.trim()) as { users: { user: string; db: string }[] }).users;
}

function outputOf(metafile: Metafile): Metafile['outputs'][string] {
  const outputs = Object.values(metafile.outputs);
  assert.equal(outputs.length, 1);
  return outputs[0]!;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mongodb-aws-driver-alias-'));
  emu = await startEmulator();
  const file = join(dir, 'bundle.cjs');
  cjs = { file, metafile: await bundle({ alias: true, outfile: file }) };
});
after(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

test('esbuild alias: the bundle holds the driver and this package, and no AWS SDK module', () => {
  const inputs = Object.keys(cjs.metafile.inputs);
  assert.ok(inputs.includes('dist/lib/index.js'), 'this package answers to @aws-sdk/credential-providers');
  assert.ok(inputs.some((path) => path.startsWith('node_modules/mongodb/lib/')), 'the official driver is bundled');
  assert.deepEqual(inputs.filter((path) => SDK_CODE.test(path)), []);
  assert.deepEqual(inputs.filter((path) => path.startsWith('dist/lib/emulator/')), [], 'the root entry does not load the emulator');
});

test('esbuild alias: the bundled driver authenticates with environment keys (static IAM user)', async () => {
  const env = emu.env('static');
  const arn = emu.registry.lookup(env['AWS_ACCESS_KEY_ID']!)!.arn;
  assert.deepEqual(await runBundle(cjs.file, env), [{ user: arn, db: '$external' }]);
});

test('esbuild alias: the bundled driver authenticates with container credentials (full URI + token)', async () => {
  const before = emu.aws.requests.filter((r) => r.server === 'ecs').length;
  assert.deepEqual(await runBundle(cjs.file, emu.env('container')), [{ user: emu.aws.ecs.roleArn, db: '$external' }]);
  assert.ok(emu.aws.requests.filter((r) => r.server === 'ecs').length > before);
});

test('esbuild alias: web identity, with the driver calling fromNodeProviderChain({ clientConfig: { region } })', async () => {
  // AWS_STS_REGIONAL_ENDPOINTS=regional + AWS_REGION make driver 7 pass the region to fromNodeProviderChain.
  const tokenFile = join(dir, 'web-identity-token');
  const identity = emu.webIdentity(tokenFile, 'bundle-web-identity');
  writeFileSync(tokenFile, identity.token);
  const vars = { ...identity.env, AWS_STS_REGIONAL_ENDPOINTS: 'regional', AWS_REGION: 'eu-west-1' };
  assert.deepEqual(await runBundle(cjs.file, vars), [{ user: identity.roleArn, db: '$external' }]);
  assert.ok(emu.aws.requests.some((r) => r.server === 'sts' && r.action === 'AssumeRoleWithWebIdentity'));
});

test('esbuild alias: an ESM bundle (with a createRequire banner for the CommonJS driver) authenticates too', async () => {
  const file = join(dir, 'bundle.mjs');
  const metafile = await bundle({ alias: true, format: 'esm', outfile: file });
  assert.deepEqual(Object.keys(metafile.inputs).filter((path) => SDK_CODE.test(path)), []);
  const env = emu.env('static');
  assert.deepEqual(await runBundle(file, env), [{ user: emu.registry.lookup(env['AWS_ACCESS_KEY_ID']!)!.arn, db: '$external' }]);
});

test('esbuild alias: bundle size against the same bundle with the real @aws-sdk/credential-providers', async (t) => {
  const sizes: Record<string, { total: number; credentials: number; modules: number }> = {};
  for (const minify of [false, true]) {
    const [ours, sdk] = [await bundle({ alias: true, minify }), await bundle({ alias: false, minify })];
    assert.ok(Object.keys(sdk.inputs).some((path) => SDK_CODE.test(path)), 'the comparison bundle does contain the SDK');
    // What each bundle holds that the other does not is its credential module (the driver and its deps are shared).
    for (const [name, meta, other] of [['ours', ours, sdk], ['sdk', sdk, ours]] as const) {
      const output = outputOf(meta);
      const own = Object.entries(output.inputs).filter(([path]) => !(path in other.inputs));
      sizes[`${name}${minify ? ' minified' : ''}`] = {
        total: output.bytes,
        credentials: own.reduce((sum, [, input]) => sum + input.bytesInOutput, 0),
        modules: own.length,
      };
    }
  }
  for (const [name, size] of Object.entries(sizes)) {
    t.diagnostic(`${name}: bundle ${size.total} bytes, credential module ${size.credentials} bytes in ${size.modules} files`);
  }
  assert.ok(sizes['ours minified']!.total < sizes['sdk minified']!.total);
  assert.ok(sizes['ours minified']!.credentials < sizes['sdk minified']!.credentials);
});
