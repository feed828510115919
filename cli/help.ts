// The help texts, made from the one declaration of the command line (commands.ts): the usage summary (`--help`),
// each command's own help (`mtls-sandbox run --help`), in English and Japanese, and the README's command section.
// Pure.
import stringWidth from 'string-width';
import type { Lang } from '../sandbox/text.js';
import {
  COMMAND_NAMES,
  COMMANDS,
  COMMON_OPTIONS,
  type CommandName,
  type CommandSpec,
  DEFAULT_COMMAND,
  OPTIONS,
  type OptionName,
  PROGRAM,
} from './commands.js';

/** What `--help` can show: the usage summary, or one command's help. */
export type HelpTopic = 'main' | CommandName;

/** The help fits in 100 columns (Japanese counts two a character). */
const WIDTH = 100;
const FORM_COLUMN = 42;
const OPTION_COLUMN = 22;

const WORDS = {
  usage: { en: 'Usage:', ja: '使い方:' },
  options: { en: 'Options (and the commands that take them):', ja: 'オプション (と、それを受け付けるコマンド):' },
  commandOptions: { en: 'Options:', ja: 'オプション:' },
  noCommand: { en: 'no command (the UI)', ja: 'コマンドなし (UI)' },
  every: { en: 'every command', ja: 'すべてのコマンド' },
  version: { en: 'the version', ja: 'バージョン' },
  thisHelp: { en: 'this help', ja: 'このヘルプ' },
} as const;

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - widthOf(text)));

