// Phone numbers in call records may be masked (IT policy recordsMaskNumbers): the middle digits
// hidden, the ends kept so an agent still recognises a caller — 13800138000 → 138****8000.
// Short numbers (extensions, service numbers) say nothing about a person and stay as they are.

export function maskNumber(number: string): string {
  const n = number.trim();
  if (n.length >= 11) return `${n.slice(0, 3)}****${n.slice(-4)}`;
  if (n.length >= 7) return `${n.slice(0, 2)}${'*'.repeat(n.length - 4)}${n.slice(-2)}`;
  return n;
}

/** A search typed by the agent finds a masked number by its visible digits or by the whole number. */
export function numberMatches(stored: string, query: string): boolean {
  const q = query.trim();
  if (!q) return true;
  return stored.includes(q) || stored === maskNumber(q);
}
