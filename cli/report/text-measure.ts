// Rough text widths for laying out SVG without a browser: wide (CJK) characters count as one em, others as 0.62 em,
// a little more than most sans-serif glyphs, so boxes err on the roomy side. Pure.

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += WIDE.test(char) ? 1.05 : 0.62;
  return ems * fontSize;
}

/** Lines no wider than maxWidth: breaks at spaces, and inside a word (or Japanese text) when it must. */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<= )/)) {
    if (textWidth(line + word.trimEnd(), fontSize) <= maxWidth) {
      line += word;
      continue;
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
    line = '';
    for (const char of word) {
      if (textWidth(line + char, fontSize) > maxWidth && line !== '') {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [''];
}