const words = new Intl.Segmenter('ja', { granularity: 'word' });
/** Characters a line must not start with (kinsoku), and ones it must not end with. */
const NO_START = /^[、。，．）」』】〕〉》ー・：；！？％‐〜)\]}:;,.!?ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/u;
const NO_END = /[（「『【〔〈《([{]$/u;

/**
 * Help text wrapped to `width` columns: at word boundaries (Intl.Segmenter, so Japanese breaks between words, not
 * inside them), with kinsoku (no line starts with 、。) or a small kana, none ends with an opening bracket), and a
 * `command` in backticks never split. Each \n starts a new line; its leading spaces indent every line it makes.
 */
export function wrapHelp(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => {
    const indent = /^ */.exec(line)![0];
    return breakLine(line.slice(indent.length), width - indent.length).map((part) => indent + part);
  });
}

/** The pieces a line may break between: backtick spans whole, else words and spaces, glued by kinsoku. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/(`[^`]*`)/)) {
    if (part.startsWith('`')) out.push(part);
    else for (const { segment } of words.segment(part)) out.push(segment);
  }
  const glued: string[] = [];
  for (const piece of out) {
    const last = glued[glued.length - 1];
    if (last !== undefined && !/^\s/.test(piece) && sticks(last, piece)) glued[glued.length - 1] = last + piece;
    else glued.push(piece);
  }
  return glued;
}

const KATAKANA = /[\u30a0-\u30ff]/u;
const KANJI = /[\u3400-\u9fff]/u;

/** Whether two pieces stay on one line: kinsoku, Latin words not parted by a space, katakana or kanji runs. */
function sticks(last: string, piece: string): boolean {
  const a = last.slice(-1);
  const b = piece.slice(0, 1);
  if (/\s/.test(a)) return false;
  if (NO_START.test(piece) || NO_END.test(last)) return true;
  if (/[\x21-\x7e]/.test(a) && /[\x21-\x7e]/.test(b)) return true;
  return (KATAKANA.test(a) && KATAKANA.test(b)) || (KANJI.test(a) && KANJI.test(b));
}

function breakLine(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  // The line's width, added up piece by piece: pieces end at word boundaries, so widths add (measuring the whole
  // line again for each piece made `--help` and every start of the CLI, which renders the usage, slow).
  let lineWidth = 0;
  for (const piece of pieces(text)) {
    const pieceWidth = widthOf(piece);
    if (line !== '' && lineWidth + pieceWidth > width && !/^\s+$/.test(piece)) {
      lines.push(line.trimEnd());
      line = '';
      lineWidth = 0;
    }
    if (line === '' && /^\s+$/.test(piece)) continue;
    line += piece;
    lineWidth += pieceWidth;
  }
  if (line !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Columns a piece takes: printable ASCII is one a character (most of the help), the rest as string-width says. */
function widthOf(text: string): number {
  return /^[\x20-\x7e]*$/.test(text) ? text.length : stringWidth(text);
}

/** "label  first line" then the other lines under the first, at `column`; the label alone when it is too wide. */
function columns(label: string, text: string, column: number): string[] {
  const lines = wrapHelp(text, WIDTH - column);
  const indent = ' '.repeat(column);
  const head = widthOf(label) <= column - 2 ? [`${pad(label, column)}${lines[0]}`] : [label, `${indent}${lines[0]}`];
  return [...head, ...lines.slice(1).map((line) => `${indent}${line}`)];
}

/** "--out FILE", "-h, --help". */
function flag(name: OptionName, spec: CommandSpec | null = null): string {
  const option = OPTIONS[name];
  const value = spec?.optionValue?.[name] ?? ('value' in option ? option.value : undefined);
  const short = 'short' in option ? `-${option.short}, ` : '';
  return `${short}--${name}${value ? ` ${value}` : ''}`;
}

/** The commands that take an option, as the usage summary says it. */
function takenBy(name: OptionName, lang: Lang): string {
  if (COMMON_OPTIONS.includes(name)) return WORDS.every[lang];
  const names = [
    ...COMMAND_NAMES.filter((command) => (COMMANDS[command].options as readonly OptionName[]).includes(name)),
    ...((DEFAULT_COMMAND.options as readonly OptionName[]).includes(name) ? [WORDS.noCommand[lang]] : []),
  ];
  return names.join(lang === 'ja' ? '、' : ', ');
}

/** `mtls-sandbox --help`: every command's forms, then every option with the commands that take it. */
/** The usage lines: every command's forms with what each does. */
function usageForms(lang: Lang): string[] {
  return [DEFAULT_COMMAND, ...COMMAND_NAMES.map((name) => COMMANDS[name] as CommandSpec)].flatMap((spec) =>
    spec.forms.flatMap((form) =>
      columns(`  mtls-sandbox${form.args ? ` ${form.args}` : ''}`, form.summary[lang], FORM_COLUMN),
    ),
  );
}

/** Every option with the commands that take it, then the exit status. */
function optionsAndExit(lang: Lang): string[] {
  const listed = (Object.keys(OPTIONS) as OptionName[]).filter((name) => name !== 'help' && name !== 'version');
  const options = listed.flatMap((name) =>
    columns(`  ${flag(name)}`, `${takenBy(name, lang)}\n${OPTIONS[name].help[lang]}`, OPTION_COLUMN),
  );
  return [
    WORDS.options[lang],
    ...options,
    ...columns(`  ${flag('version')}`, WORDS.version[lang], OPTION_COLUMN),
    ...columns(`  ${flag('help')}`, OPTIONS.help.help[lang], OPTION_COLUMN),
    '',
    ...wrapHelp(PROGRAM.exit[lang], WIDTH),
  ];
}

function mainHelp(lang: Lang): string {
  return [
    ...wrapHelp(PROGRAM.about[lang], WIDTH),
    '',
    WORDS.usage[lang],
    ...usageForms(lang),
    '',
    ...optionsAndExit(lang),
  ].join('\n');
}

/** `mtls-sandbox run --help`: its usage lines, what it does, and the options it takes. */
function commandHelp(name: CommandName, lang: Lang): string {
  const spec: CommandSpec = COMMANDS[name];
  const label = `${WORDS.usage[lang]} `;
  const usage = spec.usage.map((line, i) => `${i === 0 ? label : ' '.repeat(stringWidth(label))}mtls-sandbox ${line}`);
  const own = [...spec.options, ...(spec.options.includes('lang') ? [] : (['lang'] as OptionName[]))];
  const options = own.flatMap((option) =>
    columns(`  ${flag(option, spec)}`, spec.optionHelp?.[option]?.[lang] ?? OPTIONS[option].help[lang], OPTION_COLUMN),
  );
  return [
    ...usage,
    '',
    ...wrapHelp(spec.about[lang], WIDTH),
    '',
    WORDS.commandOptions[lang],
    ...options,
    ...columns(`  ${flag('help')}`, WORDS.thisHelp[lang], OPTION_COLUMN),
  ].join('\n');
}

export function helpText(topic: HelpTopic, lang: Lang): string {
  return topic === 'main' ? mainHelp(lang) : commandHelp(topic, lang);
}

export const README_START = '<!-- commands:start -->';
export const README_END = '<!-- commands:end -->';

/** The README's command section, between its markers: the English usage lines as a code block. */
export function readmeCommands(): string {
  return ['```text', ...usageForms('en'), '```'].join('\n');
}

export const GUIDE_START = '<!-- options:start -->';
export const GUIDE_END = '<!-- options:end -->';

/** The guide's option section (docs/guide.md), between its markers: every option, who takes it, the exit status. */
export function guideOptions(): string {
  return ['```text', ...optionsAndExit('en'), '```'].join('\n');
}
