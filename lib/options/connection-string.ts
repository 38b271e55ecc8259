/** Pure parser of `mongodb://` and `mongodb+srv://` connection strings (MongoDB Connection String spec). */
import { isIPv4, isIPv6 } from 'node:net';
import { MongoAwsConfigError } from '../errors.js';
import { Secret } from '../secret.js';

export interface ConnectionStringHost {
  /** Hostname or IP address as written; an IPv6 literal without its brackets. */
  readonly host: string;
  /** The explicit port, else 27017. */
  readonly port: number;
}

export interface ConnectionString {
  readonly scheme: 'mongodb' | 'mongodb+srv';
  readonly hosts: readonly ConnectionStringHost[];
  /** Percent-decoded user name (for MONGODB-AWS: the access key id). */
  readonly username?: string;
  /** Percent-decoded password (for MONGODB-AWS: the secret access key). Present, possibly empty, when userinfo has a ':'. */
  readonly password?: Secret;
  /** Percent-decoded database path; absent when the URI has none. */
  readonly database?: string;
  /** Query options: lower-case keys, percent-decoded values; the last of repeated keys wins. Null prototype. */
  readonly options: Readonly<Record<string, string>>;
}

export const DEFAULT_PORT = 27017;

const SCHEMES = [
  ['mongodb+srv://', 'mongodb+srv'],
  ['mongodb://', 'mongodb'],
] as const;

/** Characters a MongoDB database name may not contain (plus NUL). */
const INVALID_DATABASE = /[/\\. "$\0]/;
const HOSTNAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/;

function invalid(message: string, field: string): MongoAwsConfigError {
  return new MongoAwsConfigError('ERR_INVALID_URI', message, { field });
}

/** Percent-decodes one component; a `%` not followed by two hex digits, or bytes that are not UTF-8, are errors. */
export function percentDecode(value: string, field: string): string {
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) throw invalid(`${field} contains an invalid percent-escape`, field);
  try {
    return decodeURIComponent(value);
  } catch {
    throw invalid(`${field} contains a percent-escape that is not UTF-8`, field);
  }
}

/**
 * Parses a connection string. Throws `MongoAwsConfigError` ERR_INVALID_URI for anything the spec rejects:
 * unknown scheme, unescaped `:` `@` `/` or bad escapes in userinfo, empty or malformed hosts and ports,
 * an SRV URI with a port or more than one host, an invalid database name, an option without `=`.
 * Unix-domain-socket hosts are not supported (ERR_INVALID_URI).
 */
export function parseConnectionString(uri: string): ConnectionString {
  if (typeof uri !== 'string') throw new MongoAwsConfigError('ERR_INVALID_ARGUMENT', 'uri must be a string', { field: 'uri' });
  const match = SCHEMES.find(([prefix]) => uri.slice(0, prefix.length).toLowerCase() === prefix);
  if (match === undefined) throw invalid('uri must start with mongodb:// or mongodb+srv://', 'uri');
  const [prefix, scheme] = match;
  const rest = uri.slice(prefix.length);

  const slash = rest.indexOf('/');
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  const pathAndQuery = slash === -1 ? undefined : rest.slice(slash + 1);
  if (authority.includes('?')) throw invalid('uri needs a / between the hosts and the options', 'uri');

  const q = pathAndQuery === undefined ? -1 : pathAndQuery.indexOf('?');
  const rawDatabase = pathAndQuery === undefined ? '' : q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
  // An `@` after the first `/` but before the options means the `/` was an unescaped one inside userinfo.
  if (rawDatabase.includes('@')) throw invalid('userinfo contains an unescaped / or @', 'userinfo');

  const at = authority.lastIndexOf('@');
  const userinfo = at === -1 ? undefined : authority.slice(0, at);
  const hostList = at === -1 ? authority : authority.slice(at + 1);

  const parsed = parseHosts(hostList);
  if (scheme === 'mongodb+srv') {
    if (parsed.length !== 1) throw invalid('a mongodb+srv uri must name exactly one host', 'hosts');
    if (parsed[0]?.explicitPort === true) throw invalid('a mongodb+srv uri must not specify a port', 'port');
  }
  const hosts = parsed.map(({ host, port }) => Object.freeze({ host, port }));

  let database: string | undefined;
  const options: Record<string, string> = Object.create(null) as Record<string, string>;
  if (rawDatabase !== '') {
    database = percentDecode(rawDatabase, 'database');
    if (INVALID_DATABASE.test(database)) throw invalid('database contains a character not allowed in a database name', 'database');
  }
  if (pathAndQuery !== undefined && q !== -1) parseQuery(pathAndQuery.slice(q + 1), options);

  return Object.freeze({
    scheme,
    hosts: Object.freeze(hosts),
    ...(userinfo === undefined ? {} : parseUserinfo(userinfo)),
    ...(database === undefined ? {} : { database }),
    options: Object.freeze(options),
  });
}

function parseUserinfo(userinfo: string): { username: string; password?: Secret } {
  if (/[@/]/.test(userinfo)) throw invalid('userinfo contains an unescaped / or @', 'userinfo');
  const colon = userinfo.indexOf(':');
  const rawUser = colon === -1 ? userinfo : userinfo.slice(0, colon);
  const rawPassword = colon === -1 ? undefined : userinfo.slice(colon + 1);
  if (rawPassword !== undefined && rawPassword.includes(':')) throw invalid('password contains an unescaped :', 'password');
  if (rawUser === '') throw invalid('userinfo has an empty username', 'username');
  const username = percentDecode(rawUser, 'username');
  if (rawPassword === undefined) return { username };
  return { username, password: new Secret(percentDecode(rawPassword, 'password')) };
}

interface ParsedHost extends ConnectionStringHost {
  readonly explicitPort: boolean;
}

function parseHosts(hostList: string): ParsedHost[] {
  if (hostList === '') throw invalid('uri names no host', 'hosts');
  return hostList.split(',').map(parseHost);
}

function parseHost(entry: string): ParsedHost {
  let host: string;
  let portText: string | undefined;
  if (entry.startsWith('[')) {
    const close = entry.indexOf(']');
    if (close === -1) throw invalid('an IPv6 host is missing its ]', 'hosts');
    host = entry.slice(1, close);
    const after = entry.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw invalid('an IPv6 host is followed by something other than a port', 'hosts');
    if (!isIPv6(host)) throw invalid('a bracketed host is not an IPv6 address', 'hosts');
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = entry.indexOf(':');
    host = colon === -1 ? entry : entry.slice(0, colon);
    portText = colon === -1 ? undefined : entry.slice(colon + 1);
    if (host === '') throw invalid('a host is empty', 'hosts');
    if (host.includes('%')) throw invalid('unix domain socket hosts are not supported', 'hosts');
    if (!HOSTNAME.test(host) && !isIPv4(host)) throw invalid('a host is not a valid hostname or IP address', 'hosts');
  }
  if (portText === undefined) return { host, port: DEFAULT_PORT, explicitPort: false };
  return { host, port: parsePort(portText), explicitPort: true };
}

function parsePort(text: string): number {
  if (!/^[0-9]{1,5}$/.test(text)) throw invalid('a port is not a number', 'port');
  const port = Number(text);
  if (port < 1 || port > 65535) throw invalid('a port is out of range (1-65535)', 'port');
  return port;
}

function parseQuery(query: string, into: Record<string, string>): void {
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw invalid('an option has no key=value form', 'options');
    const key = percentDecode(pair.slice(0, eq), 'option name').toLowerCase();
    into[key] = percentDecode(pair.slice(eq + 1), `option ${key}`);
  }
}
