/** Type-level tests of the public API (compiled by `tsc -p .`, never run): Equals<> assertions and @ts-expect-error lines. */
// Imports go through the package's own name, so `exports` (and its `types` conditions) is what resolves them.
// Everything is `import type` / `declare`: the emitted .js has no imports and nothing runs (not a *.test.js file).
import type * as Root from 'mongodb-aws-auth';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  CachedCredentialProvider,
  ChainAttempt,
  ChainStepName,
  CredentialSource,
  MongoAwsError,
  MongoAwsErrorCode,
  ResolvedCredentialsReport,
  SignedRequest,
  fromNodeProviderChain,
  resolveCredentials,
  signRequest,
} from 'mongodb-aws-auth';
import type { MongoAwsConnection, authenticate, connect } from 'mongodb-aws-auth/sasl';
import type { startEmulator } from 'mongodb-aws-auth/emulator';
import type { fromNodeProviderChain as sdkFromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AuthMechanismProperties } from 'mongodb';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type Not<T extends boolean> = T extends true ? false : true;
/** True when K is an optional key of T. */
type IsOptional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;

// ── Credentials and providers ───────────────────────────────────────────────────────────────────────────────────
type ChainProvider = ReturnType<typeof fromNodeProviderChain>;
type Creds = Awaited<ReturnType<ChainProvider>>;

export type CredentialTests = [
  Assert<Equals<ChainProvider, CachedCredentialProvider>>,
  Assert<Equals<Creds, AwsCredentialIdentity>>,
  Assert<Equals<Creds['accessKeyId'], string>>,
  Assert<Equals<Creds['secretAccessKey'], string>>,
  Assert<Equals<Creds['sessionToken'], string | undefined>>,
  Assert<Equals<Creds['expiration'], Date | undefined>>,
  Assert<Not<IsOptional<Creds, 'accessKeyId'>>>,
  Assert<Not<IsOptional<Creds, 'secretAccessKey'>>>,
  Assert<IsOptional<Creds, 'sessionToken'>>,
  Assert<IsOptional<Creds, 'expiration'>>,
  // The provider is callable with no argument and has invalidate() (clear after an authentication failure).
  Assert<Equals<Parameters<ChainProvider>, []>>,
  Assert<Equals<ReturnType<ChainProvider['invalidate']>, void>>,
  Assert<ChainProvider extends AwsCredentialIdentityProvider ? true : false>,
  // Drop-in for the AWS SDK: ours fits where the SDK's provider goes, and the driver's AWS_CREDENTIAL_PROVIDER takes it.
  Assert<ChainProvider extends ReturnType<typeof sdkFromNodeProviderChain> ? true : false>,
  Assert<ChainProvider extends NonNullable<AuthMechanismProperties['AWS_CREDENTIAL_PROVIDER']> ? true : false>,
  // …and the SDK's own provider is accepted wherever we take an AwsCredentialIdentityProvider.
  Assert<ReturnType<typeof sdkFromNodeProviderChain> extends AwsCredentialIdentityProvider ? true : false>,
];

// ── resolveCredentials: the report the CLI prints ──────────────────────────────────────────────────────────────
type Report = Awaited<ReturnType<typeof resolveCredentials>>;

export type ReportTests = [
  Assert<Equals<Report, ResolvedCredentialsReport>>,
  Assert<Equals<keyof Report, 'credentials' | 'source' | 'attempts'>>,
  Assert<Equals<Report['credentials'], AwsCredentialIdentity>>,
  Assert<Equals<Report['source'], CredentialSource>>,
  Assert<Equals<Report['attempts'], readonly ChainAttempt[]>>,
  Assert<Equals<ChainAttempt['outcome'], 'used' | 'skipped' | 'failed'>>,
  Assert<Equals<ChainAttempt['source'], ChainStepName>>,
  Assert<Equals<ChainStepName, CredentialSource | 'profile'>>,
  Assert<IsOptional<ChainAttempt, 'reason'>>,
  Assert<'env' extends CredentialSource ? true : false>,
  Assert<'instance-metadata' extends CredentialSource ? true : false>,
  Assert<Not<string extends CredentialSource ? true : false>>,
];

// ── signRequest ───────────────────────────────────────────────────────────────────────────────────────────────
type SignArgs = Parameters<typeof signRequest>;

export type SignTests = [
  Assert<Equals<ReturnType<typeof signRequest>, SignedRequest>>,
  Assert<Equals<SignedRequest['headers'], Record<string, string>>>,
  Assert<Equals<SignedRequest['authorization'], string>>,
  Assert<Equals<SignArgs['length'], 3>>,
  Assert<Equals<SignArgs[0]['url'], string | URL>>,
  Assert<Equals<SignArgs[0]['body'], string | Uint8Array | undefined>>,
  Assert<Equals<SignArgs[2]['date'], Date | undefined>>,
  // What a provider returns can be passed straight to the signer.
  Assert<AwsCredentialIdentity extends SignArgs[1] ? true : false>,
];

