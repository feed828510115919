// Escaping for HTML and SVG: everything from a run (transcripts, headers, errors) goes through esc(). Pure.

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An attribute value, quoted. */
export const attr = (value: string | number): string => `"${esc(String(value))}"`;
