/** Line-level reading of an AWS profile file: section headers, properties, continuations and sub-property blocks. */
import { MongoAwsConfigError } from '../errors.js';

export type ProfileFileKind = 'config' | 'credentials';

/** One `[header]` occurrence with the properties written under it, in file order. Keys are lower-cased when valid. */
export interface RawSection {
  /** Bracket content, comments stripped; not yet split into prefix and name. */
  readonly header: string;
  readonly properties: Map<string, string>;
}

/** Names of profiles, sections and property keys: ASCII letters, digits and `_ - / . % @ : +`. */
export const isIdentifier = (value: string): boolean => /^[\w\-/.%@:+]+$/.test(value);

/**
 * Trims only space and tab (the standard's whitespace). Two linear searches: the first non-blank character, and
 * the last one (a non-blank followed by blanks up to the end); an all-blank line gives `slice(-1, 0)`, i.e. ''.
 */
const trimWs = (value: string): string => value.slice(value.search(/[^ \t]/), value.search(/[^ \t][ \t]*$/) + 1);

/**
 * `[key, value]` of a `key = value` line, trimmed, cut at the first `#` or `;` that follows whitespace (`v # c` →
 * `v`, `v#c` stays); the key may be '' and is never validated here. `undefined` without an `=`.
 */
export function splitProperty(line: string): [string, string] | undefined {
  const prepared = trimWs(trimWs(line).replace(/(?<=\s)[#;][^]*/, ''));
  const equals = prepared.indexOf('=');
  return equals < 0 ? undefined : [trimWs(prepared.slice(0, equals)), trimWs(prepared.slice(equals + 1))];
}

/** Splits a file into raw sections. Throws ERR_INVALID_PROFILE_FILE naming the file kind and line, never the text. */
export function readSections(text: string, kind: ProfileFileKind, field: string): RawSection[] {
  const sections: RawSection[] = [];
  let section: RawSection | undefined;
  let property: string | undefined;
  let subProperties = false;
  text.split('\n').forEach((raw, index) => {
    const fail = (reason: string): never => {
      throw new MongoAwsConfigError('ERR_INVALID_PROFILE_FILE', `AWS ${kind} file, line ${index + 1}: ${reason}`, { field });
    };
    /** A property line (or a sub-property line when `sub`) split, or the standard's error for it. */
    const split = (line: string, sub?: boolean): [string, string] => {
      const parsed = splitProperty(line) ?? fail(`Expected an '=' sign defining a ${sub ? 'sub-' : ''}property`);
      return parsed[0] ? parsed : fail(`${sub ? 'Sub-p' : 'P'}roperty did not have a name`);
    };
    const line = (index ? raw : raw.replace(/^\uFEFF/, '')).replace(/\r$/, '');
    // Blank lines and comment lines (a comment starts at column 0) carry nothing.
    if (/^([ \t]*$|[#;])/.test(line)) return;
    if (line[0] === '[') {
      // A header accepts an adjacent comment: `[profile a]; c`.
      const header = trimWs(line.replace(/[#;][^]*/, ''));
      if (!header.endsWith(']')) fail("Profile definition must end with ']'");
      sections.push((section = { header: header.slice(1, -1), properties: new Map() }));
      property = undefined;
      subProperties = false;
      return;
    }
    if (section === undefined) return fail('Expected a profile definition');
    const { properties } = section;
    if (/^[ \t]/.test(line)) {
      if (property === undefined) return fail('Expected a property definition, found continuation');
      const content = trimWs(line);
      if (subProperties) split(content, true);
      properties.set(property, `${properties.get(property) as string}\n${content}`);
      return;
    }
    const [key, value] = split(line);
    // Valid keys are lower-cased (ASCII only by construction); invalid ones stay as written and are dropped later.
    property = isIdentifier(key) ? key.toLowerCase() : key;
    properties.set(property, value);
    subProperties = value === '';
  });
  return sections;
}