// ── Error codes ───────────────────────────────────────────────────────────────────────────────────────────────
export type ErrorTests = [
  Assert<Equals<MongoAwsError['code'], MongoAwsErrorCode>>,
  Assert<Not<string extends MongoAwsErrorCode ? true : false>>,
  Assert<Equals<Extract<MongoAwsErrorCode, 'ERR_CREDENTIALS_NOT_FOUND' | 'ERR_AUTHENTICATION_FAILED' | 'ERR_HTTP_STATUS'>,
    'ERR_CREDENTIALS_NOT_FOUND' | 'ERR_AUTHENTICATION_FAILED' | 'ERR_HTTP_STATUS'>>,
  Assert<Equals<Root.MongoAwsCredentialsError['code'], MongoAwsErrorCode>>,
  Assert<Root.MongoAwsConfigError extends MongoAwsError ? true : false>,
  Assert<Equals<MongoAwsError['status'], number | undefined>>,
];

// ── Entries: the root never exposes the bson-backed API; ./sasl and ./emulator do ───────────────────────────────
type RootKeys = keyof typeof Root;

export type EntryTests = [
  Assert<Equals<Extract<RootKeys, 'connect' | 'authenticate' | 'startEmulator' | 'startMongod'>, never>>,
  Assert<Equals<Parameters<typeof connect>, [uri: string, options?: Parameters<typeof connect>[1]]>>,
  Assert<Equals<ReturnType<typeof connect>, Promise<MongoAwsConnection>>>,
  Assert<Equals<MongoAwsConnection['source'], CredentialSource>>,
  Assert<Equals<ReturnType<MongoAwsConnection['close']>, Promise<void>>>,
  Assert<Equals<keyof MongoAwsConnection['timings'], 'credentialsMs' | 'connectMs' | 'authenticateMs'>>,
  Assert<Equals<ReturnType<typeof authenticate>, Promise<void>>>,
];

// ── Call sites (never executed) ───────────────────────────────────────────────────────────────────────────────
declare const chain: typeof fromNodeProviderChain;
declare const sign: typeof signRequest;
declare const resolve: typeof resolveCredentials;
declare const open: typeof connect;
declare const emulator: typeof startEmulator;
declare const isMongoAwsError: (typeof Root.MongoAwsError)['isMongoAwsError'];
declare function expectType<T>(value: T): void;

export async function callSites(thrown: unknown): Promise<void> {
  const provider = chain();
  chain({ profile: 'dev', clientConfig: { region: 'eu-west-1' } });
  // @ts-expect-error not an option of the chain
  chain({ profile: 'dev', nope: true });
  const creds = await provider();
  expectType<string>(creds.accessKeyId);
  // @ts-expect-error sessionToken may be absent
  expectType<string>(creds.sessionToken);
  // @ts-expect-error credentials are read-only
  creds.accessKeyId = 'AKID';
  provider.invalidate();

  const request = { method: 'POST', url: 'https://sts.amazonaws.com/', headers: { 'content-type': 'x', via: ['a', 'b'] }, body: 'Action=x' };
  const signed = sign(request, creds, { region: 'us-east-1', service: 'sts' });
  sign({ method: 'GET', url: new URL('https://example.com/'), body: new Uint8Array(1) }, { accessKeyId: 'a', secretAccessKey: 's' }, {
    region: 'us-east-1',
    service: 's3',
    date: new Date(0),
  });
  expectType<string>(signed.headers['x-amz-date'] ?? '');
  // @ts-expect-error region is required
  sign(request, creds, { service: 'sts' });
  // @ts-expect-error the secret is required
  sign(request, { accessKeyId: 'a' }, { region: 'us-east-1', service: 'sts' });
  // @ts-expect-error internal signing variants are not part of SignOptions
  sign(request, creds, { region: 'us-east-1', service: 's3', applyChecksum: true });
  // @ts-expect-error the body is a string or bytes
  sign({ method: 'POST', url: 'https://example.com/', body: 42 }, creds, { region: 'us-east-1', service: 'sts' });
  // @ts-expect-error the result is read-only
  signed.authorization = '';

  if (isMongoAwsError(thrown)) {
    expectType<MongoAwsErrorCode>(thrown.code);
    if (thrown.code === 'ERR_HTTP_STATUS') expectType<'ERR_HTTP_STATUS'>(thrown.code);
    // @ts-expect-error not a code of this library: the comparison cannot be true
    if (thrown.code === 'ERR_NOT_A_CODE') return;
    switch (thrown.code) {
      case 'ERR_CREDENTIALS_NOT_FOUND':
      case 'ERR_AUTHENTICATION_FAILED':
        expectType<'ERR_CREDENTIALS_NOT_FOUND' | 'ERR_AUTHENTICATION_FAILED'>(thrown.code);
        break;
      default:
        // @ts-expect-error narrowed: the handled codes are gone
        expectType<'ERR_CREDENTIALS_NOT_FOUND'>(thrown.code);
    }
  }

  const report = await resolve({ authOptions: { credentialProvider: provider } });
  for (const attempt of report.attempts) expectType<'used' | 'skipped' | 'failed'>(attempt.outcome);
  // @ts-expect-error the report is read-only
  report.source = 'env';
  // @ts-expect-error not a credential source
  expectType<CredentialSource>('environment');

  const connection = await open('mongodb://127.0.0.1/?authMechanism=MONGODB-AWS', {
    authMechanismProperties: { AWS_CREDENTIAL_PROVIDER: provider },
    connectTimeoutMS: 1000,
  });
  const reply = await connection.command('admin', { ping: 1 });
  expectType<unknown>(reply['ok']);
  await connection.close();
  // @ts-expect-error the URI is required
  await open();

  const running = await emulator();
  expectType<Record<string, string>>(running.env('static'));
  // @ts-expect-error not an emulator credential kind
  running.env('ldap');
  expectType<string>(running.uri);
  await running.close();
}
