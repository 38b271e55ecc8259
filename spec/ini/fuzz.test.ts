/** fast-check fuzzing of the INI parser: only MongoAwsError, no prototype pollution, write/parse round trip. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MongoAwsError } from '../../lib/errors.js';
import { parseProfileFile, parseSubProperties } from '../../lib/ini/parse.js';
import { sharedConfigFrom } from '../../lib/ini/shared-config.js';

const TOKENS = [
  '[', ']', 'profile', 'profile ', 'sso-session ', 'services ', 'default', '__proto__', 'constructor', 'prototype',
  'toString', '=', ' = ', ' ', '\t', '#', ' #', ';', ' ;', '\n', '\r\n', '\r', '\n  ', '\n\t', 'a', 'B', 'k', 'x y', 'sts',
  'endpoint_url', '\uFEFF', '\u212A', '\u00e9', '\u0000',
];

const iniText = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: 60 }).map((parts) => parts.join(''));

function exercise(text: string): void {
  for (const kind of ['config', 'credentials'] as const) {
    try {
      const parsed = parseProfileFile(text, kind);
      const shared = kind === 'config' ? sharedConfigFrom(parsed) : sharedConfigFrom(undefined, parsed);
      for (const name of shared.profileNames()) {
        const properties = shared.profile(name);
        assert.ok(properties !== undefined && Object.getPrototypeOf(properties) === null && Object.isFrozen(properties));
        for (const value of Object.values(properties)) parseSubProperties(value);
      }
      for (const name of parsed.services.keys()) assert.equal(Object.getPrototypeOf(shared.services(name)), null);
      for (const name of parsed.ssoSessions.keys()) assert.ok(shared.ssoSession(name) !== undefined);
    } catch (error) {
      if (!MongoAwsError.isMongoAwsError(error)) throw error;
      assert.equal(error.code, 'ERR_INVALID_PROFILE_FILE');
    }
  }
}

test('fuzz: the parser throws only ERR_INVALID_PROFILE_FILE and never touches Object.prototype', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  fc.assert(fc.property(iniText, (text) => exercise(text)), { seed: 20240611, numRuns: 3000 });
  fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => exercise(text)), { seed: 7, numRuns: 1000 });
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  assert.equal(Object.getPrototypeOf(Object.prototype), null);
});

// Names and keys from the standard's identifier alphabet; values without line breaks, edge whitespace or comment markers.
const identifier = fc.stringMatching(/^[A-Za-z0-9_\-/.%@:+]{1,12}$/);
const value = fc.stringMatching(/^[A-Za-z0-9_\-/.:=+,"' ]{0,20}$/).map((v) => v.trim());
const profiles = fc.dictionary(identifier, fc.dictionary(identifier, value, { maxKeys: 5 }), { maxKeys: 5 });

test('fuzz: writing profiles out and parsing them back gives the same profiles (keys lower-cased)', () => {
  fc.assert(
    fc.property(profiles, fc.boolean(), (data, asCredentials) => {
      const lines: string[] = [];
      for (const [name, properties] of Object.entries(data)) {
        lines.push(asCredentials ? `[${name}]` : `[profile ${name}]`);
        for (const [key, v] of Object.entries(properties)) lines.push(`${key} = ${v}`);
      }
      const parsed = parseProfileFile(lines.join('\n'), asCredentials ? 'credentials' : 'config');
      const expected = new Map<string, Record<string, string>>();
      for (const [name, properties] of Object.entries(data)) {
        expected.set(name, Object.fromEntries(Object.entries(properties).map(([key, v]) => [key.toLowerCase(), v])));
      }
      assert.deepEqual(new Map([...parsed.profiles].map(([n, p]) => [n, { ...p }])), expected);
    }),
    { seed: 99, numRuns: 500 },
  );
});
