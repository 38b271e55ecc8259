// npm alias layout: a temporary project whose node_modules holds `mongodb` and, under the directory name
// `@aws-sdk/credential-providers`, this package (what `npm install @aws-sdk/credential-providers@npm:mongodb-aws-auth`
// lays out). A CommonJS script there authenticates through the driver's own `require`, i.e. require(esm) of our ESM
// package. npm runs with --offline (its cache must hold mongodb and its dependencies); when it does not, the cases are
// skipped with the reason. Takes a few seconds (npm pack + two npm installs in parallel).
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const MONGODB_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/mongodb/package.json'), 'utf8')) as { version: string }).version;
const NPM_FLAGS = ['--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error'];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done) => {
    execFile(file, args, { cwd, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code === 'string') {
        // The program could not be started (ENOENT: npm not on PATH).
        done({ code: -1, stdout: '', stderr: error.code });
        return;
      }
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const npm = (args: string[], cwd: string): Promise<Run> => run('npm', args, cwd, { ...process.env, npm_config_update_notifier: 'false' });

let emu: Emulator;
let dir: string;
/** Project with an npm `overrides` entry (installs); project without (npm refuses). */
let project: string;
let refusal: Run;
let skipReason: string | undefined;
let durationMs = 0;

function makeProject(name: string, tarball: string, overrides: boolean): string {
  const path = join(dir, name);
  mkdirSync(path);
  const manifest = {
    name,
    private: true,
    dependencies: { mongodb: MONGODB_VERSION, '@aws-sdk/credential-providers': `file:../${tarball}` },
    ...(overrides ? { overrides: { '@aws-sdk/credential-providers': '$@aws-sdk/credential-providers' } } : {}),
  };
  writeFileSync(join(path, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mongodb-aws-npm-alias-'));
  emu = await startEmulator();
  const started = performance.now();
  const pack = await npm(['pack', '--pack-destination', dir, '--ignore-scripts', '--json', '--loglevel=error'], ROOT);
  if (pack.code === -1) {
    skipReason = `npm could not be started (${pack.stderr})`;
    return;
  }
  assert.equal(pack.code, 0, `npm pack failed: ${pack.stderr}`);
  const tarball = (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename;
  project = makeProject('with-override', tarball, true);
  const plain = makeProject('without-override', tarball, false);
  const [install, refused] = await Promise.all([npm(['install', ...NPM_FLAGS], project), npm(['install', ...NPM_FLAGS], plain)]);
  refusal = refused;
  if (install.code !== 0) {
    if (/ENOTCACHED/.test(install.stderr)) skipReason = `npm cache lacks mongodb@${MONGODB_VERSION} or a dependency (offline install)`;
    else assert.fail(`npm install failed: ${install.stderr}`);
  }
  copyFileSync(join(ROOT, 'fixtures/driver-alias/probe.cjs'), join(project, 'probe.cjs'));
  durationMs = performance.now() - started;
});
after(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

function skipped(t: TestContext): boolean {
  if (skipReason === undefined) return false;
  t.skip(skipReason);
  return true;
}

/** Runs the probe in the project with only the given variables, returns its JSON line. */
async function probe(vars: Record<string, string>): Promise<{ resolved: string; name: string; users: { user: string; db: string }[] }> {
  const env = {
    HOME: join(dir, 'home'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials-file'),
    AWS_CONFIG_FILE: join(dir, 'no-config-file'),
    AWS_EC2_METADATA_DISABLED: 'true',
    MONGODB_URI: emu.uri,
    ...vars,
  };
  const result = await run(process.execPath, ['probe.cjs'], project, env);
  assert.equal(result.code, 0, `probe failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim()) as { resolved: string; name: string; users: { user: string; db: string }[] };
}

test('npm alias: without an override npm refuses the layout (mongodb 7 declares peerOptional @aws-sdk/credential-providers ^3.806.0)', (t) => {
  if (skipped(t)) return;
  assert.notEqual(refusal.code, 0);
  assert.match(refusal.stderr, /ERESOLVE/);
  assert.match(refusal.stderr, /peerOptional @aws-sdk\/credential-providers@"\^3/);
});

test('npm alias: with overrides, node_modules holds mongodb and this package as @aws-sdk/credential-providers, and no AWS SDK', (t) => {
  if (skipped(t)) return;
  t.diagnostic(`npm pack + both npm installs: ${Math.round(durationMs)} ms`);
  const modules = join(project, 'node_modules');
  assert.deepEqual(readdirSync(join(modules, '@aws-sdk')), ['credential-providers']);
  assert.equal(existsSync(join(modules, '@smithy')), false);
  const manifest = JSON.parse(readFileSync(join(modules, '@aws-sdk/credential-providers/package.json'), 'utf8')) as { name: string; type: string };
  assert.equal(manifest.name, 'mongodb-aws-auth');
  assert.equal(manifest.type, 'module', 'the driver has to require() an ES module');
  assert.equal((JSON.parse(readFileSync(join(modules, 'mongodb/package.json'), 'utf8')) as { version: string }).version, MONGODB_VERSION);
});

test('npm alias: a CommonJS app authenticates through the driver (environment keys)', async (t) => {
  if (skipped(t)) return;
  const env = emu.env('static');
  const result = await probe(env);
  assert.equal(result.resolved, join(project, 'node_modules', '@aws-sdk', 'credential-providers', 'dist', 'lib', 'index.js'));
  assert.ok(result.resolved.startsWith(project + sep));
  assert.equal(result.name, 'mongodb-aws-auth');
  assert.deepEqual(result.users, [{ user: emu.registry.lookup(env['AWS_ACCESS_KEY_ID']!)!.arn, db: '$external' }]);
});

test('npm alias: a CommonJS app authenticates through the driver (container credentials)', async (t) => {
  if (skipped(t)) return;
  const result = await probe(emu.env('container'));
  assert.deepEqual(result.users, [{ user: emu.aws.ecs.roleArn, db: '$external' }]);
});
