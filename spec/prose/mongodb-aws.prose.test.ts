// The MongoDB MONGODB-AWS prose tests (source/auth/tests/mongodb-aws.md) 1-6 and the custom credential provider tests,
// run with this package's wire client `connect()` against the embedded emulator, each in a sandboxed environment (the
// [RUNTIME] override): never the machine's environment, home directory or instance metadata. Cache tests: see
// mongodb-aws-cache.prose.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fromNodeProviderChain } from '../../lib/chain/node-provider-chain.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { httpRequest, type HttpTransport } from '../../lib/http/client.js';
import { tracking } from '../interop/driver-fixture.js';
import { SCENARIOS, lastCallerArn, type ScenarioName } from './scenarios.js';
import { ProseClient, Sandbox, scratchDir, withClient } from './sandbox.js';

let emu: Emulator;
let scratch: ReturnType<typeof scratchDir>;
const home = (): string => `${scratch.path}/home`;
const NAMES = Object.keys(SCENARIOS) as ScenarioName[];

before(async () => {
  scratch = scratchDir('mongodb-aws-prose-');
  emu = await startEmulator();
});
after(async () => {
  await emu.close();
  scratch.remove();
});

for (const name of NAMES) {
  test(name, async () => {
    const scenario = await SCENARIOS[name]({ emu, dir: scratch.path });
    const sandbox = new Sandbox(home(), scenario.vars, scenario.options);
    await withClient(new ProseClient(emu.uri, sandbox.init), async (client) => {
      assert.equal(await client.find(), scenario.source);
      assert.equal(await client.authenticatedUser(), scenario.user);
    });
    scenario.verify();
  });
}

test('1. Regular Credentials (in the URI, as this package still accepts explicit credentials)', async () => {
  const user = emu.registry.addUser();
  const uri = emu.uri.replace('mongodb://', `mongodb://${encodeURIComponent(user.accessKeyId)}:${encodeURIComponent(user.secretAccessKey)}@`);
  // Valid env credentials of another user: explicit credentials come first.
  const sandbox = new Sandbox(home(), emu.env('static'));
  await withClient(new ProseClient(uri, sandbox.init), async (client) => {
    assert.equal(await client.find(), 'explicit');
    assert.equal(await client.authenticatedUser(), user.arn);
  });
});

/** Sends requests for 169.254.170.2 to the emulator's ECS server, recording every URL asked for. */
function linkLocalToEmulator(seen: URL[]): HttpTransport {
  return (request) => {
    const url = new URL(String(request.url));
    seen.push(url);
    if (url.hostname !== '169.254.170.2') return httpRequest(request);
    return httpRequest({ ...request, url: new URL(`${emu.aws.ecs.url.replace(/\/$/, '')}${url.pathname}${url.search}`) });
  };
}

test('3. ECS Credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, always fetched from 169.254.170.2)', async () => {
  // The relative URI has no host: no variable points it elsewhere, so this case reroutes 169.254.170.2 in the test's
  // HTTP transport (the [RUNTIME] hook) and checks the exact URL the provider asked for.
  const seen: URL[] = [];
  const sandbox = new Sandbox(home(), { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: emu.aws.ecs.relativePath }, { http: linkLocalToEmulator(seen) });
  await withClient(new ProseClient(emu.uri, sandbox.init), async (client) => {
    assert.equal(await client.find(), 'container');
    assert.equal(await client.authenticatedUser(), emu.aws.ecs.roleArn);
  });
  assert.deepEqual(
    seen.map((url) => url.href),
    [`http://169.254.170.2${emu.aws.ecs.relativePath}`],
  );
});

test('3. ECS Credentials: a relative URI cannot name another host (ERR_INVALID_ENDPOINT, or still 169.254.170.2)', async () => {
  const port = new URL(emu.aws.ecs.url).port;
  const seen: URL[] = [];
  for (const value of [`@127.0.0.1:${port}${emu.aws.ecs.relativePath}`, `:${port}${emu.aws.ecs.relativePath}`, `127.0.0.1:${port}${emu.aws.ecs.relativePath}`]) {
    const sandbox = new Sandbox(home(), { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: value }, { http: linkLocalToEmulator(seen) });
    await assert.rejects(new ProseClient(emu.uri, sandbox.init).find(), { code: 'ERR_INVALID_ENDPOINT', field: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' });
  }
  assert.equal(seen.length, 0, 'refused before any request');
  // A path that looks like an authority stays a path on 169.254.170.2 (the emulator has no such path: 404).
  const sandbox = new Sandbox(home(), { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: `//127.0.0.1:${port}${emu.aws.ecs.relativePath}` }, { http: linkLocalToEmulator(seen) });
  await assert.rejects(new ProseClient(emu.uri, sandbox.init).find(), { code: 'ERR_HTTP_STATUS', status: 404, remoteCode: 'NotFound' });
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.hostname, '169.254.170.2');
});

test('6. AWS Lambda (with AWS_SESSION_TOKEN): the token is used (the same keys without it are refused)', async () => {
  const keys = emu.env('session');
  const sandbox = new Sandbox(home(), { AWS_LAMBDA_FUNCTION_NAME: 'prose-lambda', ...keys });
  sandbox.unset('AWS_SESSION_TOKEN');
  await assert.rejects(new ProseClient(emu.uri, sandbox.init).find(), (error: Error & { code?: string; serverCode?: number }) => {
    assert.equal(error.code, 'ERR_AUTHENTICATION_FAILED');
    assert.equal(error.serverCode, 18);
    return true;
  });
  assert.equal(emu.mongod.connections.authentications.at(-1)?.reason, 'InvalidClientTokenId');
  sandbox.set(keys);
  await withClient(new ProseClient(emu.uri, sandbox.init), async (client) => assert.equal(await client.find(), 'env'));
});

test('Custom Credential Provider 1. Custom Credential Provider Authenticates', async (t) => {
  // The user-supplied provider is this package's default chain (as the spec allows the SDK's), wrapped to count calls.
  for (const name of NAMES) {
    await t.test(name, async () => {
      const scenario = await SCENARIOS[name]({ emu, dir: scratch.path });
      const sandbox = new Sandbox(home(), scenario.vars, scenario.options);
      const { provider, calls } = tracking(fromNodeProviderChain(sandbox.init));
      const options = { ...sandbox.init, authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } };
      await withClient(new ProseClient(emu.uri, options), async (client) => {
        assert.equal(await client.find(), 'custom');
        assert.equal(await client.authenticatedUser(), scenario.user);
      });
      assert.ok(calls() >= 1, 'the custom provider was called');
      scenario.verify();
    });
  }
});

test('Custom Credential Provider 2. Authentication Precedence — Case 2', async () => {
  // Valid AWS env vars, and a tracking provider that answers for another identity: the provider is called and wins.
  const sandbox = new Sandbox(home(), emu.env('static'));
  const custom = emu.registry.addUser({ arn: `arn:aws:iam::${emu.registry.account}:user/prose-custom-provider` });
  const { provider, calls } = tracking(async () => ({ accessKeyId: custom.accessKeyId, secretAccessKey: custom.secretAccessKey }));
  const uri = `mongodb://127.0.0.1:${emu.mongod.port}/?authMechanism=MONGODB-AWS`;
  await withClient(new ProseClient(uri, { ...sandbox.init, authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } }), async (client) => {
    assert.equal(await client.find(), 'custom');
    assert.equal(await client.authenticatedUser(), custom.arn);
  });
  assert.ok(calls() >= 1, 'the custom provider was called');
  assert.equal(lastCallerArn(emu), custom.arn);
});
