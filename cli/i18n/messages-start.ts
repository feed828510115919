// What the command line says when a component cannot start or its port is taken (the `said` of StartError and
// PortInUseError), in English and Japanese. The English is the error's own message;
// the Japanese is polite, as a message addressed to the user (です・ます). Pure.
import type { Lang } from '../../sandbox/text.js';
import type { MessageTexts, Params } from './message-texts.js';

type StartCode = Extract<keyof MessageTexts, `start.${string}` | `port.${string}` | `sheet.${string}`>;
type Texts = Pick<MessageTexts, StartCode>;

const s = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** "web-1 (nginx)", "web-1 (container mtls-web-1)" / 「web-1 (コンテナ mtls-web-1)」. */
function component(p: Params, lang: Lang): string {
  if (p.container)
    return `${s(p.name)} (${lang === 'ja' ? 'コンテナ' : 'container'} ${s(p.container)}${p.image ? `, ${s(p.image)}` : ''})`;
  return p.tool ? `${s(p.name)} (${s(p.tool)})` : s(p.name);
}

/** A log's last lines, indented under the sentence. */
const tail = (p: Params): string => `\n    ${s(p.tail) || '(nothing)'}`;
/** The emulator a container runs, as the docker driver names it ("ALB emulator"), in Japanese. */
const EMULATORS_JA: Record<string, string> = {
  'ALB emulator': 'ALB エミュレーター',
  'NLB TLS listener emulator': 'NLB TLS リスナーのエミュレーター',
};
const whatJa = (p: Params) => EMULATORS_JA[s(p.what)] ?? s(p.what);
const check = (p: Params) => `\`ss -ltnp 'sport = :${s(p.port)}'\``;

