// Parsing of `mtls-sandbox report` (the command lives in cli/args.ts).
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../args.js';
import { helpText } from '../help.js';

const USAGE = helpText('main', 'en');

const EN = { LANG: 'en_US.UTF-8' };

function usageError(argv: string[]): UsageError {
  try {
    parseCommand(argv, EN);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`parseCommand(${JSON.stringify(argv)}) did not throw`);
}

describe('parseCommand: report', () => {
  it('takes ids in order, a format, an output file and a language', () => {
    expect(parseCommand(['report', 'b', 'a', '--format', 'html', '--out', 'r.html', '--lang', 'ja'], EN)).toEqual({
      name: 'report',
      ids: ['b', 'a'],
      all: false,
      format: 'html',
      out: 'r.html',
      lang: 'ja',
    });
    expect(parseCommand(['report', '--all', '--format=md'], EN)).toEqual({
      name: 'report',
      ids: [],
      all: true,
      format: 'md',
      out: null,
      lang: 'en',
    });
  });

  it('writes Markdown by default, HTML when --out names an .html file', () => {
    expect(parseCommand(['report', 'x'], EN)).toMatchObject({ format: 'md', out: null });
    expect(parseCommand(['report', 'x', '--out', 'report.HTML'], EN)).toMatchObject({ format: 'html' });
    expect(parseCommand(['report', 'x', '--out', 'report.htm'], EN)).toMatchObject({ format: 'html' });
    expect(parseCommand(['report', 'x', '--out', 'report.md'], EN)).toMatchObject({ format: 'md' });
    expect(parseCommand(['report', 'x', '--out', 'report.html', '--format', 'md'], EN)).toMatchObject({ format: 'md' });
  });

  it('takes the language from the environment without --lang', () => {
    expect(parseCommand(['report', '--all'], { LANG: 'ja_JP.UTF-8' })).toMatchObject({ lang: 'ja' });
  });

  it('refuses a format other than md, html or pdf, naming it', () => {
    expect(usageError(['report', 'x', '--format', 'docx']).message).toBe(
      '--format must be md, html or pdf, not "docx".',
    );
    expect(usageError(['report', 'x', '--format', 'htm']).message).toBe(
      '--format must be md, html or pdf, not "htm". Did you mean "html"?',
    );
    expect(usageError(['report', 'x', '--format=']).message).toBe('--format must be md, html or pdf, not "".');
    expect(usageError(['report', 'x', '--format', 'pdf']).message).toBe(
      'A PDF needs a file: add --out, e.g. --out report.pdf.',
    );
    expect(usageError(['report', 'x', '--format']).message).toMatch(/--format/);
  });

  it('wants ids or --all, not both, and a file name for --out', () => {
    expect(usageError(['report']).message).toBe('Which scenario? Give an id (see `mtls-sandbox list`) or --all.');
    expect(usageError(['report', '--format', 'html']).message).toMatch(/^Which scenario\?/);
    expect(usageError(['report', 'x', '--all']).message).toBe('Give scenario ids or --all, not both.');
    expect(usageError(['report', 'x', '--out=']).message).toBe('--out needs a file name, e.g. --out report.html.');
  });

  it('keeps --format to the report command and --out to report and compose', () => {
    expect(usageError(['run', 'x', '--format', 'html']).message).toMatch(/^--format belongs to `report`/);
    expect(usageError(['list', '--out', 'x.md']).message).toMatch(/^--out belongs to `report` and `compose`/);
  });

  it('is in the usage text', () => {
    for (const text of [
      'report <id>... [--format md|html|pdf] [--out FILE]',
      'report --all',
      '--format md|html|pdf',
      '--out FILE',
    ])
      expect(USAGE).toContain(text);
  });
});
