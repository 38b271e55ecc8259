/** Cross-SDK IMDS endpoint vectors (smithy-rs imds-endpoint-tests.json): the URL of the first (token) request, or a refusal. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { httpRequest } from '../../lib/http/client.js';
import { resolveInstanceMetadata } from '../../lib/providers/imds.js';
import { RUNTIME, runtimeFrom } from '../../lib/runtime.js';
import { scriptedServer, type RecordedRequest, type Reply } from '../providers/remote-fixture.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

interface ImdsEndpointVector {
  readonly docs: string;
  readonly env: Record<string, string>;
  /** Files by the path AWS_CONFIG_FILE names (config text parsed by lib/ini through the real loader). */
  readonly fs: Record<string, string>;
  readonly endpoint_override?: string;
  readonly mode_override?: string;
  readonly result: { readonly Ok: string } | { readonly Err: string };
}

const CREDENTIALS = JSON.stringify({ Code: 'Success', AccessKeyId: 'ASIARTEST', SecretAccessKey: 'testsecret', Token: 'testtoken', Expiration: '2099-01-01T00:00:00Z' });
const imds = (r: RecordedRequest): Reply => {
  if (r.method === 'PUT') return { status: 200, body: 'token' };
  return r.path.endsWith('/security-credentials/') ? { status: 200, body: 'role' } : { status: 200, body: CREDENTIALS };
};

/** Runs the real provider (profile loading included); requests are recorded, then served by a loopback IMDS. */
async function runCase(vector: ImdsEndpointVector): Promise<void> {
  const server = await scriptedServer(imds);
  const urls: string[] = [];
  try {
    const runtime = runtimeFrom({
      [RUNTIME]: {
        env: () => ({ HOME: '/nonexistent-home', ...vector.env }),
        readFile: async (path) => (Object.hasOwn(vector.fs, path) ? vector.fs[path] : undefined),
        http: (request) => {
          const url = new URL(String(request.url));
          urls.push(`${request.method} ${url.href}`);
          return httpRequest({ ...request, url: `${server.url}${url.pathname}${url.search}` });
        },
      },
    });
    const init = {
      maxRetries: 0,
      ...(vector.endpoint_override === undefined ? {} : { endpoint: vector.endpoint_override }),
      ...(vector.mode_override === undefined ? {} : { endpointMode: vector.mode_override }),
    };
    if ('Ok' in vector.result) {
      const credentials = await resolveInstanceMetadata(runtime, init);
      assert.equal(credentials?.accessKeyId, 'ASIARTEST');
      assert.equal(urls[0], `PUT ${vector.result.Ok}`);
      return;
    }
    let outcome: unknown;
    try {
      outcome = await resolveInstanceMetadata(runtime, init);
    } catch (error) {
      outcome = error;
    }
    assert.equal((outcome as { code?: string } | undefined)?.code, 'ERR_INVALID_ENDPOINT');
    assert.deepEqual(urls, [], 'a refused configuration sends nothing');
  } finally {
    await server.close();
  }
}

export const suite: VectorSuite = {
  name: 'imds-endpoint',
  cases: async (): Promise<VectorCase[]> => {
    const path = vectorPath('aws-sdk-cross-sdk', 'aws-config', 'test-data', 'imds-config', 'imds-endpoint-tests.json');
    const data = JSON.parse(await readFile(path, 'utf8')) as { tests: ImdsEndpointVector[] };
    return data.tests.map((vector, index) => ({ name: `#${index + 1} ${vector.docs}`, run: () => runCase(vector) }));
  },
};
