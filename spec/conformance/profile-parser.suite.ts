/** Cross-SDK profile-file parser vectors (smithy-rs profile-parser-tests.json) against lib/ini. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MongoAwsError } from '../../lib/errors.js';
import { parseProfileFile, type ParsedProfileFile } from '../../lib/ini/parse.js';
import { sharedConfigFrom } from '../../lib/ini/shared-config.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

interface ParserVector {
  readonly name: string;
  readonly input: { readonly configFile?: string; readonly credentialsFile?: string };
  readonly output:
    | { readonly errorContaining: string }
    | { readonly config: { readonly profiles: Record<string, Record<string, string>>; readonly sso_sessions?: Record<string, Record<string, string>> } };
}

export const PROFILE_PARSER_VECTORS = ['aws-sdk-cross-sdk', 'aws-runtime', 'test-data', 'profile-parser-tests.json'];

function plain(record: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  return record === undefined ? undefined : { ...record };
}

function runCase(vector: ParserVector): void {
  const parse = (): { config?: ParsedProfileFile; credentials?: ParsedProfileFile } => {
    const out: { config?: ParsedProfileFile; credentials?: ParsedProfileFile } = {};
    if (vector.input.configFile !== undefined) out.config = parseProfileFile(vector.input.configFile, 'config');
    if (vector.input.credentialsFile !== undefined) out.credentials = parseProfileFile(vector.input.credentialsFile, 'credentials');
    return out;
  };
  const expected = vector.output;
  if ('errorContaining' in expected) {
    assert.throws(parse, (error: unknown) => {
      assert.ok(MongoAwsError.isMongoAwsError(error));
      assert.equal(error.code, 'ERR_INVALID_PROFILE_FILE');
      assert.ok(error.message.includes(expected.errorContaining), `message should contain "${expected.errorContaining}": ${error.message}`);
      assert.match(error.message, /^AWS (config|credentials) file, line \d+: /);
      return true;
    });
    return;
  }
  const files = parse();
  const shared = sharedConfigFrom(files.config, files.credentials);
  const actual: Record<string, Record<string, string> | undefined> = {};
  for (const name of shared.profileNames()) actual[name] = plain(shared.profile(name));
  assert.deepEqual(actual, expected.config.profiles);
  const sessions: Record<string, Record<string, string> | undefined> = {};
  for (const name of files.config?.ssoSessions.keys() ?? []) sessions[name] = plain(shared.ssoSession(name));
  assert.deepEqual(sessions, expected.config.sso_sessions ?? {});
}

export const suite: VectorSuite = {
  name: 'profile-parser',
  cases: async (): Promise<VectorCase[]> => {
    const data = JSON.parse(await readFile(vectorPath(...PROFILE_PARSER_VECTORS), 'utf8')) as { tests: ParserVector[] };
    return data.tests.map((vector, index) => ({ name: `#${index + 1} ${vector.name}`, run: () => runCase(vector) }));
  },
};
