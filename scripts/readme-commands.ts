// `npm run readme`: rewrites the README's command section and the guide's option section from the CLI's one
// declaration (cli/commands.ts), as cli/help.test.ts expects them.
import { readFileSync, writeFileSync } from 'node:fs';
import { GUIDE_END, GUIDE_START, guideOptions, README_END, README_START, readmeCommands } from '../cli/help.js';

function rewrite(file: string, start: string, end: string, body: string): void {
  const path = new URL(`../${file}`, import.meta.url);
  const text = readFileSync(path, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to < from) throw new Error(`${file} needs ${start} … ${end} around the generated section`);
  writeFileSync(path, `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`);
}

rewrite('README.md', README_START, README_END, readmeCommands());
rewrite('docs/guide.md', GUIDE_START, GUIDE_END, guideOptions());
