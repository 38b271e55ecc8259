import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import { shellSplit } from '../../lib/profiles/shell-split.js';
import { fromProcess, resolveProcess, runCredentialProcess } from '../../lib/providers/process.js';
import { parseProcessOutput } from '../../lib/providers/process-output.js';
import { resolveIni } from '../../lib/providers/ini.js';
import { NOW, assertNoSecrets, initFor, rejection, runtimeOf, tempHome, type TempHome } from '../profiles/fixtures.js';

const FUTURE = '2026-01-01T06:00:00Z';

describe('shellSplit (POSIX shlex.split, botocore compat_shell_split off Windows, on every platform)', () => {
  const cases: [string, string[]][] = [
    ['echo hello world', ['echo', 'hello', 'world']],
    ['  spaced \t out\n', ['spaced', 'out']],
    ["echo 'invalid json'", ['echo', 'invalid json']],
    ['say "a \\"quoted\\" \\\\ \\n word"', ['say', 'a "quoted" \\ \\n word']],
    ["a'b c'd", ['ab cd']],
    ['esc\\ aped \\"q\\\'', ['esc aped', '"q\'']],
    ["empty '' \"\"", ['empty', '', '']],
    ['no | shell; here # not a comment', ['no', '|', 'shell;', 'here', '#', 'not', 'a', 'comment']],
    ['', []],
  ];
  for (const [input, expected] of cases) {
    test(`splits ${JSON.stringify(input)}`, () => assert.deepEqual(shellSplit(input), expected));
  }
  test('an unclosed quote or a trailing backslash is ERR_INVALID_PROFILE naming credential_process', () => {
    for (const bad of ["echo 'open", 'echo "open', 'echo "esc\\', 'trailing\\']) {
      assert.throws(() => shellSplit(bad), { code: 'ERR_INVALID_PROFILE', field: 'credential_process' });
    }
  });
});

describe('parseProcessOutput', () => {
  const valid = { Version: 1, AccessKeyId: 'ASIAPROC', SecretAccessKey: 'procSecretValue', SessionToken: 'procTokenValue', Expiration: FUTURE, AccountId: '123456789002' };
  const parse = (value: unknown, fallback?: string) => parseProcessOutput(typeof value === 'string' ? value : JSON.stringify(value), NOW, fallback);

  test('maps the documented fields, with secrets wrapped', () => {
    const c = parse(valid);
    assert.equal(c.accessKeyId, 'ASIAPROC');
    assert.equal(c.secretAccessKey.reveal(), 'procSecretValue');
    assert.equal(c.sessionToken?.reveal(), 'procTokenValue');
    assert.equal(c.expiration?.toISOString(), '2026-01-01T06:00:00.000Z');
    assert.equal(c.accountId, '123456789002');
  });

  test('SessionToken, Expiration and AccountId are optional; the profile aws_account_id is the fallback', () => {
    const c = parse({ Version: 1, AccessKeyId: 'AKID', SecretAccessKey: 's', SessionToken: null, Expiration: '' }, '123456789001');
    assert.equal(c.sessionToken, undefined);
    assert.equal(c.expiration, undefined);
    assert.equal(c.accountId, '123456789001');
    assert.equal(parse({ ...valid, AccountId: '999' }, '123456789001').accountId, '999');
  });

  test('Expiration accepts RFC 3339 offsets and fractions', () => {
    assert.equal(parse({ ...valid, Expiration: '2026-01-01T08:00:00.5+02:00' }).expiration?.toISOString(), '2026-01-01T06:00:00.500Z');
  });

  test('Version must be the number 1', () => {
    for (const version of ['1', 2, undefined, null]) {
      assert.throws(() => parse({ ...valid, Version: version }), { code: 'ERR_INVALID_CREDENTIALS_RESPONSE', field: 'Version' });
    }
  });

  test('missing or mistyped fields name the field', () => {
    assert.throws(() => parse({ ...valid, AccessKeyId: '' }), { field: 'AccessKeyId' });
    assert.throws(() => parse({ ...valid, SecretAccessKey: 5 }), { field: 'SecretAccessKey' });
    assert.throws(() => parse({ ...valid, SessionToken: 5 }), { field: 'SessionToken' });
    assert.throws(() => parse({ ...valid, Expiration: 1767232800 }), { field: 'Expiration' });
    assert.throws(() => parse({ ...valid, AccountId: 1 }), { field: 'AccountId' });
    assert.throws(() => parse({ ...valid, Expiration: 'tomorrow' }), { code: 'ERR_INVALID_CREDENTIALS_RESPONSE', field: 'Expiration' });
    assert.throws(() => parse([valid]), { code: 'ERR_INVALID_CREDENTIALS_RESPONSE' });
  });

  test('invalid JSON is ERR_INVALID_CREDENTIALS_RESPONSE without the parse error or the output', () => {
    const error = (() => {
      try {
        parse('{"SecretAccessKey": "leakyLeakySecret", oops');
      } catch (e) {
        return e as MongoAwsError;
      }
      return undefined;
    })();
    assert.equal(error?.code, 'ERR_INVALID_CREDENTIALS_RESPONSE');
    assert.equal(error.cause, undefined);
    assertNoSecrets(error, ['leakyLeakySecret']);
  });

  test('already-expired credentials are ERR_CREDENTIALS_EXPIRED', () => {
    assert.throws(() => parse({ ...valid, Expiration: '2025-12-31T23:59:59Z' }), { code: 'ERR_CREDENTIALS_EXPIRED', source: 'process' });
  });

  test('fuzz: arbitrary text and JSON values only ever throw MongoAwsError', () => {
    const check = (text: string): void => {
      try {
        parseProcessOutput(text, NOW, '1');
      } catch (error) {
        assert.ok(MongoAwsError.isMongoAwsError(error));
      }
    };
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.constant(FUTURE), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
    fc.assert(
      fc.property(fc.record({ Version: fc.oneof(fc.constant(1), fc.jsonValue()), AccessKeyId: field, SecretAccessKey: field, SessionToken: field, Expiration: field, AccountId: field }, { requiredKeys: [] }), (value) => check(JSON.stringify(value))),
      { numRuns: 400, seed: 42 },
    );
    fc.assert(fc.property(fc.string(), check), { numRuns: 300, seed: 43 });
    fc.assert(fc.property(fc.jsonValue(), (value) => check(JSON.stringify(value) ?? 'null')), { numRuns: 300, seed: 44 });
  });
});

