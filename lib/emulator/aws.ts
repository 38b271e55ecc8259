/** Starts the emulated AWS endpoints (STS, SSO portal, EC2 IMDS, ECS/EKS agent) together on loopback ephemeral ports. */
import { randomBytes, randomUUID } from 'node:crypto';
import { ecsEndpoint } from './ecs.js';
import { AwsFaults } from './faults.js';
import { startHttpServer, type EndpointDefinition, type RecordedRequest, type RunningServer } from './http-server.js';
import { imdsEndpoint } from './imds.js';
import { IdentityRegistry } from './registry.js';
import { ssoEndpoint } from './sso.js';
import { stsEndpoint } from './sts.js';

export interface AwsEmulatorOptions {
  /** Share a registry (e.g. with the MongoDB half); otherwise a new one. */
  readonly registry?: IdentityRegistry;
  /** Account of a new registry and of the IMDS/ECS roles; `123456789012`. */
  readonly account?: string;
  /** Clock of a new registry (ms since the epoch). */
  readonly now?: () => number;
  /** Listen address; `127.0.0.1`. */
  readonly host?: string;
  /** Request body cap per server; 64 KiB. */
  readonly maxBodyBytes?: number;
  /** Instance profile role; `emulator-instance-role`; `null` for an instance without a role. */
  readonly imdsRoleName?: string | null;
  /** Task role; `arn:aws:iam::ACCOUNT:role/emulator-task-role`. */
  readonly ecsRoleArn?: string;
}

export interface AwsEmulator {
  readonly registry: IdentityRegistry;
  readonly faults: AwsFaults;
  /** Every request received, in order: server, method, path, query and header names (never values). */
  readonly requests: RecordedRequest[];
  readonly sts: { readonly url: string; readonly port: number };
  readonly sso: { readonly url: string; readonly port: number };
  readonly imds: { readonly url: string; readonly port: number; readonly roleName: string | null; readonly roleArn?: string };
  readonly ecs: {
    readonly url: string;
    readonly port: number;
    /** For `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (real clients prefix 169.254.170.2: use `url + relativePath` as a full URI). */
    readonly relativePath: string;
    /** For `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `authorizationToken` in `AWS_CONTAINER_AUTHORIZATION_TOKEN`. */
    readonly fullUri: string;
    readonly authorizationToken: string;
    readonly roleArn: string;
  };
  close(): Promise<void>;
}

export async function startAwsEmulator(options: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
  const registry =
    options.registry ??
    new IdentityRegistry({ ...(options.account === undefined ? {} : { account: options.account }), ...(options.now === undefined ? {} : { now: options.now }) });
  const account = options.account ?? registry.account;
  const faults = new AwsFaults();
  const requests: RecordedRequest[] = [];
  const roleName = options.imdsRoleName === undefined ? 'emulator-instance-role' : options.imdsRoleName;
  const imdsRoleArn = roleName === null ? undefined : registry.addRole({ roleArn: `arn:aws:iam::${account}:role/${roleName}` }).roleArn;
  const ecsRoleArn = registry.addRole({ roleArn: options.ecsRoleArn ?? `arn:aws:iam::${account}:role/emulator-task-role` }).roleArn;
  const relativePath = `/v2/credentials/${randomUUID()}`;
  const fullPath = '/v1/credentials';
  const authorizationToken = randomBytes(32).toString('base64');

  const endpoints: EndpointDefinition[] = [
    stsEndpoint({ registry }),
    ssoEndpoint({ registry }),
    imdsEndpoint({ registry, roleName, account }),
    ecsEndpoint({ registry, roleArn: ecsRoleArn, account, relativePath, fullPath, authorizationToken }),
  ];
  const init = {
    faults,
    requests,
    ...(options.host === undefined ? {} : { host: options.host }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  };
  const started = await Promise.allSettled(endpoints.map((endpoint) => startHttpServer(endpoint, init)));
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const close = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.close()));
  };
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed !== undefined) {
    await close();
    throw failed.reason;
  }
  const [sts, sso, imds, ecs] = servers as [RunningServer, RunningServer, RunningServer, RunningServer];
  return {
    registry,
    faults,
    requests,
    sts: { url: sts.url, port: sts.port },
    sso: { url: sso.url, port: sso.port },
    imds: { url: imds.url, port: imds.port, roleName, ...(imdsRoleArn === undefined ? {} : { roleArn: imdsRoleArn }) },
    ecs: { url: ecs.url, port: ecs.port, relativePath, fullUri: `${ecs.url}${fullPath}`, authorizationToken, roleArn: ecsRoleArn },
    close,
  };
}
