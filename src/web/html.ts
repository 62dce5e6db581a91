// Server-side HTML: a tagged template that escapes every interpolated value unless it is already SafeHtml.
// Templates are plain TypeScript functions, so tsc checks every field a page uses.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** html`<p>${userText}</p>`: strings are escaped, SafeHtml and arrays of it are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Trusted markup (our own constants only: never user input). */
export const raw = (s: string): SafeHtml => new SafeHtml(s);

/** An attribute that is present or absent: ${attr('checked', isOn)}. */
export const attr = (name: string, on: boolean): SafeHtml => new SafeHtml(on ? ` ${name}` : '');
