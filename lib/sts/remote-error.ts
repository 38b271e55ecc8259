/** Makes service-supplied error codes and messages safe to carry in our errors: bounded, no control characters. Pure. */

/** An AWS error code (`AccessDenied`, `InvalidIdentityToken`) if it looks like one; anything else is dropped. */
export function safeRemoteCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z][\w.:-]{0,63}$/.test(value) ? value : undefined;
}

/** A single-line excerpt of an AWS error message: runs of control characters and spaces become one space, at most 200 characters. */
export function safeExcerpt(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const flat = value.replace(/[\s\0-\x1f\x7f-\x9f]+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat || undefined;
}

/** `: Code: excerpt` suffix for an error message, or '' when the service said nothing usable. */
export function describeRemote(code: string | undefined, message: string | undefined): string {
  return (code === undefined ? '' : `: ${code}`) + (message === undefined ? '' : `: ${message}`);
}
