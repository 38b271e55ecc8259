/** STS response documents (query protocol XML, or the JSON form MongoDB drivers ask for with `Accept: application/json`). */
import { randomUUID } from 'node:crypto';
import type { Reply } from './http-server.js';
import type { TemporaryCredentials } from './registry.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A result element tree: strings become text elements, objects nested elements. */
export interface ResultTree {
  readonly [name: string]: string | number | ResultTree;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c] as string};`);
}

/** `2021-09-21T18:41:26Z`: ISO 8601 without milliseconds, as STS, IMDS and ECS write it. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function wantsJson(headers: Readonly<Record<string, string>>): boolean {
  return (headers['accept'] ?? '').toLowerCase().includes('application/json');
}

function xmlTree(tree: ResultTree, indent: string): string {
  return Object.entries(tree)
    .map(([name, value]) =>
      typeof value === 'object'
        ? `${indent}<${name}>\n${xmlTree(value, `${indent}  `)}${indent}</${name}>\n`
        : `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`,
    )
    .join('');
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata><RequestId>` (or the JSON nesting). */
export function stsSuccess(action: string, result: ResultTree, json: boolean): Reply {
  const requestId = randomUUID();
  if (json) {
    const body = { [`${action}Response`]: { [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId } } };
    return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify(body) };
  }
  const body =
    `<${action}Response xmlns="${XMLNS}">\n  <${action}Result>\n${xmlTree(result, '    ')}  </${action}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** `<ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/>`. */
export function stsError(status: number, code: string, message: string, json = false): Reply {
  const requestId = randomUUID();
  const type = status >= 500 ? 'Receiver' : 'Sender';
  if (json) {
    const body = { Error: { Type: type, Code: code, Message: message }, RequestId: requestId };
    return { status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify(body) };
  }
  const body =
    `<ErrorResponse xmlns="${XMLNS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n` +
    `    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/** Default STS error code for a forced status. */
export function stsCodeForStatus(status: number): string {
  if (status === 503) return 'ServiceUnavailable';
  if (status >= 500) return 'InternalFailure';
  if (status === 403) return 'AccessDenied';
  if (status === 429) return 'Throttling';
  return 'InvalidParameterValue';
}

/** The `<Credentials>` element; JSON mode writes Expiration as epoch seconds, as the JSON protocol does. */
export function credentialsTree(credentials: TemporaryCredentials, json: boolean): ResultTree {
  return {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    SessionToken: credentials.sessionToken,
    Expiration: json ? credentials.expiration.getTime() / 1000 : isoSeconds(credentials.expiration),
  };
}
