/** mongodb+srv:// seed list discovery: SRV and TXT lookups through node:dns, validated by pure functions. */
import { promises as dns } from 'node:dns';
import { MongoAwsConfigError } from '../errors.js';
import type { ConnectionStringHost } from '../options/connection-string.js';

export interface SrvResolver {
  readonly resolveSrv: (name: string) => Promise<Array<{ name: string; port: number; priority: number; weight: number }>>;
  readonly resolveTxt: (name: string) => Promise<string[][]>;
}

export const systemResolver: SrvResolver = { resolveSrv: (n) => dns.resolveSrv(n), resolveTxt: (n) => dns.resolveTxt(n) };

/** TXT options a seed list may carry (Initial DNS Seedlist Discovery spec). */
const TXT_OPTIONS = new Set(['authsource', 'replicaset', 'loadbalanced']);

function dnsError(message: string, field: string): MongoAwsConfigError {
  return new MongoAwsConfigError('ERR_DNS', message, { field });
}

/** Parent domain the SRV targets must share: the host without its first label. */
export function srvParentDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2 || labels.some((l) => l === '')) throw dnsError('mongodb+srv host must have at least two labels', 'host');
  return labels.length === 2 ? labels.join('.') : labels.slice(1).join('.');
}

/** Keeps the SRV targets; every one must end with the parent domain of `host` (a hijacked record cannot point elsewhere). */
export function validateSrvRecords(host: string, records: ReadonlyArray<{ name: string; port: number }>): ConnectionStringHost[] {
  if (records.length === 0) throw dnsError('SRV lookup returned no hosts', 'host');
  const parent = srvParentDomain(host);
  return records.map((record) => {
    const target = record.name.toLowerCase().replace(/\.$/, '');
    if (target === parent || !target.endsWith(`.${parent}`)) throw dnsError('SRV record points outside the domain of the mongodb+srv host', 'host');
    return { host: target, port: record.port };
  });
}

/** Parses the single TXT record into options (lower-case keys); only authSource, replicaSet and loadBalanced are allowed. */
export function parseTxtRecords(records: readonly (readonly string[])[]): Record<string, string> {
  const options: Record<string, string> = Object.create(null) as Record<string, string>;
  if (records.length === 0) return options;
  if (records.length > 1) throw dnsError('mongodb+srv host has more than one TXT record', 'txt');
  for (const pair of (records[0] ?? []).join('').split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    if (at <= 0) throw dnsError('TXT record option is malformed', 'txt');
    const key = pair.slice(0, at).toLowerCase();
    if (!TXT_OPTIONS.has(key)) throw dnsError(`TXT record option ${key} is not allowed`, 'txt');
    try {
      options[key] = decodeURIComponent(pair.slice(at + 1));
    } catch {
      throw dnsError(`TXT record option ${key} is not valid percent-encoding`, 'txt');
    }
  }
  return options;
}

export async function resolveSeedList(host: string, resolver: SrvResolver): Promise<{ hosts: ConnectionStringHost[]; options: Record<string, string> }> {
  srvParentDomain(host);
  let records;
  try {
    records = await resolver.resolveSrv(`_mongodb._tcp.${host}`);
  } catch (error) {
    throw new MongoAwsConfigError('ERR_DNS', `SRV lookup failed (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { field: 'host', cause: error });
  }
  let txt: string[][] = [];
  try {
    txt = await resolver.resolveTxt(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENODATA' && code !== 'ENOTFOUND') {
      throw new MongoAwsConfigError('ERR_DNS', `TXT lookup failed (${code ?? 'error'})`, { field: 'txt', cause: error });
    }
  }
  return { hosts: validateSrvRecords(host, records), options: parseTxtRecords(txt) };
}
