// The MongoDB MONGODB-AWS caching prose tests (source/auth/tests/mongodb-aws.md §7, cache tests A and B), as unit
// tests against the provider: an injected clock and environment, a fake instance-metadata source, a fake server.
// The cache belongs to the provider (one per MongoClient, as the Node driver holds one), so "new client" here is
// a new connection through the same provider.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CACHE, buildProvider } from '../../lib/chain/provider.js';
import { FakeImds, FakeServer, MINUTE, World, find, resolvers } from './fakes.js';

function setup(): { world: World; imds: FakeImds; server: FakeServer; provider: ReturnType<typeof buildProvider> } {
  const world = new World();
  const imds = new FakeImds(world);
  const server = new FakeServer();
  // The server accepts whatever the instance issues.
  const issue = imds.fetch;
  imds.fetch = async () => {
    const c = await issue();
    if (c !== undefined) server.valid.add(c.accessKeyId);
    return c;
  };
  const provider = buildProvider(undefined, world.init(), resolvers(imds));
  return { world, imds, server, provider };
}

test('cache test A: populate, refresh inside the 5-minute window, clear on a failed authentication, repopulate', async () => {
  const { world, imds, server, provider } = setup();
  const cache = provider[CACHE];
  assert.ok(cache !== undefined);

  // 1. Clear the cache. 2-3. A find populates it.
  provider.invalidate();
  assert.equal(cache.peek(), undefined);
  await find(server, provider);
  const populated = cache.peek();
  assert.ok(populated?.credentials.expiration !== undefined, 'step 3: the cache holds temporary credentials');
  assert.equal(imds.calls, 1);

  // 4. Overwrite the cached Expiration with a time within 1 minute of now. 5-6. A find updates the cache.
  cache.set({ ...populated, credentials: { ...populated.credentials, expiration: new Date(world.now + MINUTE - 1000) } });
  await find(server, provider);
  assert.equal(imds.calls, 2, 'step 6: credentials inside the window are refreshed');
  assert.notEqual(cache.peek()?.credentials.accessKeyId, populated.credentials.accessKeyId, 'step 6: the cache was updated');
  assert.ok((cache.peek()?.credentials.expiration?.getTime() ?? 0) > world.now + 5 * MINUTE);

  // 7. Poison the cache with an invalid access key id. 8-9. A find fails. 10. The cache has been cleared.
  const current = cache.peek();
  assert.ok(current !== undefined);
  cache.set({ ...current, credentials: { ...current.credentials, accessKeyId: 'AKIDPOISONED' } });
  await assert.rejects(find(server, provider), /AuthenticationFailed/);
  assert.equal(cache.peek(), undefined, 'step 10: the failed authentication cleared the cache');

  // 11. The next find succeeds. 12. The cache is set again.
  await find(server, provider);
  assert.equal(imds.calls, 3);
  assert.ok(cache.peek() !== undefined, 'step 12: the cache is set again');
});

test('cache test B: env credentials are used but never cached, and a populated cache beats env vars', async () => {
  const { world, imds, server, provider } = setup();
  const cache = provider[CACHE];
  assert.ok(cache !== undefined);

  // 1. Clear the cache. 2-3. A find caches credentials (from instance metadata: no env vars).
  provider.invalidate();
  await find(server, provider);
  const cached = cache.peek();
  assert.equal(cached?.source, 'instance-metadata');

  // 4. Set env vars from the cached credentials. 5. Clear the cache. 6-7. A find succeeds without caching.
  world.env = {
    AWS_ACCESS_KEY_ID: cached.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: cached.credentials.secretAccessKey.reveal(),
    AWS_SESSION_TOKEN: cached.credentials.sessionToken?.reveal() ?? '',
  };
  provider.invalidate();
  const imdsCalls = imds.calls;
  await find(server, provider);
  assert.equal(cache.peek(), undefined, 'step 7: env credentials are not cached');
  assert.equal(imds.calls, imdsCalls, 'step 7: env credentials came first');

  // 8. Set env vars to invalid values. 9-10. A find errors (they are re-read on every authentication).
  world.env = { AWS_ACCESS_KEY_ID: 'AKIDINVALID', AWS_SECRET_ACCESS_KEY: 'invalid' };
  await assert.rejects(find(server, provider), /AuthenticationFailed/);

  // 11. Clear env vars. 12. Clear the cache. 13-14. A find caches credentials.
  world.env = {};
  provider.invalidate();
  await find(server, provider);
  const recached = cache.peek();
  assert.equal(recached?.source, 'instance-metadata', 'step 14: cached again');

  // 15. Set env vars to invalid values. 16-17. A find succeeds: the cache is consulted before the environment.
  world.env = { AWS_ACCESS_KEY_ID: 'AKIDINVALID', AWS_SECRET_ACCESS_KEY: 'invalid' };
  await find(server, provider);
  assert.equal(cache.peek(), recached);

  // 18. Clear env vars.
  world.env = {};
  await find(server, provider);
});
