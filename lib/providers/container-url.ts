/** Which URL the ECS/EKS container provider calls, and which full-URI hosts may use plain HTTP. Pure. */
import { MongoAwsConfigError } from '../errors.js';
import type { Env } from '../runtime.js';

export const ECS_HOST = '169.254.170.2';
export const RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
export const FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

export interface ContainerEndpoint {
  readonly url: URL;
  /** The variable the URL came from. */
  readonly variable: typeof RELATIVE_URI | typeof FULL_URI;
}

/**
 * `undefined` when neither variable is set (empty = unset). The relative URI wins and is appended verbatim to
 * `http://169.254.170.2` (it must start with `/`). A full URI must be https (any host) or http to a loopback,
 * ECS or EKS Pod Identity address, without user info; anything else is ERR_INVALID_ENDPOINT.
 */
export function resolveContainerEndpoint(env: Env): ContainerEndpoint | undefined {
  const relative = env[RELATIVE_URI];
  const variable = relative ? RELATIVE_URI : FULL_URI;
  const value = relative || env[FULL_URI];
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(relative ? `http://${ECS_HOST}${relative}` : value);
  } catch {
    // refused below
  }
  if (
    !url ||
    (relative
      ? relative[0] !== '/' || url.host !== ECS_HOST
      : url.username || url.password || !(url.protocol === 'https:' || (url.protocol === 'http:' && isAllowedHttpHost(url.hostname))))
  ) {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${variable} is not an allowed credentials URL`, { field: variable, source: 'container' });
  }
  return { url, variable };
}

/**
 * Hosts allowed over plain HTTP: 127.0.0.0/8, localhost, ::1, ECS (169.254.170.2) and EKS Pod Identity
 * (169.254.170.23, fd00:ec2::23), as `URL.hostname` writes them (IPv4 dotted quad, IPv6 bracketed and compressed).
 */
export function isAllowedHttpHost(hostname: string): boolean {
  return /^(localhost|127(\.\d+){3}|169\.254\.170\.23?|\[(::1|fd00:ec2::23)\])$/.test(hostname);
}
