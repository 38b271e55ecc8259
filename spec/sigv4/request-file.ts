/** Hand parser for the raw HTTP requests of the SigV4 suites (.req and request.txt), which Node's parser would not keep intact. */

export interface RawRequest {
  readonly method: string;
  /** Request target exactly as written: may hold raw spaces and UTF-8. */
  readonly target: string;
  /** Header lines in order; obs-fold continuation lines already joined to their header with single spaces. */
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body: string;
}

/**
 * `METHOD SP target SP HTTP/1.1`, header lines up to the first empty line, body after it. LF line endings; the
 * file may end without a newline (then the body is empty). A line starting with a space or tab continues the
 * previous header: it is trimmed and appended after a single space (`value1 value2 value3`).
 */
export function parseRequestFile(text: string): RawRequest {
  const lines = text.split('\n');
  const requestLine = lines[0] ?? '';
  const firstSpace = requestLine.indexOf(' ');
  const versionAt = requestLine.lastIndexOf(' HTTP/');
  if (firstSpace <= 0 || versionAt <= firstSpace) throw new Error('request line is not METHOD target HTTP/x');
  const headers: [string, string][] = [];
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') break;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const last = headers[headers.length - 1];
      if (last === undefined) throw new Error('continuation line before any header');
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`header line ${i} has no name`);
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  return {
    method: requestLine.slice(0, firstSpace),
    target: requestLine.slice(firstSpace + 1, versionAt),
    headers,
    body: lines.slice(i + 1).join('\n'),
  };
}

/** Groups header lines case-insensitively (first spelling kept); repeated lines become an array in order. */
export function headerRecord(headers: RawRequest['headers']): Record<string, string | string[]> {
  const byLower = new Map<string, [string, string[]]>();
  for (const [name, value] of headers) {
    const entry = byLower.get(name.toLowerCase());
    if (entry === undefined) byLower.set(name.toLowerCase(), [name, [value]]);
    else entry[1].push(value);
  }
  return Object.fromEntries([...byLower.values()].map(([name, values]) => [name, values.length === 1 ? (values[0] as string) : values]));
}

/** The Host header value of a parsed request (the URL authority the suite signs against). */
export function hostOf(request: RawRequest): string {
  const host = request.headers.find(([name]) => name.toLowerCase() === 'host');
  if (host === undefined) throw new Error('request has no Host header');
  return host[1].trim();
}
