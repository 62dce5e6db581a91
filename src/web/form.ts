// Reading HTML form bodies (application/x-www-form-urlencoded, or JSON from programs): only strings count.
export type FormBody = Record<string, unknown>;

export const formBody = (body: unknown): FormBody => (body && typeof body === 'object' && !Array.isArray(body) ? (body as FormBody) : {});

/** One field as a trimmed string ('' when absent or not a string). */
export function field(body: FormBody, name: string): string {
  const v = body[name];
  if (typeof v === 'string') return v.trim();
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0].trim();
  return '';
}

/** A repeated field (checkboxes) as a list of strings. */
export function fields(body: FormBody, name: string): string[] {
  const v = body[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The same for a query string. */
export const queryOf = (q: unknown): FormBody => formBody(q);
