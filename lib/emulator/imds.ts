/** Emulated EC2 instance metadata service, IMDSv2 only: session token PUT, then token-guarded role name and credentials. */
import { randomBytes } from 'node:crypto';
import type { EndpointDefinition, Reply } from './http-server.js';
import { constantTimeEqual } from './ids.js';
import type { IdentityRegistry } from './registry.js';
import { RotatingCredentials } from './rotating.js';
import { isoSeconds } from './sts-xml.js';

export const IMDS_TOKEN_PATH = '/latest/api/token';
export const IMDS_CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';
const MAX_TOKENS = 1000;

const REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed' };

/** The HTML error page IMDS answers with (recorded shape). */
export function imdsError(status: number): Reply {
  const title = `${status} - ${REASONS[status] ?? 'Error'}`;
  const body =
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n' +
    '\t\t "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n' +
    ` <head>\n  <title>${title}</title>\n </head>\n <body>\n  <h1>${title}</h1>\n </body>\n</html>\n`;
  return { status, headers: { 'content-type': 'text/html' }, body };
}

export interface ImdsEndpointInit {
  readonly registry: IdentityRegistry;
  /** Instance profile role name; `null`: no role attached (the credentials listing answers 404). */
  readonly roleName: string | null;
  readonly account: string;
}

export function imdsEndpoint(init: ImdsEndpointInit): EndpointDefinition {
  const { registry, roleName } = init;
  const tokens: { value: string; expiresAt: number }[] = [];
  const rotating = roleName === null ? undefined : new RotatingCredentials(registry, `arn:aws:iam::${init.account}:role/${roleName}`, 'i-0e2d5c4b3a2910f00');

  const issueToken = (ttlHeader: string | undefined): Reply => {
    const ttl = ttlHeader === undefined || !/^\d{1,5}$/.test(ttlHeader) ? Number.NaN : Number(ttlHeader);
    if (!(ttl >= 1 && ttl <= 21600)) return imdsError(400);
    const now = registry.now();
    for (let i = tokens.length - 1; i >= 0; i -= 1) if ((tokens[i] as { expiresAt: number }).expiresAt <= now) tokens.splice(i, 1);
    if (tokens.length >= MAX_TOKENS) tokens.shift();
    const value = `AQAEA${randomBytes(36).toString('base64url')}==`;
    tokens.push({ value, expiresAt: now + ttl * 1000 });
    return { status: 200, headers: { 'content-type': 'text/plain', 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) }, body: value };
  };

  const validToken = (token: string | undefined): boolean => {
    if (token === undefined) return false;
    const now = registry.now();
    let ok = false;
    for (const known of tokens) ok = (constantTimeEqual(known.value, token) && known.expiresAt > now) || ok;
    return ok;
  };

  return {
    name: 'imds',
    errorReply: (status) => imdsError(status),
    handle: (request, context) => {
      if (request.pathname === IMDS_TOKEN_PATH) {
        return request.method === 'PUT' ? issueToken(request.headers['x-aws-ec2-metadata-token-ttl-seconds']) : imdsError(405);
      }
      if (request.method !== 'GET') return imdsError(405);
      if (!validToken(request.headers['x-aws-ec2-metadata-token'])) return imdsError(401);
      const text = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'text/plain' }, body });
      if (request.pathname === IMDS_CREDENTIALS_PATH || `${request.pathname}/` === IMDS_CREDENTIALS_PATH) {
        return roleName === null ? imdsError(404) : text(roleName);
      }
      if (rotating === undefined || request.pathname !== `${IMDS_CREDENTIALS_PATH}${roleName}`) return imdsError(404);
      const { credentials, issuedAt } = rotating.get(context.fault.expiredCredentials);
      const document = {
        Code: 'Success',
        LastUpdated: isoSeconds(issuedAt),
        Type: 'AWS-HMAC',
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        Token: credentials.sessionToken,
        Expiration: isoSeconds(credentials.expiration),
      };
      return text(JSON.stringify(document, null, 2));
    },
  };
}
