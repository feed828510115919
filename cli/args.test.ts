import { describe, expect, it } from 'vitest';
import { defaultLang, parseCommand, UsageError } from './args.js';
import { helpText } from './help.js';

const USAGE = helpText('main', 'en');

const EN = { LANG: 'en_US.UTF-8' };
const JA = { LANG: 'ja_JP.UTF-8' };

/** The UsageError parseCommand throws, so its message can be checked. */
function usageError(argv: string[], env: NodeJS.ProcessEnv = EN): UsageError {
  try {
    parseCommand(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`parseCommand(${JSON.stringify(argv)}) did not throw`);
}

describe('defaultLang', () => {
  it('is Japanese when the locale starts with ja, English otherwise', () => {
    expect(defaultLang({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(defaultLang({ LANG: 'JA_JP' })).toBe('ja');
    expect(defaultLang({ LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(defaultLang({ LANG: 'C.UTF-8' })).toBe('en');
    expect(defaultLang({})).toBe('en');
  });

  it('lets LC_ALL override LC_MESSAGES and LANG, and LC_MESSAGES override LANG', () => {
    expect(defaultLang({ LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(defaultLang({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(defaultLang({ LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(defaultLang({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' })).toBe('en');
  });

  it('skips an empty LC_ALL', () => {
    expect(defaultLang({ LC_ALL: '', LANG: 'ja_JP.UTF-8' })).toBe('ja');
  });
});

describe('parseCommand: commands', () => {
  it('without a command: the default (interactive) command in the environment language', () => {
    expect(parseCommand([], EN)).toEqual({ name: 'default', lang: 'en' });
    expect(parseCommand([], JA)).toEqual({ name: 'default', lang: 'ja' });
  });

  it('help, as a command, --help or -h', () => {
    expect(parseCommand(['help'], EN)).toEqual({ name: 'help' });
    expect(parseCommand(['--help'], EN)).toEqual({ name: 'help' });
    expect(parseCommand(['-h'], EN)).toEqual({ name: 'help' });
    // After a command, that command's own help.
    expect(parseCommand(['run', '-h'], EN)).toEqual({ name: 'help', command: 'run' });
    expect(parseCommand(['help', 'report'], EN)).toEqual({ name: 'help', command: 'report' });
    expect(parseCommand(['--version'], EN)).toEqual({ name: 'version' });
    expect(parseCommand(['-V'], EN)).toEqual({ name: 'version' });
  });

  it('list, with and without --json', () => {
    expect(parseCommand(['list'], EN)).toEqual({ name: 'list', json: false, lang: 'en' });
    expect(parseCommand(['list', '--json'], EN)).toEqual({ name: 'list', json: true, lang: 'en' });
  });

  it('run with ids, keeping their order', () => {
    expect(parseCommand(['run', 'nlb-tcp-passthrough'], EN)).toEqual({
      name: 'run',
      ids: ['nlb-tcp-passthrough'],
      all: false,
      json: false,
      lang: 'en',
    });
    expect(parseCommand(['run', 'b', 'a', '--json'], EN)).toEqual({
      name: 'run',
      ids: ['b', 'a'],
      all: false,
      json: true,
      lang: 'en',
    });
  });

  it('run --all, with options in any position', () => {
    expect(parseCommand(['run', '--all'], EN)).toEqual({ name: 'run', ids: [], all: true, json: false, lang: 'en' });
    expect(parseCommand(['--json', 'run', '--all'], EN)).toEqual({
      name: 'run',
      ids: [],
      all: true,
      json: true,
      lang: 'en',
    });
  });

  it('up with exactly one id', () => {
    expect(parseCommand(['up', 'clb-tcp-passthrough'], EN)).toEqual({
      name: 'up',
      id: 'clb-tcp-passthrough',
      lang: 'en',
    });
  });

  it('certs and down', () => {
    expect(parseCommand(['certs'], EN)).toEqual({ name: 'certs' });
    expect(parseCommand(['down'], EN)).toEqual({ name: 'down' });
  });
});

describe('parseCommand: --lang', () => {
  it('overrides the environment language', () => {
    expect(parseCommand(['list', '--lang', 'ja'], EN)).toEqual({ name: 'list', json: false, lang: 'ja' });
    expect(parseCommand(['run', 'x', '--lang=en'], JA)).toMatchObject({ name: 'run', lang: 'en' });
    expect(parseCommand(['--lang', 'ja'], EN)).toEqual({ name: 'default', lang: 'ja' });
  });

  it('falls back to LANG/LC_ALL without --lang', () => {
    expect(parseCommand(['up', 'x'], JA)).toEqual({ name: 'up', id: 'x', lang: 'ja' });
    expect(parseCommand(['up', 'x'], { LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' })).toEqual({
      name: 'up',
      id: 'x',
      lang: 'ja',
    });
  });

  it('rejects a language other than en or ja, naming it', () => {
    expect(usageError(['list', '--lang', 'fr']).message).toBe('--lang must be en or ja, not "fr".');
    expect(usageError(['--lang=']).message).toBe('--lang must be en or ja, not "".');
  });
});

describe('parseCommand: usage errors', () => {
  it('names an unknown command and shows the usage', () => {
    const error = usageError(['start']);
    expect(error.message).toMatch(/^Unknown command "start"\./);
    expect(error.usage).toBe(USAGE);
  });

  it('suggests the command meant (did you mean)', () => {
    expect(usageError(['rnu']).message).toBe('Unknown command "rnu". Did you mean "run"?');
    expect(usageError(['lsit']).message).toBe('Unknown command "lsit". Did you mean "list"?');
    expect(usageError(['run', 'x', '--jsn']).message).toBe('Unknown option --jsn. Did you mean "--json"?');
  });

  it('asks which scenario when run has no ids and no --all', () => {
    const error = usageError(['run']);
    expect(error.message).toBe('Which scenario? Give an id (see `mtls-sandbox list`), --all or --template FILE.');
    expect(usageError(['run', '--json']).message).toMatch(/^Which scenario\?/);
  });

  it('refuses ids together with --all', () => {
    expect(usageError(['run', 'nlb-tcp-passthrough', '--all']).message).toBe('Give scenario ids or --all, not both.');
  });

  it('wants exactly one id for up', () => {
    const none = usageError(['up']);
    expect(none.message).toBe(
      '`up` takes exactly one scenario id (e.g. `mtls-sandbox up nlb-tcp-passthrough`) or --template FILE.',
    );
    expect(usageError(['up', 'a', 'b']).message).toBe(none.message);
  });

  it('parses compose with and without --out, and wants exactly one id', () => {
    expect(parseCommand(['compose', 'nlb-tcp-passthrough'], EN)).toEqual({
      name: 'compose',
      id: 'nlb-tcp-passthrough',
      out: null,
      lang: 'en',
    });
    expect(parseCommand(['compose', 'x', '--out', 'lesson-1'], JA)).toEqual({
      name: 'compose',
      id: 'x',
      out: 'lesson-1',
      lang: 'ja',
    });
    expect(usageError(['compose']).message).toMatch(/^`compose` takes exactly one scenario id/);
    expect(usageError(['compose', 'a', 'b']).message).toMatch(/^`compose` takes exactly one scenario id/);
    expect(usageError(['compose', 'x', '--out', '']).message).toBe('--out needs a folder, e.g. --out lesson-1.');
    expect(usageError(['compose', 'x', '--format', 'md']).message).toMatch(/^--format belongs to `report`/);
    expect(usageError(['up', 'x', '--out', 'd']).message).toMatch(/^--out belongs to `report` and `compose`/);
    expect(usageError(['compose', 'x', '--runtime', 'docker']).message).toMatch(/^--runtime belongs to/);
  });

  it('refuses arguments to list, certs and down, repeating them', () => {
    expect(usageError(['list', 'extra']).message).toBe('`list` takes no arguments (got extra).');
    expect(usageError(['certs', 'a', 'b']).message).toBe('`certs` takes no arguments (got a b).');
    expect(usageError(['down', 'now']).message).toBe('`down` takes no arguments (got now).');
  });

  it('turns an unknown option into a usage error with the usage text', () => {
    const error = usageError(['run', '--bogus']);
    expect(error.message).toMatch(/--bogus/);
    // After a command, that command's usage.
    expect(error.usage).toContain('Usage: mtls-sandbox run <id>...');
    expect(usageError(['--bogus']).usage).toBe(USAGE);
  });

  it('refuses options a command would ignore, naming them and what it takes (issue 17)', () => {
    expect(usageError(['down', '--json']).message).toBe('`down` takes no options (got --json).');
    expect(usageError(['list', '--all']).message).toBe(
      '`list` does not take --all; it takes --json, --lang, --scenarios.',
    );
    // --lang, like --help, is for every command (issue 28): certs and doctor speak Japanese too.
    expect(usageError(['certs', '--json']).message).toBe('`certs` takes no options (got --json).');
    expect(usageError(['doctor', '--all', '--lang=en']).message).toBe('`doctor` does not take --all; it takes --json.');
    expect(usageError(['up', 'x', '--json']).message).toBe(
      '`up` does not take --json; it takes --lang, --localstack, --deploy-all, --runtime, --scenarios, --template, --parameters, --plain.',
    );
    expect(usageError(['--all']).message).toBe(
      '`mtls-sandbox` without a command does not take --all; it takes --lang, --localstack, --deploy-all, --runtime, --scenarios.',
    );
    // --help still wins over everything.
    expect(parseCommand(['down', '--json', '--help'], EN)).toEqual({ name: 'help', command: 'down' });
  });

  it('passes --deploy-all to every command that takes it', () => {
    expect(parseCommand(['up', 'x', '--deploy-all'], EN)).toMatchObject({ name: 'up', deployAll: true });
    expect(parseCommand(['report', 'x', '--deploy-all'], EN)).toMatchObject({ name: 'report', deployAll: true });
    expect(parseCommand(['--deploy-all'], EN)).toMatchObject({ name: 'default', deployAll: true });
  });

  it('turns --lang without a value into a usage error', () => {
    expect(usageError(['list', '--lang']).message).toMatch(/--lang/);
  });
});

describe('USAGE', () => {
  it('documents every command and option', () => {
    for (const text of [
      'list [--json]',
      'run <id>...',
      'run --all',
      'up <id>',
      'compose <id> [--out DIR]',
      'certs',
      'down',
      '--json',
      '--lang en|ja',
      'Exit status: 0',
    ]) {
      expect(USAGE).toContain(text);
    }
  });
});

describe('parseCommand: your own scenarios and templates', () => {
  it('--scenarios is repeatable, and MTLS_SANDBOX_SCENARIOS adds its colon-separated folders after them', () => {
    const env = { ...EN, MTLS_SANDBOX_SCENARIOS: '/lab/a::/lab/b' };
    expect(parseCommand(['list', '--scenarios', 'x', '--scenarios', 'y'], env)).toEqual({
      name: 'list',
      json: false,
      lang: 'en',
      scenarioDirs: [
        { dir: 'x', how: '--scenarios' },
        { dir: 'y', how: '--scenarios' },
        { dir: '/lab/a', how: 'MTLS_SANDBOX_SCENARIOS' },
        { dir: '/lab/b', how: 'MTLS_SANDBOX_SCENARIOS' },
      ],
    });
    expect(parseCommand([], { ...EN, MTLS_SANDBOX_SCENARIOS: '/lab' })).toMatchObject({
      name: 'default',
      scenarioDirs: [{ dir: '/lab', how: 'MTLS_SANDBOX_SCENARIOS' }],
    });
  });

  it('every command that reads the catalogue takes --scenarios; the others refuse it', () => {
    for (const argv of [['list'], ['run', 'a'], ['report', 'a'], ['up', 'a'], ['compose', 'a'], ['new', 'a'], []])
      expect(parseCommand([...argv, '--scenarios', 'lab'], EN)).toMatchObject({
        scenarioDirs: [{ dir: 'lab', how: '--scenarios' }],
      });
    expect(usageError(['doctor', '--scenarios', 'lab']).message).toContain('does not take --scenarios');
    expect(usageError(['list', '--scenarios', '']).message).toContain('--scenarios needs a folder');
  });

  it('new <id> with --from and --dir, the folder defaulting to the current one', () => {
    expect(parseCommand(['new', 'my-test'], EN)).toEqual({ name: 'new', id: 'my-test', from: null, dir: '.' });
    expect(parseCommand(['new', 'my-test', '--from', 'alb-mtls-passthrough', '--dir', 'lab'], EN)).toEqual({
      name: 'new',
      id: 'my-test',
      from: 'alb-mtls-passthrough',
      dir: 'lab',
    });
    expect(usageError(['new']).message).toContain('exactly one scenario id');
    expect(usageError(['new', 'My_Test']).message).toContain('lowercase words joined by hyphens');
    // Issue 23, item 11: too long for a file name was "Unexpected error: ENAMETOOLONG" with a stack trace.
    expect(usageError(['new', 'a'.repeat(300)]).message).toContain('A scenario id is at most 64 characters');
    expect(parseCommand(['new', 'a'.repeat(64)], EN)).toMatchObject({ name: 'new', id: 'a'.repeat(64) });
    expect(usageError(['new', 'a', '--json']).message).toContain('does not take --json');
  });

  it('run --template and up --template, alone', () => {
    expect(parseCommand(['run', '--template', 't.yaml'], EN)).toEqual({
      name: 'run',
      ids: [],
      template: 't.yaml',
      all: false,
      json: false,
      lang: 'en',
    });
    expect(parseCommand(['up', '--template', 't.json'], EN)).toEqual({
      name: 'up',
      id: null,
      template: 't.json',
      lang: 'en',
    });
    expect(usageError(['run', 'a', '--template', 't.json']).message).toContain('one of them');
    expect(usageError(['run', '--all', '--template', 't.json']).message).toContain('one of them');
    expect(usageError(['up', 'a', '--template', 't.json']).message).toContain('not both');
    expect(usageError(['list', '--template', 't.json']).message).toContain('does not take --template');
    expect(usageError(['report', 'a', '--template', 't.json']).message).toContain('does not take --template');
  });

  it('--parameters KEY=VALUE, repeated, with --template only', () => {
    const given = ['run', '--template', 't.yaml', '--parameters', 'Env=prod', '--parameters', 'Cidrs=10.0.0.0/8,a=b'];
    expect(parseCommand(given, EN)).toMatchObject({ parameters: { Env: 'prod', Cidrs: '10.0.0.0/8,a=b' } });
    expect(parseCommand(['up', '--template', 't.yaml', '--parameters', 'Port=443'], EN)).toMatchObject({
      parameters: { Port: '443' },
    });
    expect(usageError(['run', 'a', '--parameters', 'Env=prod']).message).toContain('belongs with --template');
    expect(usageError(['run', '--template', 't', '--parameters', 'Env']).message).toContain('KEY=VALUE');
    expect(usageError(['run', '--template', 't', '--parameters', '__proto__=x']).message).toContain('KEY=VALUE');
    expect(usageError(['run', '--template', 't', '--parameters', 'A=1', '--parameters', 'A=2']).message).toContain(
      'twice',
    );
    expect(usageError(['list', '--parameters', 'A=1']).message).toContain('does not take --parameters');
  });
});

describe('parseCommand: the lab (up --plain, run --predict, report --predictions)', () => {
  it('up --plain prints text even on a terminal; without it the command says nothing', () => {
    expect(parseCommand(['up', 'alb-rule-on-mtls-header', '--plain'], EN)).toMatchObject({ name: 'up', plain: true });
    expect(parseCommand(['up', 'alb-rule-on-mtls-header'], EN)).not.toHaveProperty('plain');
    expect(usageError(['run', 'x', '--plain']).message).toMatch(/`run` does not take --plain/);
  });

  it('run --predict takes exactly one scenario and no --json', () => {
    expect(parseCommand(['run', 'nlb-tcp-passthrough', '--predict'], EN)).toMatchObject({
      name: 'run',
      ids: ['nlb-tcp-passthrough'],
      predict: true,
    });
    expect(usageError(['run', 'a', 'b', '--predict']).message).toMatch(/--predict takes exactly one scenario id/);
    expect(usageError(['run', 'a', '--predict', '--json']).message).toMatch(/no --json/);
    expect(usageError(['up', 'a', '--predict']).message).toMatch(/`up` does not take --predict/);
  });

  it('report --predictions FILE renders a sheet, alone', () => {
    expect(parseCommand(['report', '--predictions', 'sheet.json'], EN)).toMatchObject({
      name: 'report',
      predictions: 'sheet.json',
      out: null,
      lang: 'en',
    });
    expect(
      parseCommand(['report', '--predictions', 'sheet.json', '--out', 'score.md', '--lang', 'ja'], EN),
    ).toMatchObject({
      predictions: 'sheet.json',
      out: 'score.md',
      lang: 'ja',
    });
    expect(usageError(['report', 'x', '--predictions', 'sheet.json']).message).toMatch(/give it alone/);
    expect(usageError(['report', '--predictions', '']).message).toMatch(/needs the file a prediction run wrote/);
  });
});

describe('parseCommand: --concurrency', () => {
  it('takes a whole number for run and report, else MTLS_SANDBOX_CONCURRENCY, else nothing (the default)', () => {
    expect(parseCommand(['run', '--all', '--concurrency', '1'], EN)).toMatchObject({ concurrency: 1 });
    expect(parseCommand(['report', '--all', '--concurrency', '3'], EN)).toMatchObject({ concurrency: 3 });
    const fromEnv = parseCommand(['run', '--all'], { ...EN, MTLS_SANDBOX_CONCURRENCY: '2' });
    expect(fromEnv).toMatchObject({ concurrency: 2 });
    const flagWins = parseCommand(['run', '--all', '--concurrency', '1'], { ...EN, MTLS_SANDBOX_CONCURRENCY: '4' });
    expect(flagWins).toMatchObject({ concurrency: 1 });
    expect(parseCommand(['run', '--all'], EN)).not.toHaveProperty('concurrency');
  });

  it('refuses anything but 1 to 32, naming where it came from, and commands that run nothing', () => {
    for (const value of ['0', '33', '1.5', 'two', ''])
      expect(() => parseCommand(['run', '--all', '--concurrency', value], EN)).toThrow(/--concurrency must be/);
    expect(() => parseCommand(['run', '--all'], { ...EN, MTLS_SANDBOX_CONCURRENCY: 'x' })).toThrow(
      /MTLS_SANDBOX_CONCURRENCY must be/,
    );
    expect(() => parseCommand(['list', '--concurrency', '2'], EN)).toThrow(/--concurrency belongs to `run`/);
  });
});
