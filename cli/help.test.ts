// The command line declared once (issue 24 item 7): the parser, `--help`, each command's help in both languages and
// the README's command section all come from cli/commands.ts, and agree with each other.
import { readFileSync } from 'node:fs';
import stringWidth from 'string-width';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { both, invocationLang, parseCommand, UsageError } from './args.js';
import { COMMAND_NAMES, COMMANDS, COMMON_OPTIONS, DEFAULT_COMMAND, OPTIONS, type OptionName } from './commands.js';
import {
  GUIDE_END,
  GUIDE_START,
  guideOptions,
  helpText,
  README_END,
  README_START,
  readmeCommands,
  wrapHelp,
} from './help.js';

const EN = { LANG: 'en_US.UTF-8' };
/** Characters of every width the help can meet: ASCII, kana, kanji, kinsoku marks, full-width, emoji, combining. */
const ALPHABET = ['a', 'Z', '-', ' ', 'あ', 'ッ', 'カ', '語', '、', '。', '（', 'Ａ', '👍🏽', '🇯🇵', 'e\u0301'];
const LANGS = ['en', 'ja'] as const;

/** A value each option accepts, to call a command with it. */
const SAMPLE: Partial<Record<OptionName, string>> = {
  template: 't.json',
  parameters: 'Env=prod',
  scenarios: 'lab',
  format: 'md',
  out: 'out.md',
  lang: 'ja',
  localstack: 'off',
  runtime: 'host',
  from: 'nlb-tcp-passthrough',
  dir: 'lab',
  concurrency: '2',
};

/** The arguments that make each command valid on its own. */
const BASE: Record<string, string[]> = {
  list: ['list'],
  run: ['run', 'x'],
  report: ['report', 'x'],
  up: ['up', 'x'],
  compose: ['compose', 'x'],
  new: ['new', 'x'],
  localstack: ['localstack', 'start'],
  certs: ['certs'],
  down: ['down'],
  doctor: ['doctor'],
  help: ['help'],
};

const withOption = (name: OptionName): string[] =>
  OPTIONS[name].type === 'boolean' ? [`--${name}`] : [`--${name}`, SAMPLE[name] ?? 'x'];

describe('the declaration and the parser agree', () => {
  it('every command accepts each option it declares, and --lang', () => {
    for (const command of COMMAND_NAMES) {
      const declared: readonly OptionName[] = COMMANDS[command].options;
      for (const option of [...declared, 'lang'] as OptionName[]) {
        // --all and --template replace the ids; --parameters goes with --template; the rest beside the base arguments.
        const base =
          option === 'all' || option === 'template' || option === 'predictions'
            ? [command]
            : option === 'parameters'
              ? [command, '--template', 't.json']
              : BASE[command]!;
        const argv = [...base, ...withOption(option)];
        expect(() => parseCommand(argv, EN), argv.join(' ')).not.toThrow();
      }
    }
    for (const option of DEFAULT_COMMAND.options) expect(() => parseCommand(withOption(option), EN)).not.toThrow();
  });

  it('every command refuses an option it does not declare, naming it', () => {
    for (const command of COMMAND_NAMES) {
      const declared: readonly OptionName[] = COMMANDS[command].options;
      const other = (Object.keys(OPTIONS) as OptionName[]).find(
        (name) => !declared.includes(name) && !COMMON_OPTIONS.includes(name) && OPTIONS[name].type === 'boolean',
      );
      if (!other || command === 'help') continue;
      let error: unknown;
      try {
        parseCommand([...BASE[command]!, `--${other}`], EN);
      } catch (thrown) {
        error = thrown;
      }
      expect(error, `${command} --${other}`).toBeInstanceOf(UsageError);
      expect((error as UsageError).message).toContain(`--${other}`);
    }
  });

  it('every option is taken by some command, or by every command', () => {
    const taken = new Set<string>([
      ...COMMON_OPTIONS,
      ...DEFAULT_COMMAND.options,
      ...COMMAND_NAMES.flatMap((name) => COMMANDS[name].options),
    ]);
    expect(Object.keys(OPTIONS).filter((name) => !taken.has(name))).toEqual([]);
  });
});

