/** What a person typed into a refused form, to show it back: every field as text, whatever shape the post gave it. */

/** A field as typed: a string as is, the first of a repeated field (a crafted or broken form sends one twice), else ''. */
export const typedText = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The named fields of a form post as typed (a body that is not an object, or a field left out, gives ''). */
export function typedFields<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const fields = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, typedText(fields[n])])) as Record<K, string>;
}
