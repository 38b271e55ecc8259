// MongoDB MONGODB-AWS prose test 7 (Caching), cache tests A and B step by step, with this package's wire client
// against the embedded emulator. The cache belongs to the credential provider (one per client in the Node driver), so
// every "new client" is a new lazily-connecting client sharing one provider built by `buildProvider`; the cache is
// read, overwritten and cleared through the provider's [CACHE] hook. "A find" is a real `find` command, which the
// emulated mongod answers only once authenticated. Env-var steps change the sandbox's environment object.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CredentialCache, REFRESH_WINDOW_MS } from '../../lib/chain/cache.js';
import { CACHE, buildProvider, type SourcedProvider } from '../../lib/chain/provider.js';
import { startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { AWS_ENV_KEYS, ProseClient, Sandbox, scratchDir } from './sandbox.js';

let emu: Emulator;
let scratch: ReturnType<typeof scratchDir>;

before(async () => {
  scratch = scratchDir('mongodb-aws-cache-prose-');
  emu = await startEmulator();
});
after(async () => {
  await emu.close();
  scratch.remove();
});

function cacheOf(provider: SourcedProvider): CredentialCache {
  const cache = provider[CACHE];
  assert.ok(cache instanceof CredentialCache, 'the provider exposes its cache');
  return cache;
}

const INVALID_ENV = { AWS_ACCESS_KEY_ID: 'AKIAINVALIDPROSEKEY0', AWS_SECRET_ACCESS_KEY: 'not-a-valid-secret-access-key' };

/** "New client" steps: each closes the previous client and makes a new one on the same provider. */
function clients(sandbox: Sandbox, provider: SourcedProvider): { current(): ProseClient; newClient(): Promise<void>; close(): Promise<void> } {
  let client: ProseClient | undefined;
  return {
    current: () => {
      assert.ok(client !== undefined, 'a client was created');
      return client;
    },
    newClient: async () => {
      await client?.close();
      client = ProseClient.withProvider(emu.uri, sandbox, provider);
    },
    close: async () => client?.close(),
  };
}

async function refused(client: ProseClient): Promise<void> {
  await assert.rejects(client.find(), (error: Error & { code?: string; serverCode?: number }) => {
    assert.equal(error.code, 'ERR_AUTHENTICATION_FAILED');
    assert.equal(error.serverCode, 18);
    return true;
  });
}

test('7. Caching — Cache test A', async (t) => {
  // No AWS_ACCESS_KEY_ID and no URI credentials: the credentials come from EC2 instance metadata (the emulator's).
  const sandbox = new Sandbox(`${scratch.path}/home`, emu.env('imds'), { imds: true });
  const provider = buildProvider(undefined, sandbox.init);
  const cache = cacheOf(provider);
  const imdsReads = (): number => emu.aws.requests.filter((r) => r.server === 'imds' && r.path.startsWith('/latest/meta-data/iam/security-credentials/')).length;
  const { current, newClient, close } = clients(sandbox, provider);
  let reads = 0;
  try {
    await t.test('1. clear the cache', () => {
      provider.invalidate();
      assert.equal(cache.peek(), undefined);
    });
    await t.test('2. create a new client', newClient);
    await t.test('3. a find populates the cache', async () => {
      assert.equal(await current().find(), 'instance-metadata');
      assert.equal(cache.peek()?.source, 'instance-metadata');
      assert.ok(cache.peek()?.credentials.expiration !== undefined);
      reads = imdsReads();
    });
    await t.test('4. overwrite the cached Expiration with a time within 1 minute of now', async () => {
      const entry = cache.peek()!;
      cache.set({ ...entry, credentials: { ...entry.credentials, expiration: new Date(Date.now() + 30_000) } });
      assert.ok(cache.peek()!.credentials.expiration!.getTime() - Date.now() <= 60_000);
    });
    await t.test('5. create a new client', newClient);
    await t.test('6. a find updates the cache', async () => {
      const overwritten = cache.peek();
      await current().find();
      assert.ok(imdsReads() > reads, 'instance metadata was asked again');
      const updated = cache.peek();
      assert.ok(updated !== undefined && updated !== overwritten, 'the cache entry was replaced');
      assert.ok(updated.credentials.expiration!.getTime() - Date.now() > REFRESH_WINDOW_MS, 'the new entry is outside the 5-minute window');
    });
    await t.test('7. poison the cache with an invalid access key id', async () => {
      const entry = cache.peek()!;
      cache.set({ ...entry, credentials: { ...entry.credentials, accessKeyId: 'AKIAPOISONEDPROSEKEY' } });
    });
    await t.test('8. create a new client', newClient);
    await t.test('9. a find results in an error', async () => {
      await refused(current());
      assert.equal(emu.mongod.connections.authentications.at(-1)?.reason, 'InvalidClientTokenId');
    });
    await t.test('10. the cache has been cleared', () => assert.equal(cache.peek(), undefined));
    await t.test('11. a find succeeds', async () => {
      // The same client: its failed connection was dropped, so this find connects and authenticates again.
      assert.equal(await current().find(), 'instance-metadata');
    });
    await t.test('12. the cache has been set', () => {
      assert.equal(cache.peek()?.source, 'instance-metadata');
      assert.notEqual(cache.peek()?.credentials.accessKeyId, 'AKIAPOISONEDPROSEKEY');
    });
  } finally {
    await close();
  }
});

test('7. Caching — Cache test B', async (t) => {
  // Credentials from the ECS endpoint (full URI + authorization token); env vars are set and cleared in the sandbox.
  const sandbox = new Sandbox(`${scratch.path}/home`, emu.env('container'));
  const provider = buildProvider(undefined, sandbox.init);
  const cache = cacheOf(provider);
  const { current, newClient, close } = clients(sandbox, provider);
  const clearEnv = (): void => sandbox.unset(...AWS_ENV_KEYS);
  try {
    await t.test('1. clear the cache', () => {
      provider.invalidate();
      assert.equal(cache.peek(), undefined);
    });
    await t.test('2. create a new client', newClient);
    await t.test('3. a find caches credentials', async () => {
      assert.equal(await current().find(), 'container');
      assert.equal(cache.peek()?.source, 'container');
    });
    await t.test('4. set the AWS environment variables from the cached credentials', () => {
      const { credentials } = cache.peek()!;
      sandbox.set({
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey.reveal(),
        AWS_SESSION_TOKEN: credentials.sessionToken!.reveal(),
      });
    });
    await t.test('5. clear the cache', () => {
      provider.invalidate();
      assert.equal(cache.peek(), undefined);
    });
    await t.test('6. create a new client', newClient);
    await t.test('7. a find succeeds and does not cache', async () => {
      assert.equal(await current().find(), 'env');
      assert.equal(cache.peek(), undefined);
    });
    await t.test('8. set the AWS environment variables to invalid values', () => sandbox.set(INVALID_ENV));
    await t.test('9. create a new client', newClient);
    await t.test('10. a find results in an error', async () => {
      await refused(current());
      assert.equal(emu.mongod.connections.authentications.at(-1)?.reason, 'InvalidClientTokenId');
    });
    await t.test('11. clear the AWS environment variables', () => {
      clearEnv();
      assert.equal(sandbox.env['AWS_ACCESS_KEY_ID'], undefined);
    });
    await t.test('12. clear the cache', () => {
      provider.invalidate();
      assert.equal(cache.peek(), undefined);
    });
    await t.test('13. create a new client', newClient);
    await t.test('14. a find caches credentials', async () => {
      assert.equal(await current().find(), 'container');
      assert.equal(cache.peek()?.source, 'container');
    });
    await t.test('15. set the AWS environment variables to invalid values', () => sandbox.set(INVALID_ENV));
    await t.test('16. create a new client', newClient);
    await t.test('17. a find succeeds (the cache beats the environment)', async () => {
      assert.equal(await current().find(), 'container');
      assert.equal(cache.peek()?.source, 'container');
    });
    await t.test('18. clear the AWS environment variables', () => {
      clearEnv();
      assert.equal(sandbox.env['AWS_ACCESS_KEY_ID'], undefined);
    });
  } finally {
    await close();
  }
});
