/** STS host validation and region derivation for MONGODB-AWS (auth spec "Region Calculation"). */
import { Buffer } from 'node:buffer';
import { MongoAwsProtocolError } from '../errors.js';

export const DEFAULT_STS_HOST = 'sts.amazonaws.com';
export const DEFAULT_REGION = 'us-east-1';
const MAX_HOST_BYTES = 255;

function invalidHost(message: string): MongoAwsProtocolError {
  return new MongoAwsProtocolError('ERR_INVALID_STS_HOST', message, { field: 'h' });
}

/**
 * Checks the server's STS host `h`: 1-255 UTF-8 bytes, no empty label, no leading or trailing period
 * (the spec's rules). Also rejects what no host contains: whitespace, control characters (they would land
 * in a signed header line) and the URL delimiters `/ ? # @ \` (they would change the signed path).
 * Throws ERR_INVALID_STS_HOST.
 */
export function validateStsHost(host: unknown): asserts host is string {
  if (typeof host !== 'string') throw invalidHost('server payload field h must be a string');
  const bytes = Buffer.byteLength(host, 'utf8');
  if (bytes === 0 || bytes > MAX_HOST_BYTES) throw invalidHost('server payload field h must be 1 to 255 bytes long');
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..')) {
    throw invalidHost('server payload field h has an empty label');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f/?#@\\]/.test(host)) {
    throw invalidHost('server payload field h contains whitespace, a control character or a URL delimiter');
  }
}

/**
 * The SigV4 region for an STS host: `sts.amazonaws.com` (any case) and dot-less hosts give `us-east-1`,
 * any other host its second label (`sts.us-west-2.amazonaws.com` → `us-west-2`, `example.com` → `com`).
 */
export function deriveRegion(host: string): string {
  validateStsHost(host);
  if (host.toLowerCase() === DEFAULT_STS_HOST) return DEFAULT_REGION;
  const labels = host.split('.');
  return labels.length < 2 ? DEFAULT_REGION : (labels[1] as string);
}
