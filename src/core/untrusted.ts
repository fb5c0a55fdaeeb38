// Text that arrives from the network (display names, SIP headers) is untrusted: it is shown as
// text only, stripped of control and bidi-override characters, and capped in length.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function untrustedText(value: unknown, maxLength = 64): string {
  if (typeof value !== 'string') return '';
  const clean = value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : clean;
}

/** A header value reduced to a token from an allowed set, or undefined. */
export function headerToken<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  if (typeof value !== 'string') return undefined;
  const token = value.trim().toLowerCase().slice(0, 64);
  return (allowed as readonly string[]).includes(token) ? (token as T) : undefined;
}

/** A scenario id or IVR path: a short [A-Za-z0-9_-] token, else undefined. */
export function headerId(value: unknown, maxLength = 64): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v.length > 0 && v.length <= maxLength && /^[A-Za-z0-9_.*#-]+$/.test(v) ? v : undefined;
}
