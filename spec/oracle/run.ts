/** Runs the real `@aws-sdk/credential-providers` chain and ours in the same environment, one after the other. */
import { fromNodeProviderChain as sdkChain } from '@aws-sdk/credential-providers';
import { fromNodeProviderChain as ourChain } from '../../lib/chain/node-provider-chain.js';
import { MongoAwsError } from '../../lib/errors.js';

/** The comparable part of a result. */
export interface Creds {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Epoch ms. */
  readonly expiration?: number;
  readonly accountId?: string;
}

export type Side = { readonly ok: Creds } | { readonly error: string };

function normalize(value: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined; expiration?: Date | undefined; accountId?: string | undefined }): Creds {
  return {
    accessKeyId: value.accessKeyId,
    secretAccessKey: value.secretAccessKey,
    ...(value.sessionToken ? { sessionToken: value.sessionToken } : {}),
    ...(value.expiration === undefined ? {} : { expiration: value.expiration.getTime() }),
    ...(value.accountId ? { accountId: value.accountId } : {}),
  };
}

/** Replaces the whole environment for `fn`, restoring it afterwards (in place: libraries hold `process.env`). */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The AWS SDK for JavaScript v3 default chain (what MongoDB Node driver 7 calls). */
export async function runSdk(env: Record<string, string>): Promise<Side> {
  return withEnv(env, async () => {
    try {
      return { ok: normalize(await sdkChain({ logger: quiet })()) };
    } catch (error) {
      const e = error as Error;
      return { error: `${e.name}: ${e.message.split('\n')[0] ?? ''}` };
    }
  });
}

/** Ours, with the default runtime (process.env, real files, real HTTP, real processes). */
export async function runOurs(env: Record<string, string>): Promise<Side> {
  return withEnv(env, async () => {
    try {
      return { ok: normalize(await ourChain()()) };
    } catch (error) {
      return { error: MongoAwsError.isMongoAwsError(error) ? error.code : `not ours: ${String(error)}` };
    }
  });
}
