import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import { Secret } from '../../lib/secret.js';
import { parseConnectionString, percentDecode } from '../../lib/options/connection-string.js';

function rejects(uri: string, code = 'ERR_INVALID_URI', field?: string): void {
  assert.throws(
    () => parseConnectionString(uri),
    (error: unknown) => {
      assert.ok(MongoAwsError.isMongoAwsError(error));
      assert.equal(error.code, code);
      if (field !== undefined) assert.equal(error.field, field);
      return true;
    },
  );
}

test('a plain mongodb:// URI yields one host on the default port, no credentials, no database and empty options', () => {
  const cs = parseConnectionString('mongodb://localhost');
  assert.equal(cs.scheme, 'mongodb');
  assert.deepEqual(cs.hosts, [{ host: 'localhost', port: 27017 }]);
  assert.equal(cs.username, undefined);
  assert.equal(cs.password, undefined);
  assert.equal(cs.database, undefined);
  assert.deepEqual(Object.keys(cs.options), []);
  assert.equal(Object.getPrototypeOf(cs.options), null);
  assert.ok(Object.isFrozen(cs) && Object.isFrozen(cs.hosts) && Object.isFrozen(cs.options) && Object.isFrozen(cs.hosts[0]));
});

test('userinfo is percent-decoded and the password is wrapped in a Secret', () => {
  const cs = parseConnectionString('mongodb://AKID%2Fx:wJal%2BrXU%2F%3A%40@h1:27018,[::1],10.0.0.1:1/db%2Dname?x=1');
  assert.equal(cs.username, 'AKID/x');
  assert.ok(cs.password instanceof Secret);
  assert.equal(cs.password.reveal(), 'wJal+rXU/:@');
  assert.equal(String(cs.password), '[redacted]');
  assert.deepEqual(cs.hosts, [
    { host: 'h1', port: 27018 },
    { host: '::1', port: 27017 },
    { host: '10.0.0.1', port: 1 },
  ]);
  assert.equal(cs.database, 'db-name');
});

test('an empty password after the colon is kept as an empty Secret, a missing one is absent', () => {
  assert.equal(parseConnectionString('mongodb://alice:@h').password?.reveal(), '');
  assert.equal(parseConnectionString('mongodb://alice@h').password, undefined);
});

test('query keys are lower-cased, values percent-decoded, empty pairs skipped and the last repeat wins', () => {
  const cs = parseConnectionString(
    'mongodb+srv://cluster0.example.net/?&authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:a%2Bb%3D&replicaSet=x=y&replicaset=z&',
  );
  assert.equal(cs.scheme, 'mongodb+srv');
  assert.deepEqual(cs.hosts, [{ host: 'cluster0.example.net', port: 27017 }]);
  assert.deepEqual({ ...cs.options }, {
    authmechanism: 'MONGODB-AWS',
    authmechanismproperties: 'AWS_SESSION_TOKEN:a+b=',
    replicaset: 'z',
  });
  assert.equal(parseConnectionString('mongodb://h/?replicaSet=x=y').options['replicaset'], 'x=y');
  assert.equal(parseConnectionString('mongodb://h/?a=1+2').options['a'], '1+2');
});

test('the scheme is matched case-insensitively and a slash with nothing after it is no database', () => {
  const cs = parseConnectionString('MONGODB://h/');
  assert.equal(cs.scheme, 'mongodb');
  assert.equal(cs.database, undefined);
  assert.equal(parseConnectionString('mongodb://h/?w=1').database, undefined);
});

test('unknown schemes and non-strings are rejected', () => {
  rejects('http://localhost', 'ERR_INVALID_URI', 'uri');
  rejects('mongodb:/localhost', 'ERR_INVALID_URI', 'uri');
  assert.throws(() => parseConnectionString(42 as unknown as string), { code: 'ERR_INVALID_ARGUMENT' });
});

test('unescaped reserved characters and bad escapes in userinfo are ERR_INVALID_URI', () => {
  rejects('mongodb://us@er:pass@h', 'ERR_INVALID_URI', 'userinfo');
  rejects('mongodb://user:pa:ss@h', 'ERR_INVALID_URI', 'password');
  rejects('mongodb://us/er:pass@h', 'ERR_INVALID_URI', 'userinfo');
  rejects('mongodb://user:pa/ss@h/db', 'ERR_INVALID_URI', 'userinfo');
  rejects('mongodb://user%2:pass@h', 'ERR_INVALID_URI', 'username');
  rejects('mongodb://user:pass%zz@h', 'ERR_INVALID_URI', 'password');
  rejects('mongodb://user:%E0%A4%A@h', 'ERR_INVALID_URI', 'password');
  rejects('mongodb://user:%C3%28@h', 'ERR_INVALID_URI', 'password');
  rejects('mongodb://:pass@h', 'ERR_INVALID_URI', 'username');
  rejects('mongodb://@h', 'ERR_INVALID_URI', 'username');
});

