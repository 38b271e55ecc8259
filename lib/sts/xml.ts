/** Bounded extractor for the text of leaf elements in an STS XML reply. Pure; not a general XML parser (no DTDs, no entities beyond the predefined five and numeric references). */
import { MongoAwsCredentialsError } from '../errors.js';

export const MAX_XML_CHARS = 64 * 1024;
const MAX_DEPTH = 16;
const MAX_ELEMENTS = 2048;
const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*$/;

interface Frame {
  readonly name: string;
  readonly path: string;
  text: string;
  hasChild: boolean;
}

/**
 * Maps the slash-joined path of local element names (namespace prefixes dropped, root included, e.g.
 * `AssumeRoleResponse/AssumeRoleResult/Credentials/AccessKeyId`) to the decoded text of every element that
 * has no child elements. The first occurrence of a path wins. Throws ERR_INVALID_CREDENTIALS_RESPONSE when the
 * input is too large, too deep or not well-formed; the message never quotes the input.
 */
export function extractXmlLeaves(xml: string): ReadonlyMap<string, string> {
  if (xml.length > MAX_XML_CHARS) malformed(`is larger than ${MAX_XML_CHARS} characters`);
  const leaves = new Map<string, string>();
  const stack: Frame[] = [];
  let elements = 0;
  let rootClosed = false;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const chunk = lt === -1 ? xml.slice(i) : xml.slice(i, lt);
    if (chunk !== '') {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (chunk.trim() !== '') malformed('has text outside the root element');
      } else {
        top.text += decodeEntities(chunk);
      }
    }
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      i = endOf(xml, '-->', lt + 4);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = endOf(xml, ']]>', lt + 9);
      const top = stack[stack.length - 1];
      if (top === undefined) malformed('has character data outside the root element');
      top.text += xml.slice(lt + 9, end - 3);
      i = end;
    } else if (xml.startsWith('<?', lt)) {
      i = endOf(xml, '?>', lt + 2);
    } else if (xml.startsWith('<!', lt)) {
      malformed('contains a document type declaration');
    } else if (xml.startsWith('</', lt)) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) malformed('has an unterminated end tag');
      const name = xml.slice(lt + 2, gt).trimEnd();
      const frame = stack.pop();
      if (frame === undefined || frame.name !== name) malformed('has mismatched tags');
      if (!frame.hasChild && !leaves.has(frame.path)) leaves.set(frame.path, frame.text);
      if (stack.length === 0) rootClosed = true;
      i = gt + 1;
    } else {
      const gt = endOfStartTag(xml, lt + 1);
      const selfClosing = xml[gt - 1] === '/';
      const inner = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
      const name = /^[^\s/>]*/.exec(inner)?.[0] ?? '';
      if (!NAME.test(name)) malformed('has an invalid element name');
      if (rootClosed) malformed('has more than one root element');
      if (++elements > MAX_ELEMENTS) malformed(`has more than ${MAX_ELEMENTS} elements`);
      if (stack.length >= MAX_DEPTH) malformed(`nests deeper than ${MAX_DEPTH} elements`);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.hasChild = true;
      const local = name.slice(name.lastIndexOf(':') + 1);
      const path = parent === undefined ? local : `${parent.path}/${local}`;
      if (selfClosing) {
        if (!leaves.has(path)) leaves.set(path, '');
        if (parent === undefined) rootClosed = true;
      } else {
        stack.push({ name, path, text: '', hasChild: false });
      }
      i = gt + 1;
    }
  }
  if (stack.length !== 0 || !rootClosed) malformed('is truncated or empty');
  return leaves;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric character references; anything else is malformed. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]{0,10});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) malformed('has an unterminated entity reference');
    const named = Object.hasOwn(NAMED, ref) ? NAMED[ref] : undefined;
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (m === null) malformed('has an unknown entity reference');
    const code = m[1] === undefined ? Number(m[2]) : Number.parseInt(m[1], 16);
    const valid = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0x10ffff && code !== 0xfffe && code !== 0xffff);
    if (!valid) malformed('has a character reference to an invalid character');
    return String.fromCodePoint(code);
  });
}

/** Index just past `terminator`, searching from `from`. */
function endOf(xml: string, terminator: string, from: number): number {
  const at = xml.indexOf(terminator, from);
  if (at === -1) malformed('is truncated');
  return at + terminator.length;
}

/** Index of the `>` closing a start tag, skipping quoted attribute values. */
function endOfStartTag(xml: string, from: number): number {
  let quote: string | undefined;
  for (let j = from; j < xml.length; j++) {
    const c = xml[j];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '<') {
      malformed('has a start tag containing <');
    } else if (c === '>') {
      return j;
    }
  }
  return malformed('has an unterminated start tag');
}

function malformed(what: string): never {
  throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `STS response XML ${what}`);
}
