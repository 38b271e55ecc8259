/** Role credentials an instance or container endpoint hands out: reused until close to expiry, like the real agents. */
import type { IdentityRegistry, TemporaryCredentials } from './registry.js';

/** EC2 and ECS rotate role credentials at least 5 minutes before they expire. */
const ROTATE_BEFORE_MS = 5 * 60 * 1000;

export class RotatingCredentials {
  readonly #registry: IdentityRegistry;
  readonly #roleArn: string;
  readonly #sessionName: string;
  #current: { credentials: TemporaryCredentials; issuedAt: Date } | undefined;

  constructor(registry: IdentityRegistry, roleArn: string, sessionName: string) {
    this.#registry = registry;
    this.#roleArn = roleArn;
    this.#sessionName = sessionName;
  }

  get roleArn(): string {
    return this.#roleArn;
  }

  /** The current credentials; new ones when revoked, close to expiry, or when `expired` asks for stale ones. */
  get(expired: boolean): { credentials: TemporaryCredentials; issuedAt: Date } {
    const now = this.#registry.now();
    const current = this.#current;
    if (
      !expired &&
      current !== undefined &&
      this.#registry.lookup(current.credentials.accessKeyId) !== undefined &&
      current.credentials.expiration.getTime() - now > ROTATE_BEFORE_MS
    ) {
      return current;
    }
    const issued = {
      credentials: this.#registry.issueTemporary(this.#roleArn, { sessionName: this.#sessionName, expired }),
      issuedAt: new Date(Math.floor(now / 1000) * 1000),
    };
    if (!expired) this.#current = issued;
    return issued;
  }
}
