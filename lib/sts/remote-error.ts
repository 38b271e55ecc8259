/** Makes service-supplied error codes and messages safe to carry in our errors: bounded, no control characters. Pure. */

const CODE = /^[A-Za-z][A-Za-z0-9._:-]{0,63}$/;
export const MAX_EXCERPT = 200;

/** An AWS error code (`AccessDenied`, `InvalidIdentityToken`) if it looks like one; anything else is dropped. */
export function safeRemoteCode(value: unknown): string | undefined {
  return typeof value === 'string' && CODE.test(value) ? value : undefined;
}

/** A single-line excerpt of an AWS error message: control characters become spaces, at most 200 characters. */
export function safeExcerpt(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat === '') return undefined;
  return flat.length > MAX_EXCERPT ? `${flat.slice(0, MAX_EXCERPT - 1)}…` : flat;
}

/** `: Code: excerpt` suffix for an error message, or '' when the service said nothing usable. */
export function describeRemote(code: string | undefined, message: string | undefined): string {
  if (code === undefined && message === undefined) return '';
  if (message === undefined) return `: ${code}`;
  return code === undefined ? `: ${message}` : `: ${code}: ${message}`;
}
