/** Pure parser of one AWS shared `config` or `credentials` file into profiles, sso-sessions and services sections. */
import { MongoAwsConfigError } from '../errors.js';
import { isIdentifier, normalizeKey, readSections, splitProperty, type ProfileFileKind, type RawSection } from './lines.js';

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

const DEFAULT_FIELD: Readonly<Record<ProfileFileKind, string>> = { config: 'AWS_CONFIG_FILE', credentials: 'AWS_SHARED_CREDENTIALS_FILE' };

type Target = 'profiles' | 'ssoSessions' | 'services';

interface Classified {
  readonly target: Target;
  readonly name: string;
  readonly prefixedDefault: boolean;
  readonly unprefixedDefault: boolean;
}

/**
 * Parses the text of one file. Invalid section names and property keys are ignored (as the standard says);
 * malformed lines throw ERR_INVALID_PROFILE_FILE with `field` (default: the file's environment variable).
 */
export function parseProfileFile(text: string, kind: ProfileFileKind, field: string = DEFAULT_FIELD[kind]): ParsedProfileFile {
  if (text.length > MAX_PROFILE_FILE_SIZE) {
    throw new MongoAwsConfigError('ERR_FILE_TOO_LARGE', `AWS ${kind} file is larger than ${MAX_PROFILE_FILE_SIZE} bytes`, { field });
  }
  const raw = readSections(text, kind, field);
  const valid: { section: RawSection; where: Classified }[] = [];
  for (const section of raw) {
    const where = classify(section.header, kind);
    if (where !== undefined) valid.push({ section, where });
  }
  // `[profile default]` anywhere in the config file replaces every `[default]` section of that file.
  const ignoreUnprefixedDefault = valid.some((v) => v.where.prefixedDefault);
  const out: Record<Target, Map<string, Map<string, string>>> = { profiles: new Map(), ssoSessions: new Map(), services: new Map() };
  for (const { section, where } of valid) {
    if (ignoreUnprefixedDefault && where.unprefixedDefault) continue;
    const sections = out[where.target];
    let target = sections.get(where.name);
    if (target === undefined) {
      target = new Map();
      sections.set(where.name, target);
    }
    for (const [key, value] of section.properties) if (isIdentifier(key)) target.set(key, value);
  }
  return { profiles: freezeAll(out.profiles), ssoSessions: freezeAll(out.ssoSessions), services: freezeAll(out.services) };
}

/** Where a header belongs, or `undefined` when the standard ignores it. */
function classify(header: string, kind: ProfileFileKind): Classified | undefined {
  const inner = header.trim();
  const split = inner.search(/[ \t]/);
  const prefix = split === -1 ? undefined : inner.slice(0, split).trim();
  const name = split === -1 ? inner : inner.slice(split + 1).trim();
  if (!isIdentifier(name)) return undefined;
  if (kind === 'credentials') {
    // `[profile x]` and every other prefixed section are not valid in the credentials file.
    return prefix === undefined ? { target: 'profiles', name, prefixedDefault: false, unprefixedDefault: false } : undefined;
  }
  if (prefix === undefined) {
    return name === 'default' ? { target: 'profiles', name, prefixedDefault: false, unprefixedDefault: true } : undefined;
  }
  if (prefix === 'profile') return { target: 'profiles', name, prefixedDefault: name === 'default', unprefixedDefault: false };
  if (prefix === 'sso-session') return { target: 'ssoSessions', name, prefixedDefault: false, unprefixedDefault: false };
  if (prefix === 'services') return { target: 'services', name, prefixedDefault: false, unprefixedDefault: false };
  return undefined;
}

/**
 * Reads a sub-property block (`s3 =` followed by indented `key = value` lines, stored as `"\nkey = value"`) into
 * its own properties: keys lower-cased, invalid keys and malformed lines skipped, inline comments stripped.
 * `undefined` when the value is an ordinary value rather than a block.
 */
export function parseSubProperties(value: string): Properties | undefined {
  const lines = value.split('\n');
  if (lines[0] !== '') return undefined;
  const out = new Map<string, string>();
  for (const line of lines) {
    const parsed = splitProperty(line);
    if (typeof parsed === 'string') continue;
    const key = normalizeKey(parsed.key);
    if (isIdentifier(key)) out.set(key, parsed.value);
  }
  return freeze(out);
}

/** Builds a frozen null-prototype record: no key can reach Object.prototype. */
export function freeze(entries: Iterable<readonly [string, string]>): Properties {
  const out = Object.create(null) as Record<string, string>;
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: false, configurable: false });
  return Object.freeze(out);
}

function freezeAll(sections: Map<string, Map<string, string>>): ReadonlyMap<string, Properties> {
  const out = new Map<string, Properties>();
  for (const [name, properties] of sections) out.set(name, freeze(properties));
  return out;
}
