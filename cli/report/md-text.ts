// Escaping for GitHub-flavoured Markdown: text that may come from transcripts or headers must show as written,
// never as markup or raw HTML. Pure.

/** Inline text: Markdown punctuation and HTML are backslash-escaped; newlines become spaces. */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*[\]<>|]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/^(#|[-+] |\d+[.)] )/, '\\$1');
}

/** A block of prose: lines kept, "- " list items kept as list items, everything else escaped. */
export function mdProse(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const item = /^(\s*)- (.*)$/.exec(line);
      return item ? `${item[1]}- ${mdText(item[2]!)}` : mdText(line);
    })
    .join('\n');
}

/** An inline code span that holds any text (backticks included); safe inside a table cell. */
export function mdCode(text: string): string {
  const content = oneLine(text).replace(/\|/g, '\\|');
  if (content === '') return '';
  const fence = '`'.repeat(longestRun(content, '`') + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** A fenced code block that cannot be closed early by the text inside it. */
export function mdFence(text: string, info = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

/** A table: header cells and rows, cells already formatted (use mdText / mdCode inside). */
export function mdTable(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string {
  const rule = header.map((_, index) => (align[index] === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** Text for HTML inside Markdown (<summary>). */
export function mdHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const oneLine = (text: string): string => text.replace(/\r?\n/g, ' ');

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
