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
const IDENTIFIER = /^[A-Za-z0-9_\-/.%@:+]+$/;

export function isIdentifier(value: string): boolean {
  return IDENTIFIER.test(value);
}

/** Only space and tab count as whitespace inside a line (the standard's rule). */
export function trimWs(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isWs(value.charCodeAt(start))) start++;
  while (end > start && isWs(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

function isWs(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Trims the line and cuts it at the first `#` or `;`. For property lines the comment character must follow
 * whitespace (`v # c` → `v`, `v#c` stays); section headers accept an adjacent comment (`[profile a]; c`).
 */
export function stripComment(line: string, needsWhitespace: boolean): string {
  const trimmed = trimWs(line);
  let previousWhitespace = false;
  for (let i = 0; i < trimmed.length; i++) {
    const code = trimmed.charCodeAt(i);
    if ((code === 0x23 || code === 0x3b) && (previousWhitespace || !needsWhitespace)) return trimWs(trimmed.slice(0, i));
    previousWhitespace = code === 0x20 || code === 0x09 || (code < 0x80 ? code >= 0x0a && code <= 0x0d : /\s/.test(trimmed.charAt(i)));
  }
  return trimmed;
}

type PropertyLine = { readonly key: string; readonly value: string } | 'no-equals' | 'no-name';

/** `key = value` with comments stripped; the key is trimmed, never validated here. */
export function splitProperty(line: string): PropertyLine {
  const prepared = stripComment(line, true);
  const equals = prepared.indexOf('=');
  if (equals === -1) return 'no-equals';
  const key = trimWs(prepared.slice(0, equals));
  if (key === '') return 'no-name';
  return { key, value: trimWs(prepared.slice(equals + 1)) };
}

/** Lower-cases valid keys (ASCII only by construction); invalid keys stay as written and are dropped later. */
export function normalizeKey(key: string): string {
  return isIdentifier(key) ? key.toLowerCase() : key;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isWs(line.charCodeAt(i))) return false;
  return true;
}

function invalid(kind: ProfileFileKind, line: number, field: string, reason: string): never {
  throw new MongoAwsConfigError('ERR_INVALID_PROFILE_FILE', `AWS ${kind} file, line ${line}: ${reason}`, { field });
}

interface State {
  section: RawSection | undefined;
  property: string | undefined;
  subProperties: boolean;
}

/** Splits a file into raw sections. Throws ERR_INVALID_PROFILE_FILE naming the file kind and line, never the text. */
export function readSections(text: string, kind: ProfileFileKind, field: string): RawSection[] {
  const sections: RawSection[] = [];
  const state: State = { section: undefined, property: undefined, subProperties: false };
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    const fail = (reason: string): never => invalid(kind, index + 1, field, reason);
    if (isBlank(line) || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      const header = stripComment(line, false);
      if (header.length < 2 || !header.endsWith(']')) fail("Profile definition must end with ']'");
      state.section = { header: header.slice(1, -1), properties: new Map() };
      state.property = undefined;
      state.subProperties = false;
      sections.push(state.section);
    } else if (isWs(line.charCodeAt(0))) {
      readContinuation(line, state, fail);
    } else {
      if (state.section === undefined) return fail('Expected a profile definition');
      const parsed = splitProperty(line);
      if (parsed === 'no-equals') return fail("Expected an '=' sign defining a property");
      if (parsed === 'no-name') return fail('Property did not have a name');
      const key = normalizeKey(parsed.key);
      state.section.properties.set(key, parsed.value);
      state.property = key;
      state.subProperties = parsed.value === '';
    }
  }
  return sections;
}

function readContinuation(line: string, state: State, fail: (reason: string) => never): void {
  const { section, property } = state;
  if (section === undefined) return fail('Expected a profile definition');
  if (property === undefined) return fail('Expected a property definition, found continuation');
  const content = trimWs(line);
  if (state.subProperties) {
    const parsed = splitProperty(content);
    if (parsed === 'no-equals') return fail("Expected an '=' sign defining a sub-property");
    if (parsed === 'no-name') return fail('Sub-property did not have a name');
  }
  section.properties.set(property, `${section.properties.get(property) as string}\n${content}`);
}
