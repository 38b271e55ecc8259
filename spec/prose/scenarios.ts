// Scenarios 1-6 of the MongoDB MONGODB-AWS prose tests (source/auth/tests/mongodb-aws.md), each set up against the
// embedded emulator: the environment a client would see, the user connectionStatus must report, and extra checks.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../lib/emulator/index.js';
import { RUNTIME, runtimeFrom } from '../../lib/runtime.js';
import { Secret } from '../../lib/secret.js';
import { assumeRole } from '../../lib/sts/assume-role.js';
import type { CredentialSource } from '../../lib/types.js';
import type { SandboxOptions } from './sandbox.js';

export interface Scenario {
  /** Variables of the sandboxed environment. */
  readonly vars: Record<string, string>;
  readonly options?: SandboxOptions;
  /** What connectionStatus must name (the server maps an assumed-role ARN to its role ARN). */
  readonly user: string;
  /** The chain step that must answer when no custom provider is given. */
  readonly source: CredentialSource;
  /** Checks on what the emulator saw, run after a successful authentication. */
  verify(): void;
}

export interface ScenarioContext {
  readonly emu: Emulator;
  /** Scratch directory for token files. */
  readonly dir: string;
}

export type ScenarioName =
  | '1. Regular Credentials'
  | '2. EC2 Credentials'
  | '3. ECS Credentials'
  | '4. Assume Role'
  | '5. Assume Role with Web Identity (with AWS_ROLE_SESSION_NAME)'
  | '5. Assume Role with Web Identity (without AWS_ROLE_SESSION_NAME)'
  | '6. AWS Lambda (without AWS_SESSION_TOKEN)'
  | '6. AWS Lambda (with AWS_SESSION_TOKEN)';

/** The ARN GetCallerIdentity returned in the emulator's last finished conversation. */
export function lastCallerArn(emu: Emulator): string | undefined {
  return emu.mongod.connections.authentications.at(-1)?.callerArn;
}

const LAMBDA_VARS = { AWS_LAMBDA_FUNCTION_NAME: 'prose-lambda', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x', AWS_REGION: 'us-east-1' };
let counter = 0;

function requestsSince(emu: Emulator): () => Emulator['aws']['requests'] {
  const start = emu.aws.requests.length;
  return () => emu.aws.requests.slice(start);
}

function webIdentity({ emu, dir }: ScenarioContext, withSessionName: boolean): Scenario {
  const tokenFile = join(dir, `web-identity-token-${++counter}`);
  const identity = emu.webIdentity(tokenFile, `prose-web-identity-${counter}`);
  writeFileSync(tokenFile, identity.token);
  const vars = { ...identity.env };
  if (!withSessionName) delete vars['AWS_ROLE_SESSION_NAME'];
  const seen = requestsSince(emu);
  return {
    vars,
    user: identity.roleArn,
    source: 'web-identity',
    verify() {
      assert.ok(seen().some((r) => r.server === 'sts' && r.action === 'AssumeRoleWithWebIdentity'), 'STS AssumeRoleWithWebIdentity was called');
      const session = /:assumed-role\/[^/]+\/(.+)$/.exec(lastCallerArn(emu) ?? '')?.[1];
      if (withSessionName) assert.equal(session, identity.env['AWS_ROLE_SESSION_NAME']);
      else {
        assert.ok(session !== undefined && session.length > 0, 'a session name was generated');
        assert.notEqual(session, identity.env['AWS_ROLE_SESSION_NAME']);
      }
    },
  };
}

export const SCENARIOS: Readonly<Record<ScenarioName, (ctx: ScenarioContext) => Promise<Scenario>>> = {
  '1. Regular Credentials': async ({ emu }) => {
    const vars = emu.env('static');
    const identity = emu.registry.lookup(vars['AWS_ACCESS_KEY_ID']!)!;
    return { vars, user: identity.arn, source: 'env', verify: () => assert.equal(lastCallerArn(emu), identity.arn) };
  },

  '2. EC2 Credentials': async ({ emu }) => {
    const seen = requestsSince(emu);
    return {
      vars: emu.env('imds'),
      options: { imds: true },
      user: emu.aws.imds.roleArn!,
      source: 'instance-metadata',
      verify() {
        const imds = seen().filter((r) => r.server === 'imds');
        assert.ok(imds.some((r) => r.method === 'PUT' && r.path === '/latest/api/token'), 'IMDSv2 session token requested');
        assert.ok(imds.some((r) => r.method === 'GET' && r.path.startsWith('/latest/meta-data/iam/security-credentials/')), 'role credentials read');
      },
    };
  },

  '3. ECS Credentials': async ({ emu }) => {
    const seen = requestsSince(emu);
    return {
      vars: emu.env('container'),
      user: emu.aws.ecs.roleArn,
      source: 'container',
      verify: () => assert.ok(seen().some((r) => r.server === 'ecs' && r.method === 'GET'), 'the ECS endpoint was queried'),
    };
  },

  '4. Assume Role': async ({ emu, dir }) => {
    // Temporary credentials from a real STS AssumeRole call (signed with an IAM user's keys), put in the environment.
    const user = emu.registry.addUser();
    const roleArn = emu.registry.addRole({ roleArn: `arn:aws:iam::${emu.registry.account}:role/prose-assume-role-${++counter}` }).roleArn;
    const runtime = runtimeFrom({ [RUNTIME]: { env: () => ({ HOME: dir }), homedir: () => dir } });
    const credentials = await assumeRole(
      runtime,
      { accessKeyId: user.accessKeyId, secretAccessKey: new Secret(user.secretAccessKey) },
      { roleArn, roleSessionName: 'prose-assume-role-session', endpoint: { url: emu.aws.sts.url, region: 'us-east-1' } },
    );
    assert.ok(credentials.sessionToken !== undefined);
    const vars = {
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey.reveal(),
      AWS_SESSION_TOKEN: credentials.sessionToken.reveal(),
    };
    const callerArn = `arn:aws:sts::${emu.registry.account}:assumed-role/${roleArn.split('/').at(-1)!}/prose-assume-role-session`;
    return { vars, user: roleArn, source: 'env', verify: () => assert.equal(lastCallerArn(emu), callerArn) };
  },

  '5. Assume Role with Web Identity (with AWS_ROLE_SESSION_NAME)': async (ctx) => webIdentity(ctx, true),
  '5. Assume Role with Web Identity (without AWS_ROLE_SESSION_NAME)': async (ctx) => webIdentity(ctx, false),

  '6. AWS Lambda (without AWS_SESSION_TOKEN)': async ({ emu }) => {
    const keys = emu.env('static');
    const identity = emu.registry.lookup(keys['AWS_ACCESS_KEY_ID']!)!;
    return { vars: { ...LAMBDA_VARS, ...keys }, user: identity.arn, source: 'env', verify: () => assert.equal(lastCallerArn(emu), identity.arn) };
  },

  '6. AWS Lambda (with AWS_SESSION_TOKEN)': async ({ emu }) => {
    const keys = emu.env('session');
    const identity = emu.registry.lookup(keys['AWS_ACCESS_KEY_ID']!)!;
    assert.equal(identity.kind, 'temporary');
    return {
      vars: { ...LAMBDA_VARS, ...keys },
      user: identity.arn.replace(/^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/, 'arn:aws:iam::$1:role/$2'),
      source: 'env',
      verify: () => assert.equal(lastCallerArn(emu), identity.arn),
    };
  },
};
