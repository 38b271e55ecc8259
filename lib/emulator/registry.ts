/** The emulator's IAM: permanent users, roles and the temporary credentials issued for them, keyed by access key id. */
import { randomBytes } from 'node:crypto';
import { MongoAwsConfigError } from '../errors.js';
import { constantTimeEqual, randomId, randomSecret, randomSessionToken } from './ids.js';

export const DEFAULT_ACCOUNT = '123456789012';

/** A key pair the emulated services accept. Secrets are plain strings: this is a test server, and it never logs them. */
export interface EmulatedIdentity {
  readonly kind: 'permanent' | 'temporary';
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary identities only. */
  readonly sessionToken?: string;
  /** Temporary identities only; whole seconds. */
  readonly expiration?: Date;
  /** What GetCallerIdentity returns: `arn:aws:iam::ACCOUNT:user/NAME` or `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  readonly arn: string;
  readonly account: string;
  /** `AIDA…` for a user, `AROA…:SESSION` for an assumed role. */
  readonly userId: string;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
  readonly arn: string;
}

export interface EmulatedRole {
  readonly roleArn: string;
  readonly account: string;
  readonly name: string;
  /** `AROA…` */
  readonly roleId: string;
  /** AssumeRoleWithWebIdentity accepts exactly this token; undefined: web identity refused. */
  readonly trustedWebIdentityToken?: string;
}

export interface AddUserInit {
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly arn?: string;
  readonly account?: string;
}

export interface IssueOptions {
  /** Default 3600. */
  readonly durationSeconds?: number;
  /** Issue credentials that expired a minute ago. */
  readonly expired?: boolean;
  /** Session name when `principalArn` is a role ARN; default `emulator-session`. */
  readonly sessionName?: string;
}

export interface RegistryInit {
  /** Default account for generated ARNs; `123456789012`. */
  readonly account?: string;
  /** Clock in ms since the epoch; defaults to `Date.now`. */
  readonly now?: () => number;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const PRINCIPAL_ARN = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):\S+$/;

/** Parses `arn:aws:iam::ACCOUNT:role/[path/]NAME`; undefined when it is not a role ARN. */
export function parseRoleArn(arn: string): { account: string; name: string } | undefined {
  const match = ROLE_ARN.exec(arn);
  return match === null ? undefined : { account: match[1] as string, name: match[2] as string };
}

export class IdentityRegistry {
  readonly account: string;
  readonly now: () => number;
  readonly #identities = new Map<string, EmulatedIdentity>();
  readonly #roles = new Map<string, EmulatedRole>();
  readonly #ssoTokens: string[] = [];
  #userCount = 0;

  constructor(init: RegistryInit = {}) {
    this.account = init.account ?? DEFAULT_ACCOUNT;
    this.now = init.now ?? Date.now;
  }

