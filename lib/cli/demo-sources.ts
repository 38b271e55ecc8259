/** The demo's rows: for each credential source PyMongo documents (plus custom, process, SSO), the sandbox it needs. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ConnectOptions } from '../client/connect.js';
import type { Emulator } from '../emulator/index.js';
import type { CredentialSource } from '../types.js';

/** A temporary HOME for one row. `write` creates parent folders and returns the absolute path. */
export interface Sandbox {
  readonly emulator: Emulator;
  readonly home: string;
  readonly platform: NodeJS.Platform;
  write(relativePath: string, content: string): Promise<string>;
}

/** What a row connects with, and whom connectionStatus must name. */
export interface RowPlan {
  readonly uri: string;
  /** Variables added to the sandbox environment (which already holds HOME and AWS_EC2_METADATA_DISABLED=true). */
  readonly env: Readonly<Record<string, string>>;
  readonly options?: Pick<ConnectOptions, 'authMechanismProperties'>;
  readonly expectedArn: string;
  /** Leave the instance metadata service enabled (the IMDS row only). */
  readonly imds?: boolean;
}

export interface DemoSource {
  /** The source the chain must report. */
  readonly source: CredentialSource;
  /** How PyMongo's documentation (or the AWS SDKs) name it. */
  readonly label: string;
  readonly prepare: (sandbox: Sandbox) => Promise<RowPlan>;
}

type Sections = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** INI text of the shared config and credentials files. */
export function ini(sections: Sections): string {
  return Object.entries(sections)
    .map(([name, keys]) => [`[${name}]`, ...Object.entries(keys).map(([key, value]) => `${key} = ${value}`)].join('\n'))
    .join('\n\n')
    .concat('\n');
}