describe('help in both languages', () => {
  it('lists every command and option in the usage summary, and each command its own options', () => {
    for (const lang of LANGS) {
      const main = helpText('main', lang);
      for (const command of COMMAND_NAMES)
        for (const form of COMMANDS[command].forms) expect(main, form.args).toContain(`mtls-sandbox ${form.args}`);
      for (const option of Object.keys(OPTIONS)) expect(main, option).toContain(`--${option}`);
      for (const command of COMMAND_NAMES) {
        const own = helpText(command, lang);
        for (const option of [...COMMANDS[command].options, 'lang', 'help'])
          expect(own, `${command} --${option}`).toContain(`--${option}`);
      }
    }
  });

  it('fits in 100 columns, breaks Japanese at word boundaries with kinsoku, and never splits a `command`', () => {
    for (const lang of LANGS)
      for (const topic of ['main', ...COMMAND_NAMES] as const) {
        const lines = helpText(topic, lang).split('\n');
        for (const line of lines) {
          expect(stringWidth(line), `${topic} ${lang}: ${line}`).toBeLessThanOrEqual(100);
          expect(line.trim(), `${topic} ${lang}`).not.toMatch(/^[、。，．）」』)]/u);
          expect(line, `${topic} ${lang}`).not.toMatch(/[（「『(]$/u);
          // A backtick opened on a line closes on it: the command is whole.
          expect((line.match(/`/g) ?? []).length % 2, `${topic} ${lang}: ${line}`).toBe(0);
        }
      }
    expect(wrapHelp('`sudo bash scripts/setup-docker.sh` を実行する', 20)).toEqual([
      '`sudo bash scripts/setup-docker.sh`',
      'を実行する',
    ]);
    // No line may start with 、 or 。: the mark takes the character before it to the next line.
    expect(wrapHelp('あいうえおかきくけこ、さしすせそ', 20)).toEqual(['あいうえおかきくけ', 'こ、さしすせそ']);
  });

  it('measures a line as the sum of its pieces: full-width letters, emoji and combining marks included', () => {
    // The widths are added piece by piece; measured as characters, 'ｗｉｄｅ' would be 4 columns, not 8.
    expect(wrapHelp('ｗｉｄｅ 👍🏽 cafe\u0301 ok', 8)).toEqual(['ｗｉｄｅ', '👍🏽 cafe\u0301', 'ok']);
    expect(wrapHelp('日本語のヘルプ text', 14)).toEqual(['日本語のヘルプ', 'text']);
    // Intl.Segmenter's pieces never part a grapheme, so their widths add up to the whole's.
    const words = new Intl.Segmenter('ja', { granularity: 'word' });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        const pieces = [...words.segment(text)].map(({ segment }) => stringWidth(segment));
        expect(pieces.reduce((sum, width) => sum + width, 0)).toBe(stringWidth(text));
      }),
    );
  });

  it('wraps any mix of scripts within the width, dropping nothing but the spaces it breaks at', () => {
    const word = fc.array(fc.constantFrom(...ALPHABET.filter((c) => c !== ' ')), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 14, max: 60 }), (ws, width) => {
        const text = ws.map((w) => w.join('')).join(' ');
        const lines = wrapHelp(text, width);
        for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
        expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  it('speaks Japanese under --lang ja or a Japanese locale, errors included', () => {
    expect(invocationLang(['run', 'x', '--lang', 'ja'], EN)).toBe('ja');
    expect(invocationLang(['--lang=ja'], EN)).toBe('ja');
    expect(invocationLang(['certs'], { LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(invocationLang(['--lang', 'fr'], { LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(invocationLang(['--', '--lang', 'ja'], EN)).toBe('en');
    expect(helpText('run', 'ja')).toMatch(/^使い方: mtls-sandbox run <id>\.\.\./);
    const typo = both('unknownCommand', { command: 'rnu' }, { input: 'rnu', known: COMMAND_NAMES });
    expect(typo).toEqual({
      en: 'Unknown command "rnu". Did you mean "run"?',
      ja: '「rnu」というコマンドはありません。もしかして「run」ですか？',
    });
  });
});

describe("the README's command section", () => {
  it('is the generated usage summary, between its markers', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    expect(start, 'the README has <!-- commands:start -->').toBeGreaterThan(-1);
    expect(end, 'the README has <!-- commands:end -->').toBeGreaterThan(start);
    // To refresh it: `npm run readme` writes readmeCommands() (cli/help.ts) between the markers.
    expect(readme.slice(start + README_START.length, end).trim()).toBe(readmeCommands());
  });

  it("and the guide's option section is the generated option list and exit status", () => {
    const guide = readFileSync(new URL('../docs/guide.md', import.meta.url), 'utf8');
    const start = guide.indexOf(GUIDE_START);
    const end = guide.indexOf(GUIDE_END);
    expect(start, 'docs/guide.md has <!-- options:start -->').toBeGreaterThan(-1);
    expect(end, 'docs/guide.md has <!-- options:end -->').toBeGreaterThan(start);
    expect(guide.slice(start + GUIDE_START.length, end).trim()).toBe(guideOptions());
  });
});
