/** Form encoding of STS query-API bodies (`Action=…&Version=2011-06-15&…`), RFC 3986 style. Pure. */

/** Percent-encodes everything except `A-Za-z0-9-_.~`: `+` → `%2B`, space → `%20`, `*` → `%2A`. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `Action` and `Version` first, then the parameters in the order given; `undefined` values are left out. */
export function buildQueryBody(action: string, params: ReadonlyArray<readonly [string, string | undefined]>): string {
  return [['Action', action], ['Version', '2011-06-15'], ...params]
    .flatMap(([name, value]) => (value === undefined ? [] : `${encodeRfc3986(name)}=${encodeRfc3986(value)}`))
    .join('&');
}