/** One argv word of a credential_process command line: POSIX shlex quoting, or CommandLineToArgvW double quotes. */
export function quoteArg(word: string, platform: NodeJS.Platform): string {
  if (platform === 'win32') return `"${word}"`;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function role(emulator: Emulator, name: string): string {
  return emulator.registry.addRole({ roleArn: `arn:aws:iam::${emulator.registry.account}:role/${name}` }).roleArn;
}

function keys(identity: { readonly accessKeyId: string; readonly secretAccessKey: string }): Record<string, string> {
  return { aws_access_key_id: identity.accessKeyId, aws_secret_access_key: identity.secretAccessKey };
}

const SSO_SESSION = 'mongodb-aws-auth-demo';

export const DEMO_SOURCES: readonly DemoSource[] = [
  {
    source: 'explicit',
    label: 'MongoClient credentials (URI userinfo)',
    prepare: async ({ emulator }) => {
      const user = emulator.registry.addUser();
      const userinfo = `${encodeURIComponent(user.accessKeyId)}:${encodeURIComponent(user.secretAccessKey)}@`;
      return { uri: emulator.uri.replace('mongodb://', `mongodb://${userinfo}`), env: {}, expectedArn: user.arn };
    },
  },
  {
    source: 'env',
    label: 'environment variables',
    prepare: async ({ emulator }) => {
      const user = emulator.registry.addUser();
      return { uri: emulator.uri, env: { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey }, expectedArn: user.arn };
    },
  },
  {
    source: 'shared-credentials-file',
    label: 'shared credentials file (~/.aws/credentials)',
    prepare: async ({ emulator, write }) => {
      const user = emulator.registry.addUser();
      await write('.aws/credentials', ini({ default: keys(user) }));
      return { uri: emulator.uri, env: {}, expectedArn: user.arn };
    },
  },
  {
    source: 'config-file',
    label: 'AWS config file (~/.aws/config)',
    prepare: async ({ emulator, write }) => {
      const user = emulator.registry.addUser();
      await write('.aws/config', ini({ default: keys(user) }));
      return { uri: emulator.uri, env: {}, expectedArn: user.arn };
    },
  },
  {
    source: 'assume-role',
    label: 'AssumeRole (role_arn + source_profile)',
    prepare: async ({ emulator, write }) => {
      const user = emulator.registry.addUser();
      const roleArn = role(emulator, 'demo-assume-role');
      await write('.aws/credentials', ini({ 'demo-source': keys(user) }));
      await write('.aws/config', ini({ 'profile demo': { role_arn: roleArn, source_profile: 'demo-source', role_session_name: 'mongodb-aws-auth-demo' } }));
      return { uri: emulator.uri, env: { AWS_PROFILE: 'demo', AWS_ENDPOINT_URL_STS: emulator.aws.sts.url, AWS_REGION: 'us-east-1' }, expectedArn: roleArn };
    },
  },
  {
    source: 'web-identity',
    label: 'AssumeRoleWithWebIdentity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)',
    prepare: async ({ emulator, home, write }) => {
      const identity = emulator.webIdentity(join(home, 'web-identity-token'), 'demo-web-identity-role');
      await write('web-identity-token', identity.token);
      return { uri: emulator.uri, env: identity.env, expectedArn: identity.roleArn };
    },
  },
  {
    source: 'container',
    label: 'ECS container (AWS_CONTAINER_CREDENTIALS_FULL_URI + authorization token)',
    prepare: async ({ emulator }) => ({ uri: emulator.uri, env: emulator.env('container'), expectedArn: emulator.aws.ecs.roleArn }),
  },
  {
    source: 'instance-metadata',
    label: 'EC2 instance metadata (IMDSv2)',
    prepare: async ({ emulator }) => ({ uri: emulator.uri, env: emulator.env('imds'), expectedArn: emulator.aws.imds.roleArn ?? '(no instance role)', imds: true }),
  },
  {
    source: 'custom',
    label: 'custom provider (AWS_CREDENTIAL_PROVIDER)',
    prepare: async ({ emulator }) => {
      const roleArn = role(emulator, 'demo-custom-provider-role');
      const issued = emulator.registry.issueTemporary(roleArn, { sessionName: 'demo-custom' });
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = issued;
      const provider = async () => ({ accessKeyId, secretAccessKey, sessionToken, expiration });
      return { uri: emulator.uri, env: {}, options: { authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider } }, expectedArn: roleArn };
    },
  },
  {
    source: 'process',
    label: 'credential_process',
    prepare: async ({ emulator, write, platform }) => {
      const roleArn = role(emulator, 'demo-process-role');
      const issued = emulator.registry.issueTemporary(roleArn, { sessionName: 'demo-process' });
      const output = { Version: 1, AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, SessionToken: issued.sessionToken, Expiration: issued.expiration.toISOString() };
      const script = await write('credential-process.mjs', `process.stdout.write(${JSON.stringify(JSON.stringify(output))});\n`);
      const command = `${quoteArg(process.execPath, platform)} ${quoteArg(script, platform)}`;
      await write('.aws/config', ini({ 'profile demo-process': { credential_process: command } }));
      return { uri: emulator.uri, env: { AWS_PROFILE: 'demo-process' }, expectedArn: roleArn };
    },
  },
  {
    source: 'sso',
    label: 'IAM Identity Center (sso_session + cached token)',
    prepare: async ({ emulator, write }) => {
      const roleName = 'demo-sso-role';
      const roleArn = role(emulator, roleName);
      const accessToken = emulator.registry.addSsoAccessToken();
      const expiresAt = new Date(emulator.registry.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const cacheFile = `${createHash('sha1').update(SSO_SESSION, 'utf8').digest('hex')}.json`;
      await write(`.aws/sso/cache/${cacheFile}`, JSON.stringify({ accessToken, expiresAt, region: 'us-east-1', startUrl: 'https://demo.awsapps.com/start' }));
      await write(
        '.aws/config',
        ini({
          'profile demo-sso': { sso_session: SSO_SESSION, sso_account_id: emulator.registry.account, sso_role_name: roleName },
          [`sso-session ${SSO_SESSION}`]: { sso_start_url: 'https://demo.awsapps.com/start', sso_region: 'us-east-1' },
        }),
      );
      return { uri: emulator.uri, env: { AWS_PROFILE: 'demo-sso', AWS_ENDPOINT_URL_SSO: emulator.aws.sso.url }, expectedArn: roleArn };
    },
  },
];
