/** Pure parser of one AWS shared `config` or `credentials` file into profiles, sso-sessions and services sections. */
import { MongoAwsConfigError } from '../errors.js';
import { isIdentifier, readSections, splitProperty, type ProfileFileKind } from './lines.js';
import { FILE_VARIABLES } from './locations.js';

export type { ProfileFileKind } from './lines.js';

/** Property keys (lower-cased) to values. Null-prototype and frozen: `__proto__` is an ordinary key. */
export type Properties = Readonly<Record<string, string>>;

export interface ParsedProfileFile {
  /** `[default]` / `[profile NAME]` in config, `[NAME]` in credentials; names keep their case. */
  readonly profiles: ReadonlyMap<string, Properties>;
  /** `[sso-session NAME]` (config file only). */
  readonly ssoSessions: ReadonlyMap<string, Properties>;
  /** `[services NAME]` (config file only); values are raw sub-property blocks, see `parseSubProperties`. */
  readonly services: ReadonlyMap<string, Properties>;
}

/** Largest file text accepted (characters; the loader reads at most this many bytes). */
export const MAX_PROFILE_FILE_SIZE = 1024 * 1024;

type Target = keyof ParsedProfileFile;

/**
 * Parses the text of one file. Invalid section names and property keys are ignored (as the standard says);
 * malformed lines throw ERR_INVALID_PROFILE_FILE with `field` (default: the file's environment variable).
 */
export function parseProfileFile(text: string, kind: ProfileFileKind, field: string = FILE_VARIABLES[kind]): ParsedProfileFile {
  if (text.length > MAX_PROFILE_FILE_SIZE) throw new MongoAwsConfigError('ERR_FILE_TOO_LARGE', `AWS ${kind} file is too large`, { field });
  const config = kind === 'config';
  const sections = readSections(text, kind, field).map(({ header, properties }) => {
    // `prefix name`: split at the first space or tab; no prefix → ''.
    const inner = header.trim();
    const split = inner.search(/[ \t]/);
    const prefix = split < 0 ? '' : inner.slice(0, split).trim();
    const name = inner.slice(split + 1).trim();
    const target = targetOf(prefix, name, config);
    // 1: `[default]` in the config file, 2: `[profile default]`.
    return [target, name, properties, config && name === 'default' && target === 'profiles' ? (prefix ? 2 : 1) : 0] as const;
  });
  // `[profile default]` anywhere in the config file replaces every `[default]` section of that file.
  const skipped = sections.some((section) => section[3] === 2) ? 1 : -1;
  const out = { profiles: new Map(), ssoSessions: new Map(), services: new Map() };
  for (const [target, name, properties, defaults] of sections) {
    if (target === undefined || defaults === skipped) continue;
    // A repeated section adds to (and overrides keys of) the earlier ones.
    const into = out[target];
    const merged: Map<string, string> = into.get(name) ?? new Map();
    into.set(name, merged);
    for (const [key, value] of properties) if (isIdentifier(key)) merged.set(key, value);
  }
  // Then each section becomes a frozen record, in place.
  for (const sections of Object.values(out)) for (const [name, properties] of sections) sections.set(name, freeze(properties));
  return out;
}

/** Config: `[default]`, `[profile x]`, `[sso-session x]`, `[services x]`; credentials: `[x]` only; else ignored. */
function targetOf(prefix: string, name: string, config: boolean): Target | undefined {
  if (!isIdentifier(name)) return undefined;
  if (prefix === '') return config && name !== 'default' ? undefined : 'profiles';
  if (!config) return undefined;
  return prefix === 'profile' ? 'profiles' : prefix === 'sso-session' ? 'ssoSessions' : prefix === 'services' ? prefix : undefined;
}

/**
 * Reads a sub-property block (`s3 =` followed by indented `key = value` lines, stored as `"\nkey = value"`) into
 * its own properties: keys lower-cased, invalid keys and malformed lines skipped, inline comments stripped.
 * `undefined` when the value is an ordinary value rather than a block.
 */
export function parseSubProperties(value: string): Properties | undefined {
  const [first, ...lines] = value.split('\n');
  if (first !== '') return undefined;
  const out: [string, string][] = [];
  for (const line of lines) {
    const parsed = splitProperty(line);
    if (parsed !== undefined && isIdentifier(parsed[0])) out.push([parsed[0].toLowerCase(), parsed[1]]);
  }
  return freeze(out);
}

/** Builds a frozen null-prototype record (later entries win): no key can reach Object.prototype. */
export function freeze<T = string>(entries: Iterable<readonly [string, T]>): Readonly<Record<string, T>> {
  // Object.fromEntries defines own data properties, so `__proto__` is a key like any other.
  return Object.freeze(Object.setPrototypeOf(Object.fromEntries(entries), null) as Record<string, T>);
}
