/** MongoDB spec connection-string/tests/valid-auth.json: userinfo, hosts, database and options through parseConnectionString. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { DEFAULT_PORT, parseConnectionString, type ConnectionStringHost } from '../../lib/options/connection-string.js';
import { splitMechanismProperties } from '../../lib/options/mechanism-properties.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

interface HostVector {
  readonly type: 'ipv4' | 'ip_literal' | 'hostname' | 'unix';
  readonly host: string;
  readonly port: number | null;
}

interface ValidAuthCase {
  readonly description: string;
  readonly uri: string;
  readonly valid: boolean;
  readonly warning: boolean;
  readonly hosts: readonly HostVector[] | null;
  readonly auth: { readonly username: string | null; readonly password: string | null; readonly db: string | null } | null;
  readonly options: Readonly<Record<string, unknown>> | null;
}

const FILE = ['mongodb-spec', 'source', 'connection-string', 'tests', 'valid-auth.json'] as const;

function hostType(host: string): HostVector['type'] {
  if (isIPv4(host)) return 'ipv4';
  if (isIPv6(host)) return 'ip_literal';
  return 'hostname';
}

function compareHosts(actual: readonly ConnectionStringHost[], expected: readonly HostVector[]): void {
  assert.equal(actual.length, expected.length, 'host count');
  expected.forEach((want, i) => {
    const got = actual[i] as ConnectionStringHost;
    assert.equal(hostType(got.host), want.type, `hosts[${i}].type`);
    assert.equal(got.host, want.host, `hosts[${i}].host`);
    // The format's null port means "not given"; our parser then reports the default port.
    assert.equal(got.port, want.port ?? DEFAULT_PORT, `hosts[${i}].port`);
  });
}

function compareOptions(actual: Readonly<Record<string, string>>, expected: Readonly<Record<string, unknown>> | null): void {
  const want = expected ?? {};
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(want).sort(), 'option keys');
  for (const [key, value] of Object.entries(want)) {
    const got = actual[key] as string;
    if (typeof value === 'object' && value !== null) {
      // authMechanismProperties: the file gives the parsed map, we keep the string; split it the same way the resolver does.
      assert.deepEqual(Object.fromEntries(splitMechanismProperties(got, key)), value, `options.${key}`);
    } else {
      assert.equal(got, value, `options.${key}`);
    }
  }
}

function caseOf(c: ValidAuthCase): VectorCase {
  return {
    name: c.description,
    run: () => {
      assert.equal(c.valid, true, 'valid-auth.json holds valid URIs only');
      const cs = parseConnectionString(c.uri);
      if (c.hosts !== null) compareHosts(cs.hosts, c.hosts);
      if (c.auth !== null) {
        assert.equal(cs.username ?? null, c.auth.username, 'auth.username');
        assert.equal(cs.password?.reveal() ?? null, c.auth.password, 'auth.password');
        assert.equal(cs.database ?? null, c.auth.db, 'auth.db');
      }
      compareOptions(cs.options, c.options);
    },
  };
}

export const suite: VectorSuite = {
  name: 'connection-string-valid-auth',
  cases: async () => {
    const data = JSON.parse(await readFile(vectorPath(...FILE), 'utf8')) as { tests: ValidAuthCase[] };
    return data.tests.map(caseOf);
  },
};