export const START_MESSAGES: Texts = {
  // Who holds a port (sandbox/runtime/port-holder.ts), and what to do about it.
  'port.who-unseen': { en: () => 'a process this user cannot see', ja: () => 'このユーザーからは見えないプロセス' },
  'port.who-self': { en: () => 'this mtls-sandbox process itself', ja: () => 'この mtls-sandbox のプロセス自身' },
  'port.who-run': {
    en: (p) =>
      `another mtls-sandbox run that is still running (pid ${s(p.pid)}: \`${s(p.cmdline)}\`, since ${s(p.since)})`,
    ja: (p) => `まだ動いている別の mtls-sandbox の実行 (pid ${s(p.pid)}: \`${s(p.cmdline)}\`、${s(p.since)} から)`,
  },
  'port.who-component-live': {
    en: (p) => `${s(p.name)} of another mtls-sandbox run that is still running (pid ${s(p.pid)})`,
    ja: (p) => `まだ動いている別の mtls-sandbox の実行の ${s(p.name)} (pid ${s(p.pid)})`,
  },
  'port.who-component-left': {
    en: (p) => `${s(p.name)} (pid ${s(p.pid)}), left behind by an earlier mtls-sandbox run that was killed`,
    ja: (p) => `強制終了された以前の mtls-sandbox の実行が残した ${s(p.name)} (pid ${s(p.pid)})`,
  },
  'port.who-other': {
    en: (p) => `${s(p.described)}, which is not the sandbox's`,
    ja: (p) => `サンドボックスのものではない ${s(p.described)}`,
  },
  'port.advice-stop': {
    en: (p) => `Stop it (${check(p)} shows it), then try again.`,
    ja: (p) => `それを止めてから (${check(p)} で確認できます)、もう一度実行してください。`,
  },
  'port.advice-retry': { en: () => 'Try again.', ja: () => 'もう一度実行してください。' },
  'port.advice-run': {
    en: () => 'It keeps the port while it runs: let it finish (or stop it where it was started), then try again.',
    ja: () =>
      'その実行は動いている間ポートを使い続けます。終わるのを待つか、起動した場所で止めてから、もう一度実行してください。',
  },
  'port.advice-run-component': {
    en: () => 'It keeps the port while that run lasts: let it finish, then try again.',
    ja: () => 'その実行が続く間はポートを使い続けます。終わるのを待ってから、もう一度実行してください。',
  },
  'port.advice-down': {
    en: () => 'Run `mtls-sandbox down` to stop what that run left behind, then try again.',
    ja: () => '`mtls-sandbox down` でその実行が残したものを止めてから、もう一度実行してください。',
  },
  'port.advice-other': {
    en: (p) => `Stop it (${check(p)} shows it) or leave it be, then try again.`,
    ja: (p) => `それを止めるか (${check(p)} で確認できます) そのままにして、もう一度実行してください。`,
  },
  // A component and its port: parts are [who holds it, what to do].
  'start.port-held': {
    en: (p, _i, parts) => {
      const [who, advice] = parts('en');
      return `${component(p, 'en')} could not listen on ${s(p.where)}: the port is held by ${who}. ${advice}${p.tail ? tail(p) : ''}`;
    },
    ja: (p, _i, parts) => {
      const [who, advice] = parts('ja');
      return `${component(p, 'ja')} は ${s(p.where)} で待ち受けできませんでした。そのポートは ${who} が使っています。${advice}${p.tail ? tail(p) : ''}`;
    },
  },
  'start.port-answered': {
    en: (p, _i, parts) => {
      const [who, advice] = parts('en');
      return `${component(p, 'en')} was given ${s(p.where)}, but another listener answers there: ${who}. ${advice}`;
    },
    ja: (p, _i, parts) => {
      const [who, advice] = parts('ja');
      return `${component(p, 'ja')} に ${s(p.where)} を割り当てましたが、そこでは別のリスナーが応答しています: ${who}。${advice}`;
    },
  },
  'start.ports-tried': {
    en: (p, inner) => `${inner('en')} (${s(p.attempts)} ports tried, each taken before it could be used)`,
    ja: (p, inner) => `${inner('ja')} (ポートを ${s(p.attempts)} 個試しましたが、どれも使う前にほかに取られました)`,
  },
  'start.cannot-start': {
    en: (p) => `${s(p.name)}: ${s(p.executable)} could not be started.`,
    ja: (p) => `${s(p.name)}: ${s(p.executable)} を起動できませんでした。`,
  },
  // The docker runtime (sandbox/runtime/docker).
  'start.docker-missing': {
    en: (p) =>
      `--runtime docker needs a Docker engine, and none answers at ${s(p.where)}. Start one and make the images: \`${s(p.command)}\` (as root it installs docker.io, starts \`dockerd --iptables=false --bridge=none\` and builds the images), or \`sudo systemctl start docker\`; or use --runtime host.`,
    ja: (p) =>
      `--runtime docker には Docker エンジンが必要ですが、${s(p.where)} で応答するものがありません。起動してイメージを作ってください: \`${s(p.command)}\` (root で実行すると docker.io をインストールし、\`dockerd --iptables=false --bridge=none\` を起動してイメージをビルドします)。または \`sudo systemctl start docker\` で起動するか、--runtime host を使ってください。`,
  },
  'start.image-missing': {
    en: (p) =>
      `Image ${s(p.image)} is not on this machine and could not be pulled (${s(p.pulled)}). Build local stand-ins from Debian packages: \`${s(p.command)}\`.`,
    ja: (p) =>
      `イメージ ${s(p.image)} はこのマシンになく、取得 (pull) もできませんでした (${s(p.pulled)})。Debian パッケージからローカルの代役をビルドしてください: \`${s(p.command)}\``,
  },
  'start.container-failed': {
    en: (p) => `${s(p.name)}: the container (${s(p.image)}) could not be started: ${s(p.error)}`,
    ja: (p) => `${s(p.name)}: コンテナ (${s(p.image)}) を起動できませんでした: ${s(p.error)}`,
  },
  'start.container-exited': {
    en: (p) => `${component(p, 'en')} exited while starting. Its log (${s(p.log)}) ends with:${tail(p)}`,
    ja: (p) => `${component(p, 'ja')} が起動中に終了しました。ログ (${s(p.log)}) の末尾:${tail(p)}`,
  },
  'start.container-timeout': {
    en: (p) =>
      `${component(p, 'en')} did not accept connections on ${s(p.where)} within ${s(p.seconds)} s. Its log ends with:${tail(p)}`,
    ja: (p) =>
      `${component(p, 'ja')} が ${s(p.seconds)} 秒以内に ${s(p.where)} で接続を受け付けませんでした。ログの末尾:${tail(p)}`,
  },
  'start.health-exited': {
    en: (p) =>
      `${s(p.name)} (${s(p.what)} container) exited before its first health checks. Its log (${s(p.log)}) ends with:${tail(p)}`,
    ja: (p) =>
      `${s(p.name)} (${whatJa(p)} のコンテナ) が最初のヘルスチェックの前に終了しました。ログ (${s(p.log)}) の末尾:${tail(p)}`,
  },
  'start.health-timeout': {
    en: (p) =>
      `${s(p.name)} (${s(p.what)} container) did not finish its first health checks within 60 s. See ${s(p.log)}.`,
    ja: (p) =>
      `${s(p.name)} (${whatJa(p)} のコンテナ) が 60 秒以内に最初のヘルスチェックを終えませんでした。${s(p.log)} を確認してください。`,
  },
  // LocalStack (sandbox/localstack).
  'start.ls-docker-missing': {
    en: (p) =>
      `--localstack docker needs a Docker engine, and none answers at ${s(p.where)}. Start one and make the image: \`${s(p.command)}\`; or use --localstack host.`,
    ja: (p) =>
      `--localstack docker には Docker エンジンが必要ですが、${s(p.where)} で応答するものがありません。起動してイメージを作るか (\`${s(p.command)}\`)、--localstack host を使ってください。`,
  },
  'start.ls-standin-no-venv': {
    en: (p) =>
      `${s(p.image)} here is the local stand-in, which runs the host's LocalStack venv, and none is installed (${s(p.venv)}). Install it with \`${s(p.command)}\`, or pull the official image on a machine with a registry.`,
    ja: (p) =>
      `ここの ${s(p.image)} はホストの LocalStack の venv を動かすローカルの代役ですが、venv がインストールされていません (${s(p.venv)})。\`${s(p.command)}\` でインストールするか、レジストリーに届くマシンで公式イメージを取得してください。`,
  },
  'start.ls-container-failed': {
    en: (p) => `LocalStack container (${s(p.image)}) could not be started: ${s(p.error)}`,
    ja: (p) => `LocalStack のコンテナ (${s(p.image)}) を起動できませんでした: ${s(p.error)}`,
  },
  'start.ls-container-unhealthy': {
    en: (p) =>
      `LocalStack container ${s(p.container)} (${s(p.image)}, ${s(p.kind)}) ${p.exited ? 'exited while starting' : `did not report healthy SSM, S3 and CloudFormation within ${s(p.seconds)} s`}. Its log (${s(p.log)}) ends with:${tail(p)}`,
    ja: (p) =>
      `LocalStack のコンテナ ${s(p.container)} (${s(p.image)}、${s(p.kind)}) が${p.exited ? '起動中に終了しました' : ` ${s(p.seconds)} 秒以内に SSM・S3・CloudFormation の正常を報告しませんでした`}。ログ (${s(p.log)}) の末尾:${tail(p)}`,
  },
  'start.ls-not-installed': {
    en: (p) =>
      `LocalStack is not installed for host mode (no finished install in ${s(p.venv)}). Install it with \`${s(p.command)}\` (about 330 MB; needs Python 3.12+), or run with --localstack off.`,
    ja: (p) =>
      `ホストモード用の LocalStack がインストールされていません (${s(p.venv)} に完了したインストールがありません)。\`${s(p.command)}\` でインストールするか (約 330 MB、Python 3.12 以上が必要)、--localstack off で実行してください。`,
  },
  'start.ls-unhealthy': {
    en: (p) =>
      `LocalStack did not report healthy SSM, S3 and CloudFormation within ${s(p.seconds)} s. Its log (${s(p.log)}) ends with:${tail(p)}`,
    ja: (p) =>
      `LocalStack が ${s(p.seconds)} 秒以内に SSM・S3・CloudFormation の正常を報告しませんでした。ログ (${s(p.log)}) の末尾:${tail(p)}`,
  },
  'start.ls-hint-components': {
    en: (p) =>
      `LocalStack could not load its components: usually a dependency too new for 2026.3.0. See the real error with \`${s(p.python)} -c "import localstack.aws.components"\`, and reinstall with \`${s(p.command)} --force\` (it pins dependencies to their 2026-03-24 versions).`,
    ja: (p) =>
      `LocalStack がコンポーネントを読み込めませんでした。たいていは 2026.3.0 には新しすぎる依存パッケージが原因です。本当のエラーは \`${s(p.python)} -c "import localstack.aws.components"\` で確認でき、\`${s(p.command)} --force\` で再インストールできます (依存パッケージを 2026-03-24 の版に固定します)。`,
  },
  'start.ls-hint-python': {
    en: (p) =>
      `The venv's Python is too old for LocalStack 2026.3.0 (it needs 3.12+). Reinstall with \`${s(p.command)} --force\`.`,
    ja: (p) =>
      `venv の Python が LocalStack 2026.3.0 には古すぎます (3.12 以上が必要)。\`${s(p.command)} --force\` で再インストールしてください。`,
  },
  'start.with-hint': {
    en: (_p, inner, parts) => [inner('en'), ...parts('en')].join('\n  '),
    ja: (_p, inner, parts) => [inner('ja'), ...parts('ja')].join('\n  '),
  },
  'start.kept-not-loopback': {
    en: (p) =>
      `Runs look for LocalStack at ${s(p.origin)} (AWS_ENDPOINT_URL or LOCALSTACK_HOST), which is not this machine's loopback: a kept LocalStack listens on 127.0.0.1 only. Unset it, or point it at 127.0.0.1.`,
    ja: (p) =>
      `実行は LocalStack を ${s(p.origin)} (AWS_ENDPOINT_URL か LOCALSTACK_HOST) に探しますが、これはこのマシンのループバックではありません。起動したままの LocalStack は 127.0.0.1 でしか待ち受けません。設定を外すか、127.0.0.1 を指すようにしてください。`,
  },
  'start.kept-running': {
    en: (p) =>
      `A kept LocalStack already runs (pid ${s(p.pid)}, ${s(p.endpoint)}): \`mtls-sandbox localstack stop\` first.`,
    ja: (p) =>
      `起動したままの LocalStack がすでに動いています (pid ${s(p.pid)}、${s(p.endpoint)})。先に \`mtls-sandbox localstack stop\` で止めてください。`,
  },
  'start.kept-other': {
    en: (p) =>
      `A LocalStack that is not the sandbox's answers on 127.0.0.1:${s(p.port)} already; runs use it as it is (--localstack auto). Stop it where it was started to keep one of ours.`,
    ja: (p) =>
      `サンドボックスのものではない LocalStack が 127.0.0.1:${s(p.port)} ですでに応答しています。実行はそれをそのまま使います (--localstack auto)。サンドボックスの LocalStack を起動したままにするには、それを起動した場所で止めてください。`,
  },
  'start.keeper-exited': {
    en: (p) =>
      `The LocalStack keeper exited (status ${s(p.status)}) before LocalStack was healthy. Its log (${s(p.log)}) ends with:${tail(p)}`,
    ja: (p) =>
      `LocalStack が正常になる前に、LocalStack を起動したままにするプロセスが終了しました (終了ステータス ${s(p.status)})。ログ (${s(p.log)}) の末尾:${tail(p)}`,
  },
  'start.kept-timeout': {
    en: (p) => `LocalStack was not healthy within ${s(p.seconds)} s; the keeper was stopped. See ${s(p.log)}.`,
    ja: (p) =>
      `LocalStack が ${s(p.seconds)} 秒以内に正常になりませんでした。起動したままにするプロセスは止めました。${s(p.log)} を確認してください。`,
  },
  // A file given to `report --predictions` that is not a prediction run's sheet (sandbox/lab/prediction.ts).
  'sheet.not-a-sheet': {
    en: () => 'it is not a prediction sheet (kind "mtls-sandbox-predictions", version 1)',
    ja: () => '予想の採点表 (kind "mtls-sandbox-predictions"、version 1) ではありません',
  },
  'sheet.answer-incomplete': {
    en: () => 'one of its answers has no probe or no actual outcome',
    ja: () => '回答の 1 つにプローブか実際の結果がありません',
  },
  // The state directory (sandbox/runtime/state-dir.ts).
  'start.state-is-file': {
    en: (p) => `The state directory ${s(p.dir)} is a file, not a folder. ${stateFix(p, 'en')}`,
    ja: (p) => `状態ディレクトリー ${s(p.dir)} はフォルダーではなくファイルです。${stateFix(p, 'ja')}`,
  },
  'start.state-folder-is-file': {
    en: (p) =>
      `${s(p.path)} is a file where the sandbox keeps its "${s(p.name)}" folder. Remove or rename that file. ${stateFix(p, 'en')}`,
    ja: (p) =>
      `${s(p.path)} は、サンドボックスが "${s(p.name)}" フォルダーを置く場所にあるファイルです。そのファイルを削除するか名前を変えてください。${stateFix(p, 'ja')}`,
  },
  'start.state-refused': {
    en: (p) =>
      `The sandbox cannot write its state at ${s(p.where)}: ${REFUSALS[s(p.code)]?.en ?? s(p.code)} (${s(p.code)}). ${stateFix(p, 'en')}`,
    ja: (p) =>
      `サンドボックスは ${s(p.where)} に状態を書き込めません: ${REFUSALS[s(p.code)]?.ja ?? s(p.code)} (${s(p.code)})。${stateFix(p, 'ja')}`,
  },
};

