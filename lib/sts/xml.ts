/** Bounded extractor for the text of leaf elements in an STS XML reply. Pure; no DTDs, no entities beyond the predefined five and numeric ones. */
import { MongoAwsCredentialsError, type MongoAwsErrorOptions } from '../errors.js';

export const MAX_XML_CHARS = 65_536;

/** An open element: qualified name, path of local names, text so far, whether it has child elements. */
type Frame = [name: string, path: string, text: string, parent?: boolean];

/**
 * Maps the slash-joined path of local element names (namespace prefixes dropped, root included, e.g.
 * `AssumeRoleResponse/AssumeRoleResult/Credentials/AccessKeyId`) to the decoded text of every element that
 * has no child elements. The first occurrence of a path wins. Throws ERR_INVALID_CREDENTIALS_RESPONSE when the
 * input is too large (64 Ki characters), too deep (16 levels), too long (2048 elements) or not well-formed
 * (DTDs included); the message never quotes the input.
 */
export function extractXmlLeaves(xml: string): ReadonlyMap<string, string> {
  if (xml.length > MAX_XML_CHARS) malformed();
  const leaves = new Map<string, string>();
  const leaf = (path: string, text: string): unknown => leaves.has(path) || leaves.set(path, text);
  const stack: Frame[] = [];
  // One token at a time, from where the last ended: comment, processing instruction, CDATA, end tag, start tag
  // (quoted attribute values may hold `>`), text. Anything else (`<!DOCTYPE`, unterminated constructs) matches nothing.
  const token = /<!--[^]*?-->|<\?[^]*?\?>|<!\[CDATA\[([^]*?)]]>|<\/([^>]*)>|<([^\s/>]*)((?:[^<>"']|"[^"]*"|'[^']*')*)>|([^<]+)/y;
  let elements = 0;
  let closed = false;
  while (token.lastIndex < xml.length) {
    const [, cdata, end, name, attributes, text] = token.exec(xml) ?? malformed();
    const top = stack.at(-1);
    if (end !== undefined) {
      const [open, path = '', content = '', parent] = stack.pop() ?? [];
      if (open !== end.trimEnd()) malformed();
      if (!parent) leaf(path, content);
      closed = !stack[0];
    } else if (name !== undefined) {
      if (!/^[A-Za-z_][\w.:-]*$/.test(name) || closed || ++elements > 2048 || stack[15]) malformed();
      if (top) top[3] = true;
      const path = (top ? `${top[1]}/` : '') + name.replace(/.*:/, '');
      if (attributes?.endsWith('/')) {
        leaf(path, '');
        closed = !top;
      } else {
        stack.push([name, path, '']);
      }
    } else if (top) {
      top[2] += cdata ?? decodeEntities(text ?? '');
    } else if (cdata !== undefined || text?.trim()) {
      malformed();
    }
  }
  if (!closed) malformed();
  return leaves;
}

/** Decodes the five predefined entities and numeric character references; anything else is malformed. */
export function decodeEntities(text: string): string {
  return text.replace(/&([^;&\s]{0,10});?/g, (whole, ref: string) => {
    // NaN unless `#x…` (hex) or `#…` (decimal).
    const code = Number(`0${/^#(x[\dA-Fa-f]{1,6}|\d{1,7})$/.exec(ref)?.[1]}`);
    const char = `&<>"'`[['amp', 'lt', 'gt', 'quot', 'apos'].indexOf(ref)] ?? (code < 0x110000 ? String.fromCodePoint(code) : '');
    // XML's Char production: tab, LF, CR, and the planes without surrogates, U+FFFE and U+FFFF.
    if (!whole.endsWith(';') || !/^[\t\n\r -\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]$/u.test(char)) malformed();
    return char;
  });
}

/** ERR_INVALID_CREDENTIALS_RESPONSE for a bad STS reply: `what` is wrong with it, `field` (a reply field) names where. */
export function invalidReply(what: string, field?: string): never {
  throw new MongoAwsCredentialsError('ERR_INVALID_CREDENTIALS_RESPONSE', `STS ${what}`, { field } as MongoAwsErrorOptions);
}

function malformed(): never {
  return invalidReply('reply is not well-formed XML');
}