describe('shellSplit: fuzz', () => {
  test('arbitrary commands either split or throw ERR_INVALID_PROFILE; quoting a word round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '\\', '\t', 'x', '|') , maxLength: 40 }), (command) => {
        try {
          const words = shellSplit(command);
          assert.ok(Array.isArray(words));
        } catch (error) {
          assert.ok(MongoAwsError.isMongoAwsError(error));
          assert.equal(error.code, 'ERR_INVALID_PROFILE');
        }
      }),
      { numRuns: 500, seed: 7 },
    );
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 12 }), { minLength: 1, maxLength: 5 }), (words) => {
        const quoted = words.map((w) => `'${w.replaceAll("'", "'\\''")}'`).join(' ');
        assert.deepEqual(shellSplit(quoted), words);
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});

describe('credential_process execution (real child processes, no shell)', () => {
  let home: TempHome;
  let script: string;
  const node = process.execPath;
  before(async () => {
    home = await tempHome();
    script = await home.write(
      'bin/creds.mjs',
      `const mode = process.argv[2];
const out = { Version: 1, AccessKeyId: 'ASIAPROC', SecretAccessKey: 'procSecretValue', SessionToken: 'procTokenValue', Expiration: '${FUTURE}' };
if (mode === 'ok') process.stdout.write(JSON.stringify(out));
else if (mode === 'args') process.stdout.write(JSON.stringify({ ...out, AccessKeyId: process.argv.slice(3).join('|') }));
else if (mode === 'fail') { process.stdout.write(JSON.stringify(out)); process.stderr.write('stderr procSecretValue'); process.exit(3); }
else if (mode === 'hang') setTimeout(() => {}, 60000);
else if (mode === 'big') process.stdout.write('x'.repeat(200000));
else if (mode === 'nojson') process.stdout.write('invalid json procSecretValue');
else if (mode === 'noaccount') process.stdout.write(JSON.stringify(out));
else if (mode === 'kill') process.kill(process.pid, 'SIGKILL');
`,
    );
  });
  after(() => home.remove());

  const run = (args: string, timeoutMs?: number, accountId?: string) =>
    runCredentialProcess(runtimeOf(home), { profile: 'p', command: `'${node}' '${script}' ${args}`, ...(accountId === undefined ? {} : { accountId }) }, timeoutMs);

  test('runs the command and parses its output', async () => {
    const c = await run('ok');
    assert.equal(c.accessKeyId, 'ASIAPROC');
    assert.equal(c.sessionToken?.reveal(), 'procTokenValue');
  });

  test('arguments reach the process exactly as shlex splits them (no shell: | and $ stay literal)', async () => {
    const c = await run(`args "two words" '$HOME' '|' x\\ y`);
    assert.equal(c.accessKeyId, 'two words|$HOME|||x y');
  });

  test('a non-zero exit is ERR_PROCESS_FAILED with the exit code and nothing from stdout or stderr', async () => {
    const error = await rejection(run('fail'));
    assert.equal(error.code, 'ERR_PROCESS_FAILED');
    assert.match(error.message, /exited with code 3/);
    assertNoSecrets(error, ['procSecretValue', 'procTokenValue']);
  });

  test('a command that runs too long is killed: ERR_PROCESS_FAILED', async () => {
    const error = await rejection(run('hang', 300));
    assert.equal(error.code, 'ERR_PROCESS_FAILED');
    assert.match(error.message, /timed out/);
  });

  test('output over 64 KiB is ERR_PROCESS_FAILED', async () => {
    const error = await rejection(run('big'));
    assert.equal(error.code, 'ERR_PROCESS_FAILED');
    assert.match(error.message, /exceeds/);
  });

  test('output that is not JSON is ERR_INVALID_CREDENTIALS_RESPONSE without the output (credential_process_invalid)', async () => {
    const error = await rejection(run('nojson'));
    assert.equal(error.code, 'ERR_INVALID_CREDENTIALS_RESPONSE');
    assertNoSecrets(error, ['procSecretValue']);
  });

  test('a command that does not exist, an empty command or an unclosed quote fail with typed errors', async () => {
    const runtime = runtimeOf(home);
    assert.equal((await rejection(runCredentialProcess(runtime, { profile: 'p', command: `${home.dir}/no-such-binary` }))).code, 'ERR_PROCESS_FAILED');
    assert.equal((await rejection(runCredentialProcess(runtime, { profile: 'p', command: "''" }))).code, 'ERR_INVALID_PROFILE');
    assert.equal((await rejection(runCredentialProcess(runtime, { profile: 'p', command: '"unclosed' }))).field, 'credential_process');
  });

  test('a process killed by a signal is ERR_PROCESS_FAILED', async () => {
    const error = await rejection(run('kill'));
    assert.equal(error.code, 'ERR_PROCESS_FAILED');
    assert.match(error.message, /signal/);
  });

  test('fromProcess / resolveProcess read credential_process and aws_account_id from the selected profile', async () => {
    const config = await home.write('pcfg/config', `[default]\nsource_profile = base\ncredential_process = '${node}' '${script}' noaccount\naws_account_id = 123456789001\n[profile base]\nregion = us-east-1\n`);
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: `${config}.none` };
    const identity = await fromProcess(initFor({}, home, { env }))();
    assert.deepEqual(identity, { accessKeyId: 'ASIAPROC', secretAccessKey: 'procSecretValue', sessionToken: 'procTokenValue', expiration: new Date(FUTURE), accountId: '123456789001' });
    const viaIni = await resolveIni(runtimeOf(home, { env }));
    assert.equal(viaIni?.source, 'process');
    assert.equal(viaIni.credentials.accountId, '123456789001');
  });

  test('fromProcess: no credential_process is ERR_CREDENTIALS_NOT_FOUND; an explicit missing profile is ERR_PROFILE_NOT_FOUND', async () => {
    const config = await home.write('pcfg2/config', '[default]\nregion = us-east-1\n');
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: `${config}.none` };
    assert.equal((await rejection(fromProcess(initFor({}, home, { env }))())).code, 'ERR_CREDENTIALS_NOT_FOUND');
    assert.equal((await rejection(fromProcess(initFor({ profile: 'nope' }, home, { env }))())).code, 'ERR_PROFILE_NOT_FOUND');
    assert.equal(await resolveProcess(runtimeOf(home, { env: { ...env, AWS_CONFIG_FILE: `${config}.none` } })), undefined);
  });

  test('fromProcess honours its timeout option and validates its options', async () => {
    const config = await home.write('pcfg3/config', `[default]\ncredential_process = '${node}' '${script}' hang\n`);
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: `${config}.none` };
    assert.match((await rejection(fromProcess(initFor({ timeout: 200 }, home, { env }))())).message, /timed out after 200 ms/);
    assert.throws(() => fromProcess({ timeout: 0 }), { code: 'ERR_INVALID_ARGUMENT', field: 'timeout' });
    assert.throws(() => fromProcess({ configFilepath: 1 as never }), { code: 'ERR_INVALID_ARGUMENT', field: 'configFilepath' });
    assert.throws(() => fromProcess('x' as never), { code: 'ERR_INVALID_ARGUMENT' });
  });
});