test('an invalid-escape error never repeats the value', () => {
  try {
    parseConnectionString('mongodb://AKIDSECRETISH:wJalrXUtnFEMI%zz@h');
    assert.fail('expected an error');
  } catch (error) {
    assert.ok(MongoAwsError.isMongoAwsError(error));
    assert.ok(!error.message.includes('wJalr') && !error.message.includes('AKIDSECRETISH'));
  }
});

test('hosts: empty, malformed, unix sockets, bad ports and bad IPv6 literals are ERR_INVALID_URI', () => {
  rejects('mongodb://', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb:///db', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://user:pass@', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://a,,b', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://:27017', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://ho st', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://a..b', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://%2Ftmp%2Fmongodb-27017.sock', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://h:', 'ERR_INVALID_URI', 'port');
  rejects('mongodb://h:0', 'ERR_INVALID_URI', 'port');
  rejects('mongodb://h:65536', 'ERR_INVALID_URI', 'port');
  rejects('mongodb://h:123456', 'ERR_INVALID_URI', 'port');
  rejects('mongodb://h:12a', 'ERR_INVALID_URI', 'port');
  rejects('mongodb://h:1:2', 'ERR_INVALID_URI', 'port');
  rejects('mongodb://[::1', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://[::1]x', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://[nothex]:1', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://[127.0.0.1]', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb://::1', 'ERR_INVALID_URI', 'hosts');
  assert.deepEqual(parseConnectionString('mongodb://[fe80::1]:65535').hosts, [{ host: 'fe80::1', port: 65535 }]);
  assert.deepEqual(parseConnectionString('mongodb://Host_1-a.Example.COM.').hosts, [{ host: 'Host_1-a.Example.COM.', port: 27017 }]);
});

test('mongodb+srv needs exactly one host and no port', () => {
  rejects('mongodb+srv://a.example.com,b.example.com', 'ERR_INVALID_URI', 'hosts');
  rejects('mongodb+srv://a.example.com:27017', 'ERR_INVALID_URI', 'port');
  rejects('mongodb+srv://[::1]:27017', 'ERR_INVALID_URI', 'port');
  assert.deepEqual(parseConnectionString('mongodb+srv://[::1]').hosts, [{ host: '::1', port: 27017 }]);
});

test('options need a / before the ?, and every pair needs a key and =', () => {
  rejects('mongodb://h?authMechanism=MONGODB-AWS', 'ERR_INVALID_URI', 'uri');
  rejects('mongodb://h/?authMechanism', 'ERR_INVALID_URI', 'options');
  rejects('mongodb://h/?=x', 'ERR_INVALID_URI', 'options');
  rejects('mongodb://h/?a=%zz', 'ERR_INVALID_URI');
  rejects('mongodb://h/?a%zz=1', 'ERR_INVALID_URI', 'option name');
});

test('the database is percent-decoded and must be a valid database name', () => {
  assert.equal(parseConnectionString('mongodb://h/my%3Ddb').database, 'my=db');
  rejects('mongodb://h/a.b', 'ERR_INVALID_URI', 'database');
  rejects('mongodb://h/a%2Fb', 'ERR_INVALID_URI', 'database');
  rejects('mongodb://h/a$b', 'ERR_INVALID_URI', 'database');
  rejects('mongodb://h/a%zz', 'ERR_INVALID_URI', 'database');
});

test('percentDecode accepts valid escapes and names the field on failure', () => {
  assert.equal(percentDecode('a%2b%2B%e2%82%ac', 'f'), 'a++€');
  assert.throws(() => percentDecode('%', 'myfield'), { code: 'ERR_INVALID_URI', field: 'myfield' });
});

test('fuzz: parseConnectionString throws nothing but MongoAwsError and never hangs', () => {
  const pieces = fc.constantFrom('mongodb://', 'mongodb+srv://', 'a', 'b.c', ':', '@', '/', '?', '&', '=', ',', '[', ']', '::1', '%', '%2', '%41', '%C3%28', '27017', '.', ' ', 'é', '\u0000');
  fc.assert(
    fc.property(fc.oneof(fc.array(pieces, { maxLength: 20 }).map((p) => p.join('')), fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }).map((s) => `mongodb://${s}`)), (uri) => {
      try {
        const cs = parseConnectionString(uri);
        assert.ok(cs.hosts.length >= 1);
        for (const h of cs.hosts) assert.ok(Number.isInteger(h.port) && h.port >= 1 && h.port <= 65535);
      } catch (error) {
        if (!MongoAwsError.isMongoAwsError(error)) throw error;
      }
    }),
    { seed: 20240601, numRuns: 3000 },
  );
});
