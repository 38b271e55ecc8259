/** The Rust SDK's expected error texts (test-case.json `ErrorContains`), mapped to the error code that means the same here. */
import { MongoAwsError, type MongoAwsErrorCode } from '../../lib/errors.js';

export interface ErrorMeaning {
  /** A substring of the Rust message. */
  readonly rust: string;
  /** What it means. */
  readonly meaning: string;
  readonly code: MongoAwsErrorCode;
  /** Further properties our error must carry. */
  readonly remoteCode?: string;
  readonly status?: number;
}

/** Checked in order; the first entry whose `rust` text the expectation contains applies. */
export const ERROR_MEANINGS: readonly ErrorMeaning[] = [
  { rust: 'could not parse profile file', meaning: 'a config file does not parse', code: 'ERR_INVALID_PROFILE_FILE' },
  { rust: 'selected profile will resolve an access token instead of credentials', meaning: 'an SSO profile without sso_account_id/sso_role_name', code: 'ERR_INVALID_PROFILE' },
  { rust: '`web_identity_token_file` was specified but `role_arn` was missing', meaning: 'a web identity profile without role_arn', code: 'ERR_INVALID_PROFILE' },
  { rust: 'InvalidIdentityTokenException', meaning: 'STS refused the web identity token', code: 'ERR_STS_ERROR', remoteCode: 'InvalidIdentityToken' },
  { rust: 'request forbidden: IMDS is disabled', meaning: 'IMDS answered the token PUT with 403', code: 'ERR_IMDS_DISABLED' },
  { rust: 'failed to read `/home/.aws/sso/cache/', meaning: 'the SSO token cache file is missing', code: 'ERR_SSO_TOKEN' },
  { rust: 'external process exited with code', meaning: 'credential_process exited with a non-zero status', code: 'ERR_PROCESS_FAILED' },
  { rust: 'could not parse response: invalid JSON', meaning: 'credential_process printed something that is not JSON', code: 'ERR_INVALID_CREDENTIALS_RESPONSE' },
  { rust: 'No such file or directory (os error 2)', meaning: 'a file named by a variable is missing', code: 'ERR_FILE_READ' },
  { rust: 'an error occurred while loading credentials', meaning: 'the endpoint answered with a server error', code: 'ERR_HTTP_STATUS', status: 503 },
  { rust: 'provider was not enabled', meaning: 'no source produced credentials', code: 'ERR_CREDENTIALS_NOT_FOUND' },
];

export function meaningOf(contains: string): ErrorMeaning {
  const meaning = ERROR_MEANINGS.find((m) => contains.includes(m.rust));
  if (meaning === undefined) throw new Error(`no error meaning mapped for the Rust text: ${contains}`);
  return meaning;
}

/** Throws unless `error` is ours and carries the mapped code (and status / remote code where the mapping names one). */
export function assertMeaning(error: unknown, contains: string): void {
  const meaning = meaningOf(contains);
  if (!MongoAwsError.isMongoAwsError(error)) {
    throw new Error(`expected ${meaning.code} (${meaning.meaning}), got a non-library error: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (error.code !== meaning.code) throw new Error(`expected ${meaning.code} (${meaning.meaning}), got ${error.code}: ${error.message}`);
  if (meaning.remoteCode !== undefined && error.remoteCode !== meaning.remoteCode) {
    throw new Error(`expected remote code ${meaning.remoteCode}, got ${error.remoteCode ?? '(none)'}`);
  }
  if (meaning.status !== undefined && error.status !== meaning.status) throw new Error(`expected status ${meaning.status}, got ${error.status ?? '(none)'}`);
}
