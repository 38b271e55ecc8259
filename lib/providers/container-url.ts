/** Which URL the ECS/EKS container provider calls, and which full-URI hosts may use plain HTTP. Pure. */
import { MongoAwsConfigError } from '../errors.js';
import type { Env } from '../runtime.js';

export const ECS_HOST = '169.254.170.2';
export const RELATIVE_URI = 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI';
export const FULL_URI = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';

/** Hosts (as `URL.hostname` writes them) allowed over plain HTTP besides 127.0.0.0/8. */
const HTTP_HOSTS: ReadonlySet<string> = new Set(['localhost', '[::1]', ECS_HOST, '169.254.170.23', '[fd00:ec2::23]']);
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export interface ContainerEndpoint {
  readonly url: URL;
  /** The variable the URL came from. */
  readonly variable: typeof RELATIVE_URI | typeof FULL_URI;
}

/**
 * `undefined` when neither variable is set (empty = unset). The relative URI wins and is appended verbatim to
 * `http://169.254.170.2` (it must start with `/`). A full URI must be https (any host) or http to a loopback,
 * ECS or EKS Pod Identity address; anything else is ERR_INVALID_ENDPOINT.
 */
export function resolveContainerEndpoint(env: Env): ContainerEndpoint | undefined {
  const relative = env[RELATIVE_URI];
  if (relative !== undefined && relative !== '') {
    const url = relative.startsWith('/') ? tryUrl(`http://${ECS_HOST}${relative}`) : undefined;
    if (url === undefined || url.hostname !== ECS_HOST || url.port !== '') {
      throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${RELATIVE_URI} must be a path starting with /`, { field: RELATIVE_URI, source: 'container' });
    }
    return { url, variable: RELATIVE_URI };
  }
  const full = env[FULL_URI];
  if (full === undefined || full === '') return undefined;
  const url = tryUrl(full);
  if (url === undefined || url.hostname === '') {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${FULL_URI} is not an absolute URL with a host`, { field: FULL_URI, source: 'container' });
  }
  if (url.username !== '' || url.password !== '') {
    throw new MongoAwsConfigError('ERR_INVALID_ENDPOINT', `${FULL_URI} must not contain user info`, { field: FULL_URI, source: 'container' });
  }
  if (url.protocol === 'https:') return { url, variable: FULL_URI };
  if (url.protocol === 'http:' && isAllowedHttpHost(url.hostname)) return { url, variable: FULL_URI };
  throw new MongoAwsConfigError(
    'ERR_INVALID_ENDPOINT',
    `${FULL_URI} must use https, or http to a loopback address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23`,
    { field: FULL_URI, source: 'container' },
  );
}

/** `hostname` as `URL` normalises it (IPv4 dotted quad, IPv6 bracketed and compressed, lower case). */
export function isAllowedHttpHost(hostname: string): boolean {
  return HTTP_HOSTS.has(hostname) || LOOPBACK_V4.test(hostname);
}

function tryUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
