/** Cross-SDK container-provider vectors (smithy-rs ecs-tests.json): which URI the provider calls, or that it refuses. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { httpRequest } from '../../lib/http/client.js';
import { resolveContainer } from '../../lib/providers/container.js';
import { RUNTIME, runtimeFrom } from '../../lib/runtime.js';
import { scriptedServer } from '../providers/remote-fixture.js';
import { vectorPath, type VectorCase, type VectorSuite } from './harness.js';

interface EcsVector {
  readonly docs: string;
  readonly env: Record<string, string>;
  readonly result: { readonly Ok: string } | { readonly ErrorContains: string };
}

const CREDENTIALS = JSON.stringify({ AccessKeyId: 'ASIARCORRECT', SecretAccessKey: 'secretkeycorrect', Token: 'tokencorrect', Expiration: '2099-01-01T00:00:00Z' });

/**
 * Runs the real provider. Requests leave through a transport that records the URL the provider chose and sends
 * the request to a loopback server (the vector hosts are link-local or fictional).
 */
async function runCase(vector: EcsVector): Promise<void> {
  const server = await scriptedServer([{ status: 200, headers: { 'content-type': 'application/json' }, body: CREDENTIALS }]);
  const urls: string[] = [];
  try {
    const runtime = runtimeFrom({
      [RUNTIME]: {
        env: () => vector.env,
        readFile: async () => undefined,
        http: (request) => {
          const url = new URL(String(request.url));
          urls.push(url.href);
          return httpRequest({ ...request, url: `${server.url}${url.pathname}${url.search}` });
        },
      },
    });
    if ('Ok' in vector.result) {
      const credentials = await resolveContainer(runtime, { maxRetries: 0 });
      assert.equal(credentials?.accessKeyId, 'ASIARCORRECT');
      assert.deepEqual(urls, [vector.result.Ok]);
      assert.equal(server.requests[0]?.method, 'GET');
      return;
    }
    let outcome: unknown;
    try {
      outcome = await resolveContainer(runtime, { maxRetries: 0 });
    } catch (error) {
      outcome = error;
    }
    assert.deepEqual(urls, [], 'a refused configuration sends nothing');
    if (/not enabled|no environment variables/i.test(vector.result.ErrorContains)) {
      assert.equal(outcome, undefined, 'not configured: the chain moves on');
    } else {
      assert.equal((outcome as { code?: string } | undefined)?.code, 'ERR_INVALID_ENDPOINT');
    }
  } finally {
    await server.close();
  }
}

export const suite: VectorSuite = {
  name: 'ecs',
  cases: async (): Promise<VectorCase[]> => {
    const path = vectorPath('aws-sdk-cross-sdk', 'aws-config', 'test-data', 'ecs-tests.json');
    const data = JSON.parse(await readFile(path, 'utf8')) as { tests: EcsVector[] };
    return data.tests.map((vector, index) => ({ name: `#${index + 1} ${vector.docs}`, run: () => runCase(vector) }));
  },
};
