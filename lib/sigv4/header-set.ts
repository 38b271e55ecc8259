/** Collects the caller's headers (validated, lower-cased, repeats kept in order) for signing and sending. */
import { check, checkHeaderValue, isObject, TOKEN } from './check.js';

export type HeaderInput = Readonly<Record<string, string | readonly string[]>>;

/**
 * Lower-case name → values in order of appearance. An array is a repeated header; names that differ only
 * in case are the same header (values appended in key order). An empty array adds nothing. The caller's
 * authorization, x-amz-date and x-amz-security-token are validated like the others; the signer replaces them.
 */
export function collectHeaders(headers: HeaderInput = {}): Map<string, string[]> {
  check(isObject(headers) && !Array.isArray(headers), 'headers');
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    check(TOKEN.test(name), 'header', 2);
    const lower = name.toLowerCase();
    const values = ([] as string[]).concat(value);
    for (const item of values) checkHeaderValue(lower, item);
    if (values.length) out.set(lower, [...(out.get(lower) ?? []), ...values]);
  }
  return out;
}
