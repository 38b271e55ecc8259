// Shared by the interop tests that run the official MongoDB driver in this process against the emulator.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import type { AwsCredentialIdentityProvider } from '../../lib/index.js';

/** Replaces process.env with no AWS_* of the host: no shared files, no instance metadata unless asked. Returns a restorer. */
export function envSandbox(dir: () => string): { set(vars: Record<string, string>, options?: { imds?: boolean }): void; restore(): void } {
  const saved = { ...process.env };
  return {
    set(vars, options = {}) {
      for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
      Object.assign(process.env, {
        HOME: dir(),
        AWS_SHARED_CREDENTIALS_FILE: join(dir(), 'no-credentials-file'),
        AWS_CONFIG_FILE: join(dir(), 'no-config-file'),
        ...(options.imds === true ? {} : { AWS_EC2_METADATA_DISABLED: 'true' }),
        ...vars,
      });
    },
    restore() {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    },
  };
}

/** A fresh driver client (the driver keeps one provider per client); ping, then the user connectionStatus reports. */
export async function authenticatedUser(uri: string, options: MongoClientOptions = {}): Promise<string> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 3000, ...options });
  try {
    assert.equal((await client.db('admin').command({ ping: 1 }))['ok'], 1);
    const status = await client.db('admin').command({ connectionStatus: 1 });
    const users = (status['authInfo'] as { authenticatedUsers: { user: string; db: string }[] }).authenticatedUsers;
    assert.equal(users.length, 1);
    assert.equal(users[0]!.db, '$external');
    return users[0]!.user;
  } finally {
    await client.close();
  }
}

/** Wraps a provider and counts its calls. */
export function tracking(inner: AwsCredentialIdentityProvider): { provider: AwsCredentialIdentityProvider; calls: () => number } {
  let calls = 0;
  return {
    provider: async () => {
      calls += 1;
      return inner();
    },
    calls: () => calls,
  };
}
