/** lib/ini parser and merged view beyond the cross-SDK vectors: pollution, services blocks, errors, caps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MongoAwsError } from '../../lib/errors.js';
import { MAX_PROFILE_FILE_SIZE, parseProfileFile, parseSubProperties } from '../../lib/ini/parse.js';
import { sharedConfigFrom } from '../../lib/ini/shared-config.js';

function isCode(code: string) {
  return (error: unknown): boolean => {
    assert.ok(MongoAwsError.isMongoAwsError(error), `expected a MongoAwsError, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  };
}

function config(text: string) {
  return sharedConfigFrom(parseProfileFile(text, 'config'), undefined);
}

test('sections and keys named __proto__, constructor and prototype are plain data and pollute nothing', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const text = [
    '[profile __proto__]',
    '__proto__ = polluted',
    'constructor = c',
    'prototype = p',
    '[profile constructor]',
    'toString = t',
    '[sso-session __proto__]',
    '__proto__ = s',
    '[services __proto__]',
    '__proto__ =',
    '  __proto__ = deep',
    '  polluted = yes',
  ].join('\n');
  const shared = sharedConfigFrom(parseProfileFile(text, 'config'), parseProfileFile('[__proto__]\nprototype = cred\n[prototype]\nx = 1', 'credentials'));
  const proto = shared.profile('__proto__');
  assert.ok(proto !== undefined);
  assert.equal(Object.getPrototypeOf(proto), null);
  assert.deepEqual(Object.entries(proto), [['__proto__', 'polluted'], ['constructor', 'c'], ['prototype', 'cred']]);
  assert.equal(shared.profile('constructor')?.['tostring'], 't');
  assert.equal(shared.profile('prototype')?.['x'], '1');
  assert.equal(shared.ssoSession('__proto__')?.['__proto__'], 's');
  const services = shared.services('__proto__');
  assert.equal(Object.getPrototypeOf(services), null);
  assert.equal(services?.['__proto__']?.['__proto__'], 'deep');
  assert.equal(services?.['__proto__']?.['polluted'], 'yes');
  // Names that exist on Object.prototype are not profiles unless the files define them.
  assert.equal(shared.profile('toString'), undefined);
  assert.equal(shared.profile('hasOwnProperty'), undefined);
  assert.equal(shared.configProfile('valueOf'), undefined);
  assert.equal(shared.ssoSession('constructor'), undefined);
  assert.equal(shared.services('toString'), undefined);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
});

test('parsed properties are frozen', () => {
  const properties = config('[default]\nregion = eu-west-1').profile('default');
  assert.ok(properties !== undefined && Object.isFrozen(properties));
  assert.throws(() => {
    (properties as Record<string, string>)['region'] = 'us-east-1';
  }, TypeError);
});

test('services sections expose sub-property blocks per service id, keys lower-cased, comments stripped', () => {
  const shared = config(
    [
      '[profile dev]',
      'services = local',
      '[services local]',
      'STS =',
      '  Endpoint_URL = http://127.0.0.1:4566 # local emulator',
      '  region = eu-central-1',
      's3 =',
      '\tendpoint_url = http://127.0.0.1:9000',
      '',
      '\taddressing_style = path',
      'plain_value = not a block',
      'empty_block =',
    ].join('\r\n'),
  );
  assert.equal(shared.profile('dev')?.['services'], 'local');
  const services = shared.services('local');
  assert.deepEqual(JSON.parse(JSON.stringify(services)), {
    sts: { endpoint_url: 'http://127.0.0.1:4566', region: 'eu-central-1' },
    s3: { endpoint_url: 'http://127.0.0.1:9000', addressing_style: 'path' },
    empty_block: {},
  });
  assert.equal(services?.['sts']?.['endpoint_url'], 'http://127.0.0.1:4566');
  assert.equal(shared.services('missing'), undefined);
});

test('parseSubProperties reads blocks and rejects ordinary values', () => {
  assert.equal(parseSubProperties('value'), undefined);
  assert.equal(parseSubProperties('value\nk = v'), undefined);
  assert.deepEqual({ ...parseSubProperties('') }, {});
  assert.deepEqual({ ...parseSubProperties('\nA = 1\nno equals here\n= nameless\nin valid = 2\nb = x=y\na = 3') }, { a: '3', b: 'x=y' });
});

test('the credentials file ignores sso-session and services sections and [profile x]', () => {
  const credentials = parseProfileFile('[sso-session s]\na = 1\n[services x]\nsts =\n  endpoint_url = u\n[profile p]\nb = 2\n[p]\nc = 3', 'credentials');
  assert.equal(credentials.ssoSessions.size, 0);
  assert.equal(credentials.services.size, 0);
  assert.deepEqual([...credentials.profiles.keys()], ['p']);
  assert.deepEqual({ ...credentials.profiles.get('p') }, { c: '3' });
});

test('credentials-file keys win key by key; each file stays readable on its own; names keep their case', () => {
  const shared = sharedConfigFrom(
    parseProfileFile('[profile Dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n[profile only-config]\nx = 1', 'config'),
    parseProfileFile('[Dev]\nAWS_ACCESS_KEY_ID = FROMCREDS\n[only-creds]\ny = 2', 'credentials'),
  );
  assert.deepEqual({ ...shared.profile('Dev') }, { region: 'eu-west-1', aws_access_key_id: 'FROMCREDS' });
  assert.deepEqual({ ...shared.configProfile('Dev') }, { region: 'eu-west-1', aws_access_key_id: 'FROMCONFIG' });
  assert.deepEqual({ ...shared.credentialsProfile('Dev') }, { aws_access_key_id: 'FROMCREDS' });
  assert.equal(shared.profile('dev'), undefined);
  assert.deepEqual(shared.profileNames(), ['Dev', 'only-config', 'only-creds']);
  assert.equal(shared.credentialsProfile('only-config'), undefined);
  assert.equal(shared.configProfile('only-creds'), undefined);
});

test('no files give no profiles', () => {
  const shared = sharedConfigFrom();
  assert.deepEqual(shared.profileNames(), []);
  assert.equal(shared.profile('default'), undefined);
});

test('a UTF-8 byte order mark at the start is ignored', () => {
  assert.equal(config('\uFEFF[default]\nregion = us-west-2').profile('default')?.['region'], 'us-west-2');
});

test('non-ASCII letters that lower-case to ASCII do not become valid keys', () => {
  // U+212A KELVIN SIGN lower-cases to "k".
  assert.deepEqual({ ...config('[default]\n\u212Aey = v\nkey = w').profile('default') }, { key: 'w' });
});

test('an empty section name is not a profile', () => {
  assert.equal(parseProfileFile('[]\na = 1', 'credentials').profiles.size, 0);
  assert.equal(parseProfileFile('[ ]\na = 1', 'config').profiles.size, 0);
});

test('an unknown section prefix and a prefix with different case are ignored', () => {
  const parsed = parseProfileFile('[Profile a]\nx = 1\n[plugins b]\ny = 2\n[profile c]', 'config');
  assert.deepEqual([...parsed.profiles.keys()], ['c']);
});

test('a later [profile x] occurrence wins over an earlier one written with different spacing', () => {
  const parsed = parseProfileFile('[profile a]\nk = 1\n[profile  a]\nk = 2\n[profile a]\nk = 3', 'config');
  assert.equal(parsed.profiles.get('a')?.['k'], '3');
});

test('an indented comment line continues the previous value (comments start at column 0)', () => {
  assert.equal(config('[default]\nk = v\n  # not a comment').profile('default')?.['k'], 'v\n# not a comment');
  assert.throws(() => parseProfileFile('[default]\ns3 =\n  # no equals', 'config'), isCode('ERR_INVALID_PROFILE_FILE'));
});

test('a value that is only a comment is empty and starts a sub-property block', () => {
  assert.equal(config('[default]\nk = # nothing\n  a = 1').profile('default')?.['k'], '\na = 1');
});

test('parse errors name the file kind, the line and the field, never the line text', () => {
  const cases: [string, 'config' | 'credentials', number][] = [
    ['AKIASECRETLINE', 'credentials', 1],
    ['[default]\nwJalrXUtnFEMI/K7MDENG', 'credentials', 2],
    ['[default]\n\n= SECRETVALUE', 'config', 3],
    ['[profile SECRETNAME', 'config', 1],
    ['[default]\r\nx = 1\r\ns3 =\r\n  SECRETSUB', 'config', 4],
    ['[default]\ns3 =\n  = SECRETSUB', 'config', 3],
    ['  SECRETCONT', 'config', 1],
  ];
  for (const [text, kind, line] of cases) {
    assert.throws(
      () => parseProfileFile(text, kind),
      (error: unknown) => {
        isCode('ERR_INVALID_PROFILE_FILE')(error);
        const message = (error as Error).message;
        assert.ok(message.startsWith(`AWS ${kind} file, line ${line}: `), message);
        assert.equal((error as MongoAwsError).field, kind === 'config' ? 'AWS_CONFIG_FILE' : 'AWS_SHARED_CREDENTIALS_FILE');
        assert.ok(!/SECRET|AKIA|wJalr/.test(message), message);
        return true;
      },
    );
  }
  assert.throws(() => parseProfileFile('oops', 'config', 'configFilepath'), (error: unknown) => (error as MongoAwsError).field === 'configFilepath');
});

test('text larger than the cap fails with ERR_FILE_TOO_LARGE; text at the cap parses', () => {
  const line = '# padding\n';
  const atCap = line.repeat(MAX_PROFILE_FILE_SIZE / line.length) + ' '.repeat(MAX_PROFILE_FILE_SIZE % line.length);
  assert.equal(atCap.length, MAX_PROFILE_FILE_SIZE);
  assert.equal(parseProfileFile(atCap, 'config').profiles.size, 0);
  assert.throws(() => parseProfileFile(`${atCap}x`, 'credentials'), (error: unknown) => {
    isCode('ERR_FILE_TOO_LARGE')(error);
    assert.equal((error as MongoAwsError).field, 'AWS_SHARED_CREDENTIALS_FILE');
    return true;
  });
});

test('a file with thousands of profiles and long continuations parses completely', () => {
  const parts: string[] = [];
  for (let i = 0; i < 2000; i++) parts.push(`[profile p${i}]\nregion = r${i}\nlong = start`, ...Array.from({ length: 10 }, () => '  more'));
  const parsed = parseProfileFile(parts.join('\n'), 'config');
  assert.equal(parsed.profiles.size, 2000);
  assert.equal(parsed.profiles.get('p1999')?.['long'], `start${'\nmore'.repeat(10)}`);
});
