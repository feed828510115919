// What the command line itself says — usage errors, "did you mean", the outputs of down, new, localstack and report —
// in English and Japanese. Messages addressed to the user are polite in Japanese (です・ます). Pure.
import type { Lang } from '../../sandbox/text.js';

type Params = Record<string, string | number>;
type Say = (p: Params) => string;

const s = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

/** `mtls-sandbox` itself, or `` `run` ``: who an option error is about. */
const who = (p: Params, lang: Lang): string =>
  p.command
    ? `\`${s(p.command)}\``
    : lang === 'ja'
      ? 'コマンドなしの `mtls-sandbox`'
      : '`mtls-sandbox` without a command';

export const CLI_WORDS = {
  // "Did you mean …?": appended to an error that names a mistyped word.
  didYouMean: { en: (p) => ` Did you mean "${s(p.word)}"?`, ja: (p) => `もしかして「${s(p.word)}」ですか？` },

  // Prefixes of what goes to stderr.
  error: { en: (p) => `error: ${s(p.message)}`, ja: (p) => `エラー: ${s(p.message)}` },
  setUpError: { en: (p) => `Set-up error: ${s(p.message)}`, ja: (p) => `環境のエラー: ${s(p.message)}` },
  unexpectedError: { en: (p) => `Unexpected error: ${s(p.message)}`, ja: (p) => `予期しないエラー: ${s(p.message)}` },

  // Usage errors (args.ts)
  unknownCommand: {
    en: (p) => `Unknown command "${s(p.command)}".${s(p.suggestion)}`,
    ja: (p) => `「${s(p.command)}」というコマンドはありません。${s(p.suggestion)}`,
  },
  unknownOption: {
    en: (p) => `Unknown option ${s(p.option)}.${s(p.suggestion)}`,
    ja: (p) => `${s(p.option)} というオプションはありません。${s(p.suggestion)}`,
  },
  optionNeedsValue: {
    en: (p) => `${s(p.option)} needs a value, e.g. ${s(p.option)} ${s(p.example)}.`,
    ja: (p) => `${s(p.option)} には値が必要です (例: ${s(p.option)} ${s(p.example)})。`,
  },
  optionTakesNoValue: {
    en: (p) => `${s(p.option)} takes no value.`,
    ja: (p) => `${s(p.option)} は値を取りません。`,
  },
  takesNoOptions: {
    en: (p) => `${who(p, 'en')} takes no options (got ${s(p.options)}).`,
    ja: (p) => `${who(p, 'ja')} はオプションを受け付けません (指定: ${s(p.options)})。`,
  },
  doesNotTake: {
    en: (p) => `${who(p, 'en')} does not take ${s(p.options)}; it takes ${s(p.takes)}.`,
    ja: (p) => `${who(p, 'ja')} は ${s(p.options)} を受け付けません。受け付けるのは ${s(p.takes)} です。`,
  },
  takesNoArguments: {
    en: (p) => `\`${s(p.command)}\` takes no arguments (got ${s(p.args)}).`,
    ja: (p) => `\`${s(p.command)}\` は引数を取りません (指定: ${s(p.args)})。`,
  },
  langMust: {
    en: (p) => `--lang must be en or ja, not "${s(p.value)}".`,
    ja: (p) => `--lang は en か ja です (指定: "${s(p.value)}")。`,
  },
  formatMust: {
    en: (p) => `--format must be md, html or pdf, not "${s(p.value)}".${s(p.suggestion)}`,
    ja: (p) => `--format は md、html、pdf のいずれかです (指定: "${s(p.value)}")。${s(p.suggestion)}`,
  },
  localstackMust: {
    en: (p) => `--localstack must be auto, host, docker or off, not "${s(p.value)}".`,
    ja: (p) => `--localstack は auto、host、docker、off のいずれかです (指定: "${s(p.value)}")。`,
  },
  runtimeMust: {
    en: (p) => `--runtime must be host or docker, not "${s(p.value)}".`,
    ja: (p) => `--runtime は host か docker です (指定: "${s(p.value)}")。`,
  },
  concurrencyMust: {
    en: (p) =>
      `${s(p.how)} must be a whole number from 1 to 32, not "${s(p.value)}" (1 runs the scenarios one after another).`,
    ja: (p) => `${s(p.how)} は 1〜32 の整数です (指定: "${s(p.value)}")。1 ならシナリオを 1 つずつ順に実行します。`,
  },
  concurrencyBelongs: {
    en: () => '--concurrency belongs to `run` and `report`, e.g. `mtls-sandbox run --all --concurrency 1`.',
    ja: () => '--concurrency は `run` と `report` のオプションです (例: `mtls-sandbox run --all --concurrency 1`)。',
  },
  pcapBelongs: {
    en: () => '--pcap belongs to `run` and `report`, e.g. `mtls-sandbox run alb-mtls-verify-headers --pcap`.',
    ja: () => '--pcap は `run` と `report` のオプションです (例: `mtls-sandbox run alb-mtls-verify-headers --pcap`)。',
  },
  pcapDocker: {
    en: () =>
      '--pcap captures the loopback interface, which the containers of --runtime docker do not use: leave out --runtime docker.',
    ja: () =>
      '--pcap はループバックインターフェイスをキャプチャしますが、--runtime docker のコンテナはそこを通りません。--runtime docker を外してください。',
  },
  runtimeBelongs: {
    en: () => '--runtime belongs to `run`, `up`, `report` and the default command.',
    ja: () => '--runtime は `run`、`up`、`report` とコマンドなしの起動で使うオプションです。',
  },
  localstackBelongs: {
    en: () => '--localstack and --deploy-all belong to `run`, `up`, `report` and the default command.',
    ja: () => '--localstack と --deploy-all は `run`、`up`、`report` とコマンドなしの起動で使うオプションです。',
  },
  formatBelongs: {
    en: () => '--format belongs to `report`, e.g. `mtls-sandbox report --all --format html --out report.html`.',
    ja: () =>
      '--format は `report` のオプションです (例: `mtls-sandbox report --all --format html --out report.html`)。',
  },
  outBelongs: {
    en: () =>
      '--out belongs to `report` and `compose`, e.g. `mtls-sandbox report --all --out report.html` or `mtls-sandbox compose nlb-tcp-passthrough --out lesson-1`.',
    ja: () =>
      '--out は `report` と `compose` のオプションです (例: `mtls-sandbox report --all --out report.html`、`mtls-sandbox compose nlb-tcp-passthrough --out lesson-1`)。',
  },
  foregroundBelongs: {
    en: () => '--foreground belongs to `localstack start`.',
    ja: () => '--foreground は `localstack start` のオプションです。',
  },
  templateNeedsFile: {
    en: () => '--template needs a file, e.g. --template cdk.out/MyStack.template.json.',
    ja: () => '--template にはファイルを指定してください (例: --template cdk.out/MyStack.template.json)。',
  },
  scenariosNeedsFolder: {
    en: () => '--scenarios needs a folder, e.g. --scenarios ~/mtls-lab.',
    ja: () => '--scenarios にはフォルダーを指定してください (例: --scenarios ~/mtls-lab)。',
  },
  runOneOf: {
    en: () => 'Give scenario ids, --all or --template FILE: one of them.',
    ja: () => 'シナリオ ID、--all、--template FILE のどれか 1 つを指定してください。',
  },
  idsOrAll: {
    en: () => 'Give scenario ids or --all, not both.',
    ja: () => 'シナリオ ID と --all はどちらか一方だけを指定してください。',
  },
  whichScenarioRun: {
    en: () => 'Which scenario? Give an id (see `mtls-sandbox list`), --all or --template FILE.',
    ja: () =>
      'どのシナリオを実行しますか？ID (`mtls-sandbox list` で確認できます)、--all、--template FILE のどれかを指定してください。',
  },
  whichScenarioReport: {
    en: () => 'Which scenario? Give an id (see `mtls-sandbox list`) or --all.',
    ja: () => 'どのシナリオのレポートですか？ID (`mtls-sandbox list` で確認できます) か --all を指定してください。',
  },
  outNeedsFile: {
    en: () => '--out needs a file name, e.g. --out report.html.',
    ja: () => '--out にはファイル名を指定してください (例: --out report.html)。',
  },
  pdfNeedsOut: {
    en: () => 'A PDF needs a file: add --out, e.g. --out report.pdf.',
    ja: () => 'PDF はファイルに書き出します。--out を付けてください (例: --out report.pdf)。',
  },
  upIdOrTemplate: {
    en: () => 'Give `up` a scenario id or --template FILE, not both.',
    ja: () => '`up` にはシナリオ ID か --template FILE のどちらか一方を指定してください。',
  },
  upExactlyOne: {
    en: () => '`up` takes exactly one scenario id (e.g. `mtls-sandbox up nlb-tcp-passthrough`) or --template FILE.',
    ja: () =>
      '`up` にはシナリオ ID を 1 つだけ (例: `mtls-sandbox up nlb-tcp-passthrough`)、または --template FILE を指定してください。',
  },
  composeExactlyOne: {
    en: () =>
      '`compose` takes exactly one scenario id, e.g. `mtls-sandbox compose nlb-tcp-passthrough --out lesson-1`.',
    ja: () =>
      '`compose` にはシナリオ ID を 1 つだけ指定してください (例: `mtls-sandbox compose nlb-tcp-passthrough --out lesson-1`)。',
  },
  outNeedsFolder: {
    en: () => '--out needs a folder, e.g. --out lesson-1.',
    ja: () => '--out にはフォルダーを指定してください (例: --out lesson-1)。',
  },
  newExactlyOne: {
    en: () => '`new` takes exactly one scenario id, e.g. `mtls-sandbox new my-header-rule`.',
    ja: () => '`new` にはシナリオ ID を 1 つだけ指定してください (例: `mtls-sandbox new my-header-rule`)。',
  },
  newIdForm: {
    en: (p) => `A scenario id is lowercase words joined by hyphens (it is also the folder's name), not "${s(p.id)}".`,
    ja: (p) =>
      `シナリオ ID は小文字の英数字をハイフンでつないだものです (フォルダー名にもなります)。"${s(p.id)}" は使えません。`,
  },
  newIdTooLong: {
    en: (p) =>
      `A scenario id is at most ${s(p.max)} characters (it names the folder, the stack and its files); "${s(p.start)}…" has ${s(p.length)}. Choose a shorter one.`,
    ja: (p) =>
      `シナリオ ID は ${s(p.max)} 文字までです (フォルダー、スタック、そのファイルの名前になります)。"${s(p.start)}…" は ${s(p.length)} 文字あります。短い ID を選んでください。`,
  },
  parametersNeedTemplate: {
    en: () => '--parameters belongs with --template FILE, e.g. --template t.yaml --parameters Env=prod.',
    ja: () =>
      '--parameters は --template FILE と一緒に指定してください (例: --template t.yaml --parameters Env=prod)。',
  },
  parametersForm: {
    en: (p) =>
      `--parameters takes KEY=VALUE with the parameter's name as the template declares it (letters and digits), not "${s(p.pair)}".`,
    ja: (p) =>
      `--parameters には、テンプレートで宣言されたパラメーター名 (英数字) を使った KEY=VALUE を指定してください。"${s(p.pair)}" は使えません。`,
  },
  parametersTwice: {
    en: (p) => `--parameters gives ${s(p.key)} twice; give each once.`,
    ja: (p) => `--parameters で ${s(p.key)} が 2 回指定されています。それぞれ 1 回だけ指定してください。`,
  },
  deployAllNeedsPlain: {
    en: () => '--deploy-all is for up without the UI: add --plain (`mtls-sandbox up <id> --plain --deploy-all`).',
    ja: () =>
      '--deploy-all は UI なしの up で使います。--plain を付けてください (`mtls-sandbox up <id> --plain --deploy-all`)。',
  },
  predictOne: {
    en: () =>
      '--predict takes exactly one scenario id and no --json, e.g. `mtls-sandbox run alb-mtls-verify-headers --predict`.',
    ja: () =>
      '--predict にはシナリオ ID を 1 つだけ指定し、--json は付けないでください (例: `mtls-sandbox run alb-mtls-verify-headers --predict`)。',
  },
  predictionsNeedsFile: {
    en: () => '--predictions needs the file a prediction run wrote, e.g. .sandbox/predictions/….json.',
    ja: () => '--predictions には予想の実行が書いたファイルを指定してください (例: .sandbox/predictions/….json)。',
  },
  predictionsAlone: {
    en: () => "--predictions prints a prediction run's score sheet: give it alone, without scenario ids or --all.",
    ja: () =>
      '--predictions は予想の実行の採点表を出します。シナリオ ID や --all と一緒にせず、単独で指定してください。',
  },
  fromNeedsId: {
    en: () => '--from needs a scenario id (see `mtls-sandbox list`).',
    ja: () => '--from にはシナリオ ID を指定してください (`mtls-sandbox list` で確認できます)。',
  },
  dirNeedsFolder: {
    en: () => '--dir needs a folder, e.g. --dir ~/mtls-lab.',
    ja: () => '--dir にはフォルダーを指定してください (例: --dir ~/mtls-lab)。',
  },
  localstackNeedsAction: {
    en: () => '`localstack` needs an action: start, stop or status, e.g. `mtls-sandbox localstack start`.',
    ja: () =>
      '`localstack` には start、stop、status のどれかを指定してください (例: `mtls-sandbox localstack start`)。',
  },
  localstackUnknownAction: {
    en: (p) => `Unknown localstack action "${s(p.action)}": start, stop or status.${s(p.suggestion)}`,
    ja: (p) =>
      `localstack に「${s(p.action)}」という操作はありません。start、stop、status のどれかです。${s(p.suggestion)}`,
  },
  deployAllNoUi: {
    en: () => '--deploy-all is for runs without the UI: `mtls-sandbox run --all --deploy-all`.',
    ja: () => '--deploy-all は UI を使わない実行のためのオプションです: `mtls-sandbox run --all --deploy-all`',
  },

  // Errors main.ts words
  noScenario: {
    en: (p) => `There is no scenario "${s(p.id)}".${s(p.suggestion)} \`mtls-sandbox list\` shows them all.`,
    ja: (p) => `シナリオ「${s(p.id)}」はありません。${s(p.suggestion)}一覧は \`mtls-sandbox list\` で表示できます。`,
  },
  brokenScenario: {
    en: (p) => `Scenario ${s(p.id)} does not load: ${s(p.where)}: ${s(p.error)}`,
    ja: (p) => `シナリオ ${s(p.id)} を読み込めません: ${s(p.where)}: ${s(p.error)}`,
  },
  orphaned: {
    en: (p) => `The process that started mtls-sandbox (pid ${s(p.pid)}) is gone: stopping everything.`,
    ja: (p) => `mtls-sandbox を起動したプロセス (pid ${s(p.pid)}) が終了しました。すべてを停止します。`,
  },

  // `report`
  reportWritten: { en: (p) => `Report written to ${s(p.file)}`, ja: (p) => `レポートを ${s(p.file)} に書き出しました` },
  outFolderMissing: {
    en: (p) => `--out: the folder ${s(p.folder)} does not exist; create it or choose another path.`,
    ja: (p) => `--out: フォルダー ${s(p.folder)} がありません。作成するか、別のパスを指定してください。`,
  },
  outIsFolder: {
    en: (p) => `--out: ${s(p.file)} is a folder; give a file name, e.g. ${s(p.file)}/report.html.`,
    ja: (p) => `--out: ${s(p.file)} はフォルダーです。ファイル名を指定してください (例: ${s(p.file)}/report.html)。`,
  },
  predictionsUnreadable: {
    en: (p) =>
      `Cannot read ${s(p.file)} (${s(p.error)}); give the file a prediction run wrote (it prints its name; they are in .sandbox/predictions/).`,
    ja: (p) =>
      `${s(p.file)} を読めません (${s(p.error)})。予想の実行が書いたファイルを指定してください (実行時にファイル名を表示します。.sandbox/predictions/ にあります)。`,
  },
  predictionsNotSheet: {
    en: (p) => `${s(p.file)} is not a prediction run's sheet: ${s(p.error)}.`,
    ja: (p) => `${s(p.file)} は予想の実行の採点表ではありません: ${s(p.error)}。`,
  },
  pdfNeedsChromium: {
    en: () =>
      '--format pdf needs Chromium: install it with `apt-get install chromium` (or set MTLS_SANDBOX_CHROMIUM to its path).',
    ja: () =>
      '--format pdf には Chromium が必要です。`apt-get install chromium` でインストールしてください (または MTLS_SANDBOX_CHROMIUM にそのパスを設定します)。',
  },

  // `new`
  newFolderNotEmpty: {
    en: (p) =>
      `${s(p.folder)} already exists and is not empty; choose another id or --dir, or remove it first. Nothing was written.`,
    ja: (p) =>
      `${s(p.folder)} はすでにあり、空ではありません。別の ID か --dir を指定するか、先に削除してください。何も書き出していません。`,
  },
  newInsideProject: {
    en: (p) =>
      `${s(p.folder)} is inside the sandbox's project; your own scenarios live outside it (e.g. --dir ~/mtls-lab).`,
    ja: (p) =>
      `${s(p.folder)} はサンドボックスのプロジェクトの中です。自作シナリオはプロジェクトの外に置いてください (例: --dir ~/mtls-lab)。`,
  },
  newWrote: { en: (p) => `Wrote ${s(p.folder)}:`, ja: (p) => `${s(p.folder)} に書き出しました:` },
  newRunIt: { en: () => 'Run it:', ja: () => '実行するには:' },
  newEditIt: {
    en: () => 'Edit stack.ts (the CDK stack) and scenario.ts (probes, expectations, evidence); README.md says more.',
    ja: () =>
      'stack.ts (CDK スタック) と scenario.ts (プローブ、期待値、根拠) を編集してください。詳しくは README.md にあります。',
  },
  newEveryCommand: {
    en: () => 'Or, for every command:',
    ja: () => 'すべてのコマンドで使うには:',
  },

  // `down`
  downRemovedRecord: {
    en: (p) => `removed an unreadable record: ${s(p.file)}`,
    ja: (p) => `読めない記録を削除しました: ${s(p.file)}`,
  },
  downRun: {
    en: (p) =>
      `${p.how === 'killed' ? 'killed' : 'stopped'} run ${s(p.run)} (pid ${s(p.pid)}, \`${s(p.cmdline)}\`)${s(p.holds)}`,
    ja: (p) =>
      `実行 ${s(p.run)} を${p.how === 'killed' ? '強制終了' : '停止'}しました (pid ${s(p.pid)}、\`${s(p.cmdline)}\`)${s(p.holds)}`,
  },
  downStopped: {
    en: (p) => `stopped ${s(p.name)} (pid ${s(p.pid)})`,
    ja: (p) => `${s(p.name)} を停止しました (pid ${s(p.pid)})`,
  },
  downNotStopped: {
    en: (p) =>
      `not stopped: ${s(p.name)} (pid ${s(p.pid)}). Its record (${s(p.file)}, from an older mtls-sandbox) has no start time, so a process that reused the pid cannot be told from ours. If \`ps -o args= -p ${s(p.pid)}\` shows ${s(p.executable)} with this state dir, stop it with \`kill -- -${s(p.pid)}\`; then delete the record.`,
    ja: (p) =>
      `停止していません: ${s(p.name)} (pid ${s(p.pid)})。その記録 (${s(p.file)}、古い mtls-sandbox のもの) には起動時刻がないため、pid を再利用した別のプロセスと区別できません。\`ps -o args= -p ${s(p.pid)}\` がこの状態ディレクトリーの ${s(p.executable)} を示すなら \`kill -- -${s(p.pid)}\` で停止し、記録を削除してください。`,
  },
  downStillRunning: {
    en: (p) =>
      `could not stop ${s(p.name)} (pid ${s(p.pid)}): it is still there ${s(p.seconds)} s after SIGTERM and SIGKILL (a process stuck in the kernel: \`ps -o stat,args -p ${s(p.pid)}\` shows D). Its record (${s(p.file)}) is kept: run \`mtls-sandbox down\` again once it has exited.`,
    ja: (p) =>
      `${s(p.name)} (pid ${s(p.pid)}) を停止できませんでした: SIGTERM と SIGKILL の ${s(p.seconds)} 秒後もまだ残っています (カーネル内で止まっているプロセス: \`ps -o stat,args -p ${s(p.pid)}\` が D を示します)。記録 (${s(p.file)}) は残してあります: 終了したら \`mtls-sandbox down\` をもう一度実行してください。`,
  },
  downRemovedContainer: {
    en: (p) => `removed container ${s(p.name)} (${s(p.component)}, run ${s(p.run)})`,
    ja: (p) => `コンテナ ${s(p.name)} を削除しました (${s(p.component)}、実行 ${s(p.run)})`,
  },
  downNothing: {
    en: () => 'Nothing of ours was running.',
    ja: () => 'サンドボックスのものは何も動いていませんでした。',
  },
  downSummary: {
    en: (p) =>
      `Stopped ${[p.runs ? `${s(p.runs)} run(s)` : '', p.processes !== '' ? `${s(p.processes)} process(es)` : ''].filter(Boolean).join(' and ')}${Number(p.containers) > 0 ? ` and removed ${s(p.containers)} container(s)` : ''}.`,
    ja: (p) =>
      `${[p.runs ? `実行 ${s(p.runs)} 件` : '', p.processes !== '' ? `プロセス ${s(p.processes)} 個` : ''].filter(Boolean).join('と')}を停止しました${Number(p.containers) > 0 ? `。コンテナ ${s(p.containers)} 個を削除しました` : ''}。`,
  },

  // `localstack start|stop|status`
  keptAlready: {
    en: (p) => `A kept LocalStack already runs: ${s(p.endpoint)} (pid ${s(p.pid)}, since ${s(p.since)}).`,
    ja: (p) =>
      `起動したままの LocalStack がすでに動いています: ${s(p.endpoint)} (pid ${s(p.pid)}、${s(p.since)} から)。`,
  },
  keptStarted: {
    en: (p) =>
      `LocalStack ${s(p.version)} runs at ${s(p.endpoint)} (keeper pid ${s(p.pid)}); runs with --localstack auto use it.`,
    ja: (p) =>
      `LocalStack ${s(p.version)} が ${s(p.endpoint)} で動いています (保持プロセス pid ${s(p.pid)})。--localstack auto の実行はこれを使います。`,
  },
  keptStopHint: {
    en: () => 'Stop it with `mtls-sandbox localstack stop` (or `mtls-sandbox down`).',
    ja: () => '停止するには `mtls-sandbox localstack stop` (または `mtls-sandbox down`) を実行してください。',
  },
  keptNone: {
    en: () => 'No kept LocalStack runs. Start one with `mtls-sandbox localstack start`.',
    ja: () => '起動したままの LocalStack はありません。`mtls-sandbox localstack start` で起動できます。',
  },
  keptUnhealthy: {
    en: (p) => `The keeper (pid ${s(p.pid)}) runs, but LocalStack does not answer at ${s(p.endpoint)}.`,
    ja: (p) => `保持プロセス (pid ${s(p.pid)}) は動いていますが、LocalStack が ${s(p.endpoint)} で応答しません。`,
  },
  keptUnhealthyHint: {
    en: (p) => `See ${s(p.log)}; \`mtls-sandbox localstack stop\` stops it.`,
    ja: (p) => `${s(p.log)} を確認してください。\`mtls-sandbox localstack stop\` で停止できます。`,
  },
  keptRuns: {
    en: (p) => `LocalStack ${s(p.version)} runs at ${s(p.endpoint)} (keeper pid ${s(p.pid)}, since ${s(p.since)}).`,
    ja: (p) =>
      `LocalStack ${s(p.version)} が ${s(p.endpoint)} で動いています (保持プロセス pid ${s(p.pid)}、${s(p.since)} から)。`,
  },
  keptServices: {
    en: (p) => `Services: ${s(p.services)}. Log: ${s(p.log)}`,
    ja: (p) => `サービス: ${s(p.services)}。ログ: ${s(p.log)}`,
  },
  keptStopped: {
    en: (p) => `Stopped the kept LocalStack (keeper pid ${s(p.pid)}).`,
    ja: (p) => `起動したままの LocalStack を停止しました (保持プロセス pid ${s(p.pid)})。`,
  },
  keptNothingToStop: {
    en: () => 'No kept LocalStack was running.',
    ja: () => '起動したままの LocalStack はありませんでした。',
  },
  keptForeground: {
    en: (p) =>
      `LocalStack ${s(p.version)} runs at ${s(p.endpoint)}; Ctrl-C (or \`mtls-sandbox localstack stop\`) stops it.`,
    ja: (p) =>
      `LocalStack ${s(p.version)} が ${s(p.endpoint)} で動いています。Ctrl-C (または \`mtls-sandbox localstack stop\`) で停止します。`,
  },
} satisfies Record<string, { en: Say; ja: Say }>;

export type CliWord = keyof typeof CLI_WORDS;

/** A sentence of the command line, in a language. */
export function cliSay(key: CliWord, lang: Lang, params: Params = {}): string {
  return CLI_WORDS[key][lang](params);
}