  /** Registers a long-term key pair; generates an `AKIA…` id, a secret and a user ARN when not given. */
  addUser(init: AddUserInit = {}): EmulatedIdentity {
    const arnAccount = init.arn === undefined ? undefined : PRINCIPAL_ARN.exec(init.arn)?.[1];
    if (init.arn !== undefined && arnAccount === undefined) throw invalid('arn');
    const account = init.account ?? arnAccount ?? this.account;
    const accessKeyId = init.accessKeyId ?? randomId('AKIA');
    if (accessKeyId.length < 16 || !/^[\w]+$/.test(accessKeyId)) throw invalid('accessKeyId');
    if (this.#identities.has(accessKeyId)) throw invalid('accessKeyId', 'is already registered');
    this.#userCount += 1;
    const identity: EmulatedIdentity = {
      kind: 'permanent',
      accessKeyId,
      secretAccessKey: init.secretAccessKey ?? randomSecret(),
      arn: init.arn ?? `arn:aws:iam::${account}:user/emulator-user-${this.#userCount}`,
      account,
      userId: randomId('AIDA', 17),
    };
    this.#identities.set(accessKeyId, identity);
    return identity;
  }

  /** Registers a role that AssumeRole (any known caller), AssumeRoleWithWebIdentity (trusted token), SSO, IMDS and ECS may hand out. */
  addRole(init: { roleArn: string; trustedWebIdentityToken?: string }): EmulatedRole {
    const parsed = parseRoleArn(init.roleArn);
    if (parsed === undefined) throw invalid('roleArn');
    const role: EmulatedRole = {
      roleArn: init.roleArn,
      account: parsed.account,
      name: parsed.name,
      roleId: this.#roles.get(init.roleArn)?.roleId ?? randomId('AROA', 17),
      ...(init.trustedWebIdentityToken === undefined ? {} : { trustedWebIdentityToken: init.trustedWebIdentityToken }),
    };
    this.#roles.set(init.roleArn, role);
    return role;
  }

  role(roleArn: string): EmulatedRole | undefined {
    return this.#roles.get(roleArn);
  }

  /**
   * Issues `ASIA…` credentials. A role ARN (`arn:aws:iam::A:role/R`) yields the assumed-role ARN
   * `arn:aws:sts::A:assumed-role/R/SESSION`; any other principal ARN is used as the caller ARN as is.
   */
  issueTemporary(principalArn: string, options: IssueOptions = {}): TemporaryCredentials {
    const role = parseRoleArn(principalArn);
    const sessionName = options.sessionName ?? 'emulator-session';
    let arn = principalArn;
    let account: string;
    let userId: string;
    if (role !== undefined) {
      arn = `arn:${principalArn.split(':')[1] as string}:sts::${role.account}:assumed-role/${role.name}/${sessionName}`;
      account = role.account;
      userId = `${this.#roles.get(principalArn)?.roleId ?? randomId('AROA', 17)}:${sessionName}`;
    } else {
      const match = PRINCIPAL_ARN.exec(principalArn);
      if (match === null) throw invalid('principalArn');
      account = match[1] as string;
      userId = [...this.#identities.values()].find((i) => i.arn === principalArn)?.userId ?? randomId('AIDA', 17);
    }
    const duration = options.durationSeconds ?? 3600;
    if (!Number.isInteger(duration) || duration < 1) throw invalid('durationSeconds');
    const nowSeconds = Math.floor(this.now() / 1000);
    const expiration = new Date((options.expired === true ? nowSeconds - 60 : nowSeconds + duration) * 1000);
    const credentials = { accessKeyId: randomId('ASIA'), secretAccessKey: randomSecret(), sessionToken: randomSessionToken(), expiration, arn };
    this.#identities.set(credentials.accessKeyId, { kind: 'temporary', ...credentials, account, userId });
    return credentials;
  }

  lookup(accessKeyId: string): EmulatedIdentity | undefined {
    return this.#identities.get(accessKeyId);
  }

  /** Registers an SSO portal access token (the `accessToken` of an SSO token cache file); a random one when not given. */
  addSsoAccessToken(token: string = randomBytes(24).toString('base64url')): string {
    if (token.length === 0) throw invalid('token');
    this.#ssoTokens.push(token);
    return token;
  }

  revokeSsoAccessToken(token: string): boolean {
    const index = this.#ssoTokens.findIndex((known) => known === token);
    if (index >= 0) this.#ssoTokens.splice(index, 1);
    return index >= 0;
  }

  /** Compares against every registered token in constant time per token. */
  hasSsoAccessToken(token: string): boolean {
    let found = false;
    for (const known of this.#ssoTokens) found = constantTimeEqual(known, token) || found;
    return found;
  }

  /** Forgets a key: later requests signed with it fail with InvalidClientTokenId. */
  revoke(accessKeyId: string): boolean {
    return this.#identities.delete(accessKeyId);
  }
}

function invalid(field: string, what = 'is not valid'): MongoAwsConfigError {
  return new MongoAwsConfigError('ERR_INVALID_ARGUMENT', `emulator registry: ${field} ${what}`, { field });
}
