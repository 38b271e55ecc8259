/** `mongodb-aws-auth credentials`: which source the chain uses and what it tried; never the secret or the token. */
import { resolveCredentials, type ResolvedCredentialsReport } from '../chain/resolve.js';
import { RUNTIME, type RuntimeInit } from '../runtime.js';
import { EXIT_OK, renderTable, type Output } from './format.js';

export interface CredentialsArgs {
  readonly json: boolean;
  readonly profile?: string;
}

/** The `--json` shape. `reason` is null for a used source. */
export interface CredentialsJson {
  readonly source: string;
  readonly accessKeyId: string;
  readonly sessionToken: boolean;
  readonly expiration: string | null;
  readonly attempts: readonly { readonly source: string; readonly outcome: 'used' | 'skipped' | 'failed'; readonly reason: string | null }[];
}

/** Only safe fields are copied out of the report: the secret and the token never reach this object. */
export function credentialsJson(report: ResolvedCredentialsReport): CredentialsJson {
  const { credentials } = report;
  return {
    source: report.source,
    accessKeyId: credentials.accessKeyId,
    sessionToken: credentials.sessionToken !== undefined && credentials.sessionToken !== '',
    expiration: credentials.expiration === undefined ? null : credentials.expiration.toISOString(),
    attempts: report.attempts.map((attempt) => ({ source: attempt.source, outcome: attempt.outcome, reason: attempt.reason ?? null })),
  };
}

export function credentialsText(view: CredentialsJson): string[] {
  return [
    `source:          ${view.source}`,
    `access key id:   ${view.accessKeyId}`,
    `session token:   ${view.sessionToken ? 'present' : 'none'}`,
    `expiration:      ${view.expiration ?? 'none'}`,
    '',
    'sources tried, in chain order:',
    ...renderTable(
      ['source', 'outcome', 'reason'],
      view.attempts.map((attempt) => [attempt.source, attempt.outcome, attempt.reason ?? '']),
    ).map((line) => `  ${line}`),
  ];
}

/** Runs the chain once, uncached; errors propagate to `main`, which prints one line. */
export async function runCredentials(args: CredentialsArgs, output: Output, init: RuntimeInit): Promise<number> {
  const override = init[RUNTIME];
  const report = await resolveCredentials({
    ...(args.profile === undefined ? {} : { profile: args.profile }),
    ...(override === undefined ? {} : { [RUNTIME]: override }),
  });
  const view = credentialsJson(report);
  if (args.json) output.out(JSON.stringify(view));
  else for (const line of credentialsText(view)) output.out(line);
  return EXIT_OK;
}
