/** MongoDB spec auth/tests/legacy/connection-string.json: every MONGODB-AWS case, through resolveAuthOptions. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MongoAwsConfigError, MongoAwsError } from '../../lib/errors.js';
import { resolveAuthOptions, type MongoAwsAuthOptions } from '../../lib/options/auth-options.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

interface Credential {
  readonly username: string | null;
  readonly password: string | null;
  readonly source: string | null;
  readonly mechanism: string | null;
  readonly mechanism_properties: Readonly<Record<string, unknown>> | null;
}

interface LegacyCase {
  readonly description: string;
  readonly uri: string;
  readonly valid: boolean;
  readonly credential?: Credential | null;
}

const FILE = ['mongodb-spec', 'source', 'auth', 'tests', 'legacy', 'connection-string.json'] as const;

/** The one case we answer differently, and why (protocol doc §6, §11). */
const ACCEPTED_CREDENTIALS = 'should throw an exception if username and password provided (MONGODB-AWS)';
const DIVERGENCE =
  'explicit credentials are accepted (project decision, PyMongo documented behaviour); the current spec (DRIVERS-3131) requires an error';

/**
 * Which error code each invalid case must raise. The file only says "invalid"; these are our documented codes
 * for each incomplete credential set. An invalid case not listed here must still fail with a MongoAwsConfigError.
 */
const EXPECTED_CODES: Readonly<Record<string, string>> = {
  'should throw an exception if username and no password (MONGODB-AWS)': 'ERR_MISSING_PASSWORD',
  'should throw an exception if username provided (MONGODB-AWS)': 'ERR_MISSING_PASSWORD',
  'should throw an exception if AWS_SESSION_TOKEN provided (MONGODB-AWS)': 'ERR_SESSION_TOKEN_WITHOUT_CREDENTIALS',
};

function isAws(c: LegacyCase): boolean {
  if (c.credential?.mechanism === 'MONGODB-AWS') return true;
  const query = c.uri.split('?')[1] ?? '';
  return query.split('&').some((pair) => pair.toLowerCase() === 'authmechanism=mongodb-aws');
}

function compare(actual: MongoAwsAuthOptions, expected: Credential): void {
  assert.equal(actual.username ?? null, expected.username, 'username');
  assert.equal(actual.password?.reveal() ?? null, expected.password, 'password');
  assert.equal(actual.source, expected.source ?? '$external', 'source');
  assert.equal(actual.mechanism, expected.mechanism, 'mechanism');
  const properties: Record<string, unknown> = {
    ...(actual.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: actual.sessionToken.reveal() }),
    ...(actual.credentialProvider === undefined ? {} : { AWS_CREDENTIAL_PROVIDER: actual.credentialProvider }),
  };
  if (expected.mechanism_properties === null) {
    assert.deepEqual(properties, {}, 'mechanism_properties must be unset');
  } else {
    // Subset match (auth tests README): every expected property is present with that value.
    for (const [key, value] of Object.entries(expected.mechanism_properties)) assert.deepEqual(properties[key], value, `mechanism_properties.${key}`);
  }
}

function caseOf(c: LegacyCase): VectorCase {
  if (c.description === ACCEPTED_CREDENTIALS) {
    return {
      name: c.description,
      divergence: DIVERGENCE,
      run: () => {
        assert.equal(c.valid, false, 'the vector still expects an error');
        const resolved = resolveAuthOptions(c.uri);
        assert.equal(resolved.username, 'user');
        assert.equal(resolved.password?.reveal(), 'pass');
        assert.equal(resolved.source, '$external');
        assert.equal(resolved.mechanism, 'MONGODB-AWS');
        assert.equal(resolved.sessionToken, undefined);
      },
    };
  }
  return {
    name: c.description,
    run: () => {
      if (c.valid) {
        assert.ok(c.credential, 'a valid case carries a credential');
        compare(resolveAuthOptions(c.uri), c.credential);
        return;
      }
      assert.throws(
        () => resolveAuthOptions(c.uri),
        (error: unknown) => {
          assert.ok(MongoAwsError.isMongoAwsError(error) && error instanceof MongoAwsConfigError, 'a MongoAwsConfigError');
          const code = EXPECTED_CODES[c.description];
          if (code !== undefined) assert.equal(error.code, code);
          return true;
        },
      );
    },
  };
}

export const suite: VectorSuite = {
  name: 'auth-connection-string',
  cases: async () => {
    const data = JSON.parse(await readFile(vectorPath(...FILE), 'utf8')) as { tests: LegacyCase[] };
    const cases = data.tests.filter(isAws);
    assert.equal(cases.length, 8, 'the spec file has 8 MONGODB-AWS cases');
    return cases.map(caseOf);
  },
};
