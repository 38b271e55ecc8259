/** The shape of a resolution plan for one profile: a base credential step, then the roles to assume in order. */
import type { Secret } from '../secret.js';

/** Read-only view of the shared files that planning needs (satisfied by `SharedConfig` from lib/ini/load.ts). */
export interface ProfileView {
  /** Merged profile: credentials-file keys win over config-file keys, key by key. */
  profile(name: string): Readonly<Record<string, string>> | undefined;
  /** The profile as written in the credentials file alone. */
  credentialsProfile(name: string): Readonly<Record<string, string>> | undefined;
  ssoSession(name: string): Readonly<Record<string, string>> | undefined;
}

/** The `credential_source` values both SDKs accept, matched exactly. */
export const NAMED_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;
export type NamedSource = (typeof NAMED_SOURCES)[number];

/** Static keys written in a profile. */
export interface StaticStep {
  readonly kind: 'static';
  readonly profile: string;
  /** Which file the access key id came from. */
  readonly file: 'credentials' | 'config';
  readonly accessKeyId: string;
  readonly secretAccessKey: Secret;
  readonly sessionToken?: Secret;
  readonly accountId?: string;
}

/** `credential_source` of a role profile: credentials from the environment, ECS or EC2 sign the AssumeRole call. */
export interface NamedSourceStep {
  readonly kind: 'named-source';
  readonly profile: string;
  readonly source: NamedSource;
}

/** `role_arn` + `web_identity_token_file` in a profile. */
export interface WebIdentityStep {
  readonly kind: 'web-identity';
  readonly profile: string;
  readonly roleArn: string;
  readonly tokenFile: string;
  readonly roleSessionName?: string;
}

/** `credential_process` in a profile. */
export interface ProcessStep {
  readonly kind: 'process';
  readonly profile: string;
  readonly command: string;
  /** The profile's `aws_account_id`, used when the process output has no AccountId. */
  readonly accountId?: string;
}

/** IAM Identity Center settings, after `sso_session` is resolved. No account/role = a token-only profile. */
export interface SsoStep {
  readonly kind: 'sso';
  readonly profile: string;
  readonly startUrl: string;
  readonly region: string;
  /** Modern form: the `[sso-session NAME]` the token cache is keyed by. */
  readonly session?: string;
  readonly accountId?: string;
  readonly roleName?: string;
}

export type BaseStep = StaticStep | NamedSourceStep | WebIdentityStep | ProcessStep | SsoStep;

/** One AssumeRole hop, signed with the credentials of the step before it. */
export interface AssumeRoleStep {
  readonly kind: 'assume-role';
  /** The profile holding `role_arn`; its settings (region, endpoint) drive the STS call. */
  readonly profile: string;
  readonly roleArn: string;
  readonly roleSessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
}

export interface ResolutionPlan {
  readonly base: BaseStep;
  /** In execution order: the first entry is signed by the base credentials. */
  readonly roles: readonly AssumeRoleStep[];
}

/**
 * `plan`: steps to run. `not-found`: the selected profile exists in neither file.
 * `no-credentials`: the selected profile holds only settings (region, …); the chain moves on.
 */
export type PlanOutcome =
  | { readonly kind: 'plan'; readonly plan: ResolutionPlan }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'no-credentials' };
