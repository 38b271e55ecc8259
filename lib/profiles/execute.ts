/** Runs a resolution plan: base credentials, then each AssumeRole hop signed by the credentials before it. */
import type { CredentialSource, ResolvedCredentials } from '../types.js';
import { fileSource } from './settings.js';
import type { AssumeRoleStep, BaseStep, NamedSourceStep, ProcessStep, ResolutionPlan, SsoStep, WebIdentityStep } from './steps.js';

/** The I/O a plan needs, supplied by the profile provider (so this module depends on no provider). */
export interface StepRunners {
  readonly namedSource: (step: NamedSourceStep) => Promise<ResolvedCredentials>;
  readonly webIdentity: (step: WebIdentityStep) => Promise<ResolvedCredentials>;
  readonly process: (step: ProcessStep) => Promise<ResolvedCredentials>;
  readonly sso: (step: SsoStep) => Promise<ResolvedCredentials>;
  readonly assumeRole: (source: ResolvedCredentials, step: AssumeRoleStep) => Promise<ResolvedCredentials>;
}

export type ProfileSource = Extract<CredentialSource, 'shared-credentials-file' | 'config-file' | 'assume-role' | 'web-identity' | 'process' | 'sso'>;

export interface ProfileCredentials {
  readonly credentials: ResolvedCredentials;
  /** `assume-role` whenever a role was assumed; otherwise where the base credentials came from. */
  readonly source: ProfileSource;
}

export async function executePlan({ base, roles }: ResolutionPlan, runners: StepRunners): Promise<ProfileCredentials> {
  let credentials: ResolvedCredentials;
  let source: ProfileSource;
  if (base.kind === 'static') {
    const { kind, profile, file, ...keys } = base;
    credentials = keys;
    source = fileSource(file);
  } else {
    // Each runner is named after its step kind in camel case (named-source → namedSource).
    const byKind = runners as unknown as Record<string, (step: BaseStep) => Promise<ResolvedCredentials>>;
    credentials = await (byKind[base.kind.replace(/-./, (m) => (m[1] as string).toUpperCase())] as (step: BaseStep) => Promise<ResolvedCredentials>)(base);
    // A named source always signs a role, so it is never the reported source.
    source = base.kind as ProfileSource;
  }
  for (const role of roles) {
    credentials = await runners.assumeRole(credentials, role);
    source = 'assume-role';
  }
  return { credentials, source };
}
