/** Runs a resolution plan: base credentials, then each AssumeRole hop signed by the credentials before it. */
import type { CredentialSource, ResolvedCredentials } from '../types.js';
import type { AssumeRoleStep, NamedSourceStep, ProcessStep, ResolutionPlan, SsoStep, WebIdentityStep } from './steps.js';

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

export async function executePlan(plan: ResolutionPlan, runners: StepRunners): Promise<ProfileCredentials> {
  const base = plan.base;
  let credentials: ResolvedCredentials;
  let source: ProfileSource;
  switch (base.kind) {
    case 'static':
      credentials = {
        accessKeyId: base.accessKeyId,
        secretAccessKey: base.secretAccessKey,
        ...(base.sessionToken === undefined ? {} : { sessionToken: base.sessionToken }),
        ...(base.accountId === undefined ? {} : { accountId: base.accountId }),
      };
      source = base.file === 'credentials' ? 'shared-credentials-file' : 'config-file';
      break;
    case 'named-source':
      credentials = await runners.namedSource(base);
      source = 'assume-role';
      break;
    case 'web-identity':
      credentials = await runners.webIdentity(base);
      source = 'web-identity';
      break;
    case 'process':
      credentials = await runners.process(base);
      source = 'process';
      break;
    case 'sso':
      credentials = await runners.sso(base);
      source = 'sso';
      break;
  }
  for (const role of plan.roles) {
    credentials = await runners.assumeRole(credentials, role);
    source = 'assume-role';
  }
  return { credentials, source };
}
