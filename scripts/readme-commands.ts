// `npm run readme`: rewrites the README's command section from the CLI's one declaration (cli/commands.ts), as
// cli/help.test.ts expects it.
import { readFileSync, writeFileSync } from 'node:fs';
import { README_END, README_START, readmeCommands } from '../cli/help.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const start = readme.indexOf(README_START);
const end = readme.indexOf(README_END);
if (start === -1 || end < start) throw new Error(`README.md needs ${README_START} … ${README_END} around its commands`);
writeFileSync(path, `${readme.slice(0, start + README_START.length)}\n${readmeCommands()}\n${readme.slice(end)}`);