/** Why each refusal of the file system happens, in words (as sandbox/runtime/state-dir.ts says them). */
const REFUSALS: Record<string, { en: string; ja: string }> = {
  EACCES: { en: 'this user may not write there (permissions)', ja: 'このユーザーにはそこへの書き込み権限がありません' },
  EPERM: {
    en: 'the system does not allow writing there (read-only or immutable)',
    ja: 'システムがそこへの書き込みを許しません (読み取り専用か変更不可)',
  },
  EROFS: { en: 'it is on a read-only file system', ja: '読み取り専用のファイルシステムにあります' },
  ENOTDIR: {
    en: 'a file stands where a folder of that path should be',
    ja: 'そのパスのフォルダーがあるべき場所にファイルがあります',
  },
  EEXIST: { en: 'a file stands where a folder should be', ja: 'フォルダーがあるべき場所にファイルがあります' },
  EISDIR: { en: 'a folder stands where a file should be', ja: 'ファイルがあるべき場所にフォルダーがあります' },
  ENAMETOOLONG: { en: 'the path is too long for the file system', ja: 'パスがファイルシステムには長すぎます' },
  ENOSPC: { en: 'the disk is full', ja: 'ディスクがいっぱいです' },
  EDQUOT: { en: 'the disk quota is used up', ja: 'ディスクのクォータを使い切っています' },
};

const stateFix = (p: Params, lang: Lang): string =>
  lang === 'ja'
    ? `パスを直すか、MTLS_SANDBOX_STATE をこのユーザーが書き込めるフォルダーに向けてください (例: MTLS_SANDBOX_STATE=$HOME/.mtls-sandbox)。現在の状態ディレクトリーは ${s(p.dir)} です。`
    : `Fix that path, or point MTLS_SANDBOX_STATE at a folder this user can write (e.g. MTLS_SANDBOX_STATE=$HOME/.mtls-sandbox); the state directory now is ${s(p.dir)}.`;
