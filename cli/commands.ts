// The command line, declared once: every command, every option, which command takes which, and their help in English
// and Japanese. The parser (args.ts), `--help`, each command's own help (help.ts) and the README's command section
// are all made from this table. Pure data.
import type { Text } from '../sandbox/text.js';

/** One option: how node:util parseArgs reads it, the value it names in help, and what it does. */
export interface OptionSpec {
  type: 'boolean' | 'string';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in help: "FILE", "en|ja". */
  value?: string;
  /** What it does, as `--help` lists it (wrapped to the terminal's width; \n starts a new line). */
  help: Text;
}

export const OPTIONS = {
  json: {
    type: 'boolean',
    help: {
      en: 'print the record as JSON (docs/report.md) instead of text',
      ja: 'テキストの代わりに記録を JSON で出力する (docs/report.md)',
    },
  },
  all: { type: 'boolean', help: { en: 'every scenario', ja: 'すべてのシナリオ' } },
  template: {
    type: 'string',
    value: 'FILE',
    help: {
      en: "a CloudFormation template (JSON or YAML, e.g. cdk synth's) instead of a scenario (docs/templates.md)",
      ja: 'シナリオの代わりに CloudFormation テンプレート (JSON か YAML。cdk synth の出力など) を使う (docs/templates.md)',
    },
  },
  parameters: {
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    help: {
      en: "a value for the template's parameter KEY (repeat for each); the others take their Default",
      ja: 'テンプレートのパラメーター KEY の値 (パラメーターごとに繰り返す)。指定しないものは Default の値になる',
    },
  },
  scenarios: {
    type: 'string',
    multiple: true,
    value: 'DIR',
    help: {
      en: 'also your own scenarios in DIR (a scenario folder, or a folder of them); repeatable. MTLS_SANDBOX_SCENARIOS adds folders too (colon-separated)',
      ja: 'DIR にある自作シナリオも使う (シナリオのフォルダー 1 つ、またはそれを集めたフォルダー)。複数回指定できる。MTLS_SANDBOX_SCENARIOS (コロン区切り) でも追加できる',
    },
  },
  format: {
    type: 'string',
    value: 'md|html|pdf',
    help: {
      en: "GitHub Markdown, one self-contained HTML page, or a PDF printed by Chromium (default: from the --out file's extension, else md)",
      ja: 'GitHub Markdown、単体で完結する HTML ページ、または Chromium で印刷した PDF (既定値: --out のファイルの拡張子から決め、なければ md)',
    },
  },
  out: {
    type: 'string',
    value: 'FILE',
    help: {
      en: "write the report to FILE instead of stdout (a PDF needs --out); for compose, the project's folder",
      ja: 'レポートを標準出力ではなく FILE に書く (PDF には --out が必要)。compose ではプロジェクトのフォルダー',
    },
  },
  lang: {
    type: 'string',
    value: 'en|ja',
    help: {
      en: 'the language of the output (default: from LC_ALL, LC_MESSAGES or LANG)',
      ja: '出力の言語 (既定値: LC_ALL、LC_MESSAGES、LANG から決める)',
    },
  },
  localstack: {
    type: 'string',
    value: 'auto|host|docker|off',
    help: {
      en: 'where AWS APIs come from. auto (default): a running LocalStack, else one started from .sandbox/localstack-venv when a scenario needs it, else off; host: start one (or use a running one); docker: start it as a container (`sudo bash scripts/setup-docker.sh`); off: skip the scenarios that need it',
      ja: 'AWS の API をどこから使うか。auto (既定値): 動いている LocalStack、なければシナリオが必要とするときに .sandbox/localstack-venv から起動、それもなければ off。host: 起動する (動いていればそれを使う)。docker: コンテナとして起動する (`sudo bash scripts/setup-docker.sh`)。off: LocalStack が必要なシナリオをスキップする',
    },
  },
  'deploy-all': {
    type: 'boolean',
    help: {
      en: "deploy every selected scenario's stack to LocalStack, not only those that need it",
      ja: 'LocalStack が必要なシナリオだけでなく、選んだすべてのシナリオのスタックを LocalStack にデプロイする',
    },
  },
  runtime: {
    type: 'string',
    value: 'host|docker',
    help: {
      en: 'host (default): nginx, HAProxy and the emulators as processes on this machine; docker: the same topology as containers (needs an engine and the images: `sudo bash scripts/setup-docker.sh`)',
      ja: 'host (既定値): nginx・HAProxy・エミュレーターをこのマシンのプロセスとして動かす。docker: 同じ構成をコンテナで動かす (エンジンとイメージが必要: `sudo bash scripts/setup-docker.sh`)',
    },
  },
  concurrency: {
    type: 'string',
    value: 'N',
    help: {
      en: 'how many scenarios run at the same time (default: twice the cores, 2 to 4; also MTLS_SANDBOX_CONCURRENCY); the output is the same, in catalogue order. 1 runs them one after another',
      ja: '同時に実行するシナリオの数 (既定値: コア数の 2 倍、2〜4。MTLS_SANDBOX_CONCURRENCY でも指定可)。出力は同じでカタログ順。1 なら 1 つずつ順に実行する',
    },
  },
  pcap: {
    type: 'boolean',
    help: {
      en: "capture each probe's loopback traffic (dumpcap or tcpdump) with the TLS key log, into .sandbox/pcap/<scenario>/ (host runtime; `bash scripts/setup.sh --pcap` installs them)",
      ja: '各プローブのループバック通信を TLS 鍵ログとともにキャプチャし (dumpcap か tcpdump)、.sandbox/pcap/<scenario>/ に保存する (host ランタイムのみ。`bash scripts/setup.sh --pcap` で入る)',
    },
  },
  plain: {
    type: 'boolean',
    help: {
      en: "print as text, as when piped, instead of opening the terminal UI's lab",
      ja: '端末 UI のラボを開かず、パイプに出力するときと同じくテキストで表示する',
    },
  },
  predict: {
    type: 'boolean',
    help: {
      en: 'before each probe runs, predict what will happen (answers like 3a on stdin), then see; a score sheet at the end',
      ja: '各プローブの実行前に何が起きるかを予想し (標準入力に 3a のように答える)、そのあと結果を見る。最後に採点表を出す',
    },
  },
  predictions: {
    type: 'string',
    value: 'FILE',
    help: {
      en: 'the score sheet of a prediction run (run --predict, or e in the UI), as Markdown',
      ja: '予想の実行 (run --predict、または UI の e) の採点表を Markdown で出す',
    },
  },
  foreground: {
    type: 'boolean',
    help: {
      en: 'start: hold LocalStack in this terminal until Ctrl-C instead of in the background',
      ja: 'start: LocalStack をバックグラウンドではなくこの端末で動かし、Ctrl-C まで保持する',
    },
  },
  from: {
    type: 'string',
    value: 'ID',
    help: {
      en: 'start from a copy of scenario ID (see `mtls-sandbox list`) instead of the starter',
      ja: 'ひな形の代わりにシナリオ ID のコピーから始める (ID は `mtls-sandbox list` で確認)',
    },
  },
  dir: {
    type: 'string',
    value: 'DIR',
    help: {
      en: 'the folder to write <id> into (default: the current folder)',
      ja: '<id> を書き出すフォルダー (既定値: カレントフォルダー)',
    },
  },
  version: { type: 'boolean', short: 'V', help: { en: 'the version', ja: 'バージョン' } },
  help: {
    type: 'boolean',
    short: 'h',
    help: {
      en: "this help; after a command, that command's help (`mtls-sandbox run --help`)",
      ja: 'このヘルプ。コマンドの後ならそのコマンドのヘルプ (`mtls-sandbox run --help`)',
    },
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

/** Options every command accepts besides its own: the language, help and the version. */
export const COMMON_OPTIONS: readonly OptionName[] = ['lang', 'help', 'version'];

/** One way to call a command, as the usage summary lists it. */
export interface CommandForm {
  /** What follows `mtls-sandbox`: "run <id>... [--json]". */
  args: string;
  summary: Text;
}

export interface CommandSpec {
  /** The lines of the usage summary (`mtls-sandbox --help`) and the README. */
  forms: CommandForm[];
  /** The "Usage:" lines of the command's own help, after `mtls-sandbox`. */
  usage: string[];
  /** What the command does, in the command's own help (wrapped; \n starts a new line). */
  about: Text;
  /** The options it takes besides COMMON_OPTIONS, in the order a usage error names them. */
  options: OptionName[];
  /** Wording of an option for this command, where it differs from OPTIONS. */
  optionHelp?: Partial<Record<OptionName, Text>>;
  /** The placeholder of an option's value for this command ("DIR" for compose --out). */
  optionValue?: Partial<Record<OptionName, string>>;
}

/** The command run without a name: the terminal UI, or every scenario when piped. Not a word on the command line. */
export const DEFAULT_COMMAND: CommandSpec = {
  forms: [
    {
      args: '',
      summary: {
        en: 'on a terminal, the interactive UI (press ? for its keys); piped, every scenario in plain text',
        ja: '端末では対話型 UI (? でキー操作を表示)。パイプやリダイレクトでは全シナリオをテキストで',
      },
    },
  ],
  usage: ['[options]'],
  about: {
    en: 'On a terminal, the interactive UI; piped or redirected, every scenario in plain text.',
    ja: '端末では対話型 UI を開く。パイプやリダイレクトでは全シナリオをテキストで実行する。',
  },
  options: ['lang', 'localstack', 'deploy-all', 'runtime', 'scenarios'],
};

export const COMMANDS = {
  list: {
    forms: [
      {
        args: 'list [--json]',
        summary: {
          en: 'the scenarios, grouped by story (--json: with their listeners, where TLS ends and who checks)',
          ja: 'シナリオの一覧 (ストーリー別)。--json ではリスナー、TLS の終端、証明書を検証する者も',
        },
      },
    ],
    usage: ['list [--json]'],
    about: { en: 'The scenarios, grouped by story.', ja: 'シナリオの一覧をストーリー別に示す。' },
    options: ['json', 'lang', 'scenarios'],
    optionHelp: {
      json: {
        en: 'as JSON: id, title, summary, story, seeds, tags, origin, listeners, evidence counts, probes',
        ja: 'JSON で出力する: id、タイトル、概要、ストーリー、元記事、タグ、出所、リスナー、根拠の件数、プローブ',
      },
    },
  },
  run: {
    forms: [
      {
        args: 'run <id>... [--json]',
        summary: {
          en: "run scenarios and judge each probe against AWS's behaviour",
          ja: 'シナリオを実行し、各プローブを AWS の挙動と照合して判定する',
        },
      },
      { args: 'run --all [--json]', summary: { en: 'run every scenario', ja: 'すべてのシナリオを実行する' } },
      {
        args: 'run <id> --predict',
        summary: {
          en: 'predict each probe before it runs, then see; a score sheet at the end',
          ja: '各プローブの実行前に結果を予想してから見る。最後に採点表',
        },
      },
      {
        args: 'run --template FILE',
        summary: {
          en: "realize a CloudFormation template (JSON or YAML, e.g. cdk synth's) and probe every listener with and without certificates",
          ja: 'CloudFormation テンプレート (JSON か YAML。cdk synth の出力など) を再現し、すべてのリスナーを証明書あり・なしでプローブする',
        },
      },
    ],
    usage: ['run <id>... [options]', 'run --all [options]', 'run --template FILE [options]'],
    about: {
      en: "Runs scenarios and judges each probe against AWS's behaviour; a total line ends the output.",
      ja: 'シナリオを実行し、各プローブを AWS の挙動と照合して判定する。出力の最後の行が合計。',
    },
    options: [
      'all',
      'json',
      'lang',
      'localstack',
      'deploy-all',
      'runtime',
      'pcap',
      'concurrency',
      'scenarios',
      'template',
      'parameters',
      'predict',
    ],
    optionHelp: {
      template: {
        en: 'a CloudFormation template (JSON or YAML): its load balancers with echo targets, and the standard probes on every listener; judged where the sandbox predicts AWS, else recorded only (docs/templates.md)',
        ja: 'CloudFormation テンプレート (JSON か YAML): そのロードバランサーをエコーターゲット付きで再現し、すべてのリスナーに標準のプローブを送る。サンドボックスが AWS の挙動を予測できるものは判定し、それ以外は記録のみ (docs/templates.md)',
      },
    },
  },
  report: {
    forms: [
      {
        args: 'report <id>... [--format md|html|pdf] [--out FILE]',
        summary: {
          en: 'run scenarios and write a report to present: GitHub Markdown, one self-contained HTML page (to stdout without --out), or a PDF',
          ja: 'シナリオを実行し、説明に使えるレポートを書く: GitHub Markdown、単体で完結する HTML ページ (--out がなければ標準出力)、または PDF',
        },
      },
      {
        args: 'report --all [--format md|html|pdf] [--out FILE]',
        summary: { en: 'the same for every scenario', ja: 'すべてのシナリオについて同じことをする' },
      },
      {
        args: 'report --predictions FILE',
        summary: {
          en: 'the score sheet of a prediction run (run --predict, or e in the UI)',
          ja: '予想の実行 (run --predict、または UI の e) の採点表',
        },
      },
    ],
    usage: [
      'report <id>... [--format md|html|pdf] [--out FILE] [options]',
      'report --all [--format md|html|pdf] [--out FILE] [options]',
    ],
    about: {
      en: 'Runs scenarios and writes a report you can present: takeaways and an outcome matrix first, details folded.',
      ja: 'シナリオを実行し、そのまま説明に使えるレポートを書く。要点と結果の一覧表が先頭、詳細は折りたたむ。',
    },
    options: [
      'all',
      'format',
      'out',
      'lang',
      'localstack',
      'deploy-all',
      'runtime',
      'pcap',
      'concurrency',
      'scenarios',
      'predictions',
    ],
    optionHelp: {
      out: {
        en: 'write to FILE instead of stdout (a PDF needs --out)',
        ja: '標準出力ではなく FILE に書く (PDF には --out が必要)',
      },
      pcap: {
        en: "also capture each probe's traffic (see `mtls-sandbox run --help`)",
        ja: '各プローブの通信もキャプチャする (`mtls-sandbox run --help` を参照)',
      },
    },
  },
  up: {
    forms: [
      {
        args: 'up <id>',
        summary: {
          en: "keep a scenario's topology running to experiment by hand: on a terminal the UI's lab (console, events, challenges); piped or --plain, text (Ctrl-C stops it)",
          ja: 'シナリオの構成を動かしたままにし、手で試せるようにする。端末では UI のラボ (コンソール、イベント、チャレンジ)、パイプか --plain ではテキスト (Ctrl-C で停止)',
        },
      },
      {
        args: 'up --template FILE',
        summary: {
          en: 'the same for a CloudFormation template',
          ja: 'CloudFormation テンプレートについて同じことをする',
        },
      },
    ],
    usage: ['up <id> [options]', 'up --template FILE [options]'],
    about: {
      en: "Keeps a scenario's topology running to experiment by hand; Ctrl-C (or `mtls-sandbox down`) stops it.",
      ja: 'シナリオの構成を動かしたままにし、手で試せるようにする。Ctrl-C (または `mtls-sandbox down`) で停止する。',
    },
    options: ['lang', 'localstack', 'deploy-all', 'runtime', 'scenarios', 'template', 'parameters', 'plain'],
  },
  compose: {
    forms: [
      {
        args: 'compose <id> [--out DIR]',
        summary: {
          en: 'write the scenario as a compose project (default DIR: .sandbox/compose/<id>)',
          ja: 'シナリオを compose プロジェクトとして書き出す (DIR の既定値: .sandbox/compose/<id>)',
        },
      },
    ],
    usage: ['compose <id> [--out DIR] [options]'],
    about: {
      en: 'Writes the scenario as a self-contained Docker Compose project (default DIR: .sandbox/compose/<id>), with a README of the probe commands (docs/docker.md). Then, from that folder: `docker compose -f compose.yaml up -d --wait`',
      ja: 'シナリオを単体で完結する Docker Compose プロジェクトとして書き出す (DIR の既定値: .sandbox/compose/<id>)。プローブのコマンドを載せた README も付く (docs/docker.md)。その後、そのフォルダーで `docker compose -f compose.yaml up -d --wait` を実行する。',
    },
    options: ['out', 'lang', 'scenarios'],
    optionValue: { out: 'DIR' },
    optionHelp: {
      out: {
        en: "the project's folder (an earlier project there is rewritten; any other folder is refused)",
        ja: 'プロジェクトのフォルダー (以前のプロジェクトがあれば書き直す。それ以外のフォルダーは使わない)',
      },
    },
  },
  new: {
    forms: [
      {
        args: 'new <id> [--from ID] [--dir DIR]',
        summary: {
          en: 'write your own scenario into DIR/<id> (default ./<id>), outside the project; a copy of scenario ID with --from (docs/authoring.md)',
          ja: '自作シナリオを DIR/<id> (既定値 ./<id>) に書き出す (プロジェクトの外)。--from ならシナリオ ID のコピー (docs/authoring.md)',
        },
      },
    ],
    usage: ['new <id> [--from ID] [--dir DIR]'],
    about: {
      en: 'Writes your own scenario into DIR/<id> (default DIR: the current folder): stack.ts (the CDK stack), scenario.ts (probes, expectations with their evidence, the explanation) and a README on running and editing it. An existing folder that is not empty is refused. It prints the command that runs it (docs/authoring.md).',
      ja: '自作シナリオを DIR/<id> (DIR の既定値: カレントフォルダー) に書き出す: stack.ts (CDK スタック)、scenario.ts (プローブ、根拠付きの期待値、解説)、実行と編集の手順を書いた README。空でない既存のフォルダーには書き込まない。実行するためのコマンドを表示する (docs/authoring.md)。',
    },
    options: ['from', 'dir', 'scenarios'],
  },
  localstack: {
    forms: [
      {
        args: 'localstack start|stop|status',
        summary: {
          en: 'keep one LocalStack running across runs (--localstack auto uses it; docs/localstack.md)',
          ja: 'LocalStack を 1 つ起動したままにし、実行をまたいで使う (--localstack auto が使う。docs/localstack.md)',
        },
      },
    ],
    usage: ['localstack start [--foreground] | stop | status'],
    about: {
      en: 'Keeps one LocalStack (host mode, from .sandbox/localstack-venv) running on 127.0.0.1:4566 across runs, so runs do not start one each time; --localstack auto finds it. `down` stops it too. Exit status of status: 0 running, 1 not answering, 3 not running.',
      ja: 'LocalStack (ホストモード、.sandbox/localstack-venv) を 1 つ 127.0.0.1:4566 で起動したままにし、実行のたびに起動しなくて済むようにする。--localstack auto はこれを見つけて使う。`down` でも停止する。status の終了ステータス: 0 動作中、1 応答なし、3 停止中。',
    },
    options: ['foreground'],
  },
  certs: {
    forms: [
      {
        args: 'certs',
        summary: {
          en: 'where the certificates are, and the openssl commands that made them',
          ja: '証明書の場所と、それを作った openssl コマンド',
        },
      },
    ],
    usage: ['certs'],
    about: {
      en: "Where the sandbox's certificates are, and the openssl commands that made them.",
      ja: 'サンドボックスの証明書の場所と、それを作った openssl コマンドを示す。',
    },
    options: [],
  },
  down: {
    forms: [
      {
        args: 'down',
        summary: {
          en: 'stop every run of this state dir, and what a killed run left (kill -9)',
          ja: 'この状態ディレクトリーのすべての実行と、強制終了 (kill -9) した実行が残したものを止める',
        },
      },
    ],
    usage: ['down'],
    about: {
      en: 'Stops anything an earlier run left running (our processes and containers only).',
      ja: '以前の実行が動かしたままにしたものを止める (サンドボックス自身のプロセスとコンテナだけ)。',
    },
    options: [],
  },
  doctor: {
    forms: [
      {
        args: 'doctor [--json]',
        summary: {
          en: 'what is installed and running, which modes work, how to fix what is missing',
          ja: '何がインストール済みで何が動いているか、どのモードが使えるか、足りないものの直し方',
        },
      },
    ],
    usage: ['doctor [--json]'],
    about: {
      en: 'What is installed and running, which modes work, and how to fix what is missing.',
      ja: '何がインストール済みで何が動いているか、どのモードが使えるか、足りないものをどう直すかを示す。',
    },
    options: ['json'],
    optionHelp: { json: { en: 'as JSON', ja: 'JSON で出力する' } },
  },
  help: {
    forms: [],
    usage: ['help [command]'],
    about: { en: "The usage summary, or one command's help.", ja: '使い方の概要、またはコマンドのヘルプを示す。' },
    options: [],
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** The command names, in the order the usage lists them. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

/** The first line of `--help`, and the exit statuses at its end. */
export const PROGRAM: { about: Text; exit: Text } = {
  about: {
    en: 'mtls-sandbox — see how AWS load balancers treat client certificates, with real nginx, HAProxy, curl and openssl.',
    ja: 'mtls-sandbox — AWS のロードバランサーがクライアント証明書をどう扱うかを、本物の nginx・HAProxy・curl・openssl で確かめる。',
  },
  exit: {
    en: 'Exit status: 0 no expectation failed (a run that judged nothing says "nothing judged", never PASS), 1 an expectation failed, 2 a usage or set-up error, or one of your own scenarios broke (the others still run, and the summary lists it).',
    ja: '終了ステータス: 0 期待と異なる結果なし (何も判定しなかった実行は合格ではなく「判定したものなし」と表示)、1 期待と異なる結果あり、2 使い方または環境のエラー、または自作シナリオの破損 (ほかのシナリオは実行し、要約に載せる)。',
  },
};
