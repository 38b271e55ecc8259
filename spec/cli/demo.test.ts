import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { runDemo, type DemoRow } from '../../lib/cli/demo.js';
import { DEMO_SOURCES, ini, quoteArg, type DemoSource } from '../../lib/cli/demo-sources.js';
import { outputOf } from '../../lib/cli/format.js';
import { shellSplit } from '../../lib/profiles/shell-split.js';
import { lines, run } from './helpers.js';

/** Requests each source must make to the emulated AWS endpoints (IMDSv2: token, role name, credentials). */
const EXPECTED: ReadonlyArray<readonly [string, number]> = [
  ['explicit', 0],
  ['env', 0],
  ['shared-credentials-file', 0],
  ['config-file', 0],
  ['assume-role', 1],
  ['web-identity', 1],
  ['container', 1],
  ['instance-metadata', 3],
  ['custom', 0],
  ['process', 0],
  ['sso', 1],
];

test('demo --json authenticates through every source, each with the expected source, ARN and HTTP request count', async () => {
  const result = await run(['demo', '--json']);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  assert.equal(lines(result.stdout).length, 1);
  const rows = JSON.parse(result.stdout) as DemoRow[];
  assert.deepEqual(rows.map((row) => [row.source, row.httpRequests]), EXPECTED);
  for (const row of rows) {
    assert.equal(row.ok, true, `${row.source}: ${row.error?.code}`);
    assert.equal(row.error, null);
    assert.equal(row.resolvedSource, row.source);
    assert.equal(row.arn, row.expectedArn);
    assert.match(row.arn ?? '', /^arn:aws:iam::123456789012:(user|role)\//);
    assert.ok(row.ms >= 0 && Math.round(row.ms * 10) / 10 === row.ms);
  }
  // Assumed roles authenticate as their role; IAM users as themselves.
  assert.match(rows.find((row) => row.source === 'assume-role')!.arn!, /:role\/demo-assume-role$/);
  assert.match(rows.find((row) => row.source === 'env')!.arn!, /:user\//);
});

function capture(): { output: ReturnType<typeof outputOf>; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { output: outputOf({ stdout: (t) => void (out += t), stderr: (t) => void (err += t) }), stdout: () => out, stderr: () => err };
}

test('the text demo prints the table and a summary', async () => {
  const { output, stdout, stderr } = capture();
  const code = await runDemo({ json: false }, output, {}, DEMO_SOURCES.filter((s) => s.source === 'env' || s.source === 'container'));
  assert.equal(code, 0);
  assert.equal(stderr(), '');
  const out = lines(stdout());
  assert.ok(out.some((line) => /^source +\| ARN +\| HTTP requests \| +ms \| ok$/.test(line)));
  assert.ok(out.some((line) => /^env +\| arn:aws:iam::123456789012:user\/\S+ +\| +0 \| +\d+\.\d \| yes$/.test(line)));
  assert.ok(out.some((line) => /^container +\| arn:aws:iam::123456789012:role\/emulator-task-role +\| +1 \| +\d+\.\d \| yes$/.test(line)));
  assert.equal(out.at(-1), '2/2 sources authenticated');
});

test('failing rows exit 1, name themselves and their code on stderr, and their sandboxes are removed', async () => {
  const homes: string[] = [];
  const track = (spec: DemoSource): DemoSource => ({ ...spec, prepare: (sandbox) => (homes.push(sandbox.home), spec.prepare(sandbox)) });
  const envRow = DEMO_SOURCES.find((s) => s.source === 'env')!;
  const specs: DemoSource[] = [
    { source: 'env', label: 'nothing configured', prepare: async ({ emulator }) => ({ uri: emulator.uri, env: {}, expectedArn: 'x' }) },
    { ...envRow, source: 'config-file' },
    { ...envRow, prepare: async (sandbox) => ({ ...(await envRow.prepare(sandbox)), expectedArn: 'arn:aws:iam::123456789012:user/someone-else' }) },
    {
      source: 'custom',
      label: 'throws',
      prepare: async () => {
        throw new RangeError('not printed');
      },
    },
  ];
  const broken = specs.map(track);
  const { output, stdout, stderr } = capture();
  const code = await runDemo({ json: true }, output, {}, broken);
  assert.equal(code, 1);
  const rows = JSON.parse(stdout()) as DemoRow[];
  assert.deepEqual(rows.map((row) => [row.ok, row.error?.code]), [
    [false, 'ERR_CREDENTIALS_NOT_FOUND'],
    [false, 'DEMO_UNEXPECTED_SOURCE'],
    [false, 'DEMO_UNEXPECTED_ARN'],
    [false, 'ERR_INTERNAL'],
  ]);
  assert.equal(rows[1]!.resolvedSource, 'env');
  assert.equal(rows[3]!.error?.message, 'internal error (RangeError)');
  assert.deepEqual(lines(stderr()).map((line) => line.split(':').slice(0, 4).join(':')), [
    'mongodb-aws-auth: demo: env failed: ERR_CREDENTIALS_NOT_FOUND',
    'mongodb-aws-auth: demo: config-file failed: DEMO_UNEXPECTED_SOURCE',
    'mongodb-aws-auth: demo: env failed: DEMO_UNEXPECTED_ARN',
    'mongodb-aws-auth: demo: custom failed: ERR_INTERNAL',
  ]);
  assert.ok(!stderr().includes('not printed'));
  assert.equal(homes.length, 4);
  for (const home of homes) assert.equal(existsSync(home), false);
});

test('the text table marks a failed row with its code', async () => {
  const { output, stdout } = capture();
  const missing: DemoSource = { source: 'env', label: 'nothing', prepare: async ({ emulator }) => ({ uri: emulator.uri, env: {}, expectedArn: 'x' }) };
  assert.equal(await runDemo({ json: false }, output, {}, [missing]), 1);
  assert.ok(lines(stdout()).some((line) => /^env +\| - +\| +0 \| +\d+\.\d \| NO \(ERR_CREDENTIALS_NOT_FOUND\)$/.test(line)));
  assert.equal(lines(stdout()).at(-1), '0/1 sources authenticated');
});

test('credential_process words are quoted so the profile splitter gives them back unchanged', () => {
  for (const word of ['/usr/bin/node', "/tmp/it's here/x.mjs", '/a b/"c"']) {
    assert.deepEqual(shellSplit(`${quoteArg(word, 'linux')} next`, 'linux'), [word, 'next']);
  }
  assert.deepEqual(shellSplit(`${quoteArg('C:\\Program Files\\nodejs\\node.exe', 'win32')} x`, 'win32'), ['C:\\Program Files\\nodejs\\node.exe', 'x']);
  assert.equal(ini({ default: { a: '1' }, 'profile p': { b: '2', c: '3' } }), '[default]\na = 1\n\n[profile p]\nb = 2\nc = 3\n');
});
