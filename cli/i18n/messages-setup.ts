// Set-up errors the command line shows (an engine error's `said`), in English and Japanese. The English is the
// error's own message; the Japanese is polite, as a message addressed to the user (です・ます). Pure.
import type { MessageTexts } from './message-texts.js';

type SetupCode = Extract<keyof MessageTexts, `setup.${string}`>;
type Texts = Pick<MessageTexts, SetupCode>;

const s = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export const SETUP_MESSAGES: Texts = {
  'setup.tool-missing': {
    en: (p) =>
      `${s(p.tool)} was not found on PATH or in ${s(p.dirs)}. Install it: ${s(p.hint)} — or run \`npm run setup\`, which installs what is missing.`,
    ja: (p) =>
      `${s(p.tool)} が PATH にも ${s(p.dirs)} にも見つかりません。インストールしてください: ${s(p.hint)} (または \`npm run setup\` で足りないものをまとめてインストールできます)。`,
  },
  'setup.template-missing': {
    en: (p) =>
      `--template ${s(p.file)}: there is no such file (${s(p.path)}). Give a template, e.g. cdk.out/MyStack.template.json after \`cdk synth\`.`,
    ja: (p) =>
      `--template ${s(p.file)}: そのファイルはありません (${s(p.path)})。テンプレートを指定してください (例: \`cdk synth\` 後の cdk.out/MyStack.template.json)。`,
  },
  'setup.template-unreadable': {
    en: (p) => `--template ${s(p.file)} is neither JSON nor YAML the sandbox can read: ${s(p.error)}`,
    ja: (p) => `--template ${s(p.file)} はサンドボックスが読める JSON でも YAML でもありません: ${s(p.error)}`,
  },
  'setup.template-not-cfn': {
    en: (p) =>
      `--template ${s(p.file)} is not a CloudFormation template: it needs a Resources section whose entries each have a Type.`,
    ja: (p) =>
      `--template ${s(p.file)} は CloudFormation テンプレートではありません。各エントリーに Type を持つ Resources セクションが必要です。`,
  },
  'setup.scenarios-not-folder': {
    en: (p) =>
      `${s(p.how)} names ${s(p.folder)}, which is not a folder. Make one with \`mtls-sandbox new <id> --dir ${s(p.dir)}\`, or fix the path.`,
    ja: (p) =>
      `${s(p.how)} が指す ${s(p.folder)} はフォルダーではありません。\`mtls-sandbox new <id> --dir ${s(p.dir)}\` で作るか、パスを直してください。`,
  },
  'setup.compose-needs-localstack': {
    en: (p) =>
      `${s(p.scenario)} needs LocalStack: the sandbox deploys its stack there and reads what the targets need from it while the topology starts, which a compose project cannot do. Run it with \`mtls-sandbox up ${s(p.scenario)} --runtime docker\` instead.`,
    ja: (p) =>
      `${s(p.scenario)} には LocalStack が必要です。サンドボックスは構成の起動中にスタックをそこへデプロイし、ターゲットが必要とするものを読み出しますが、compose プロジェクトにはそれができません。代わりに \`mtls-sandbox up ${s(p.scenario)} --runtime docker\` で実行してください。`,
  },
  'setup.compose-own-process': {
    en: (p) =>
      `${s(p.scenario)} has Route 53 records or CloudFront distributions, which the sandbox serves from its own process (their health checks and answers change during the run), not as containers. Run it with \`mtls-sandbox up ${s(p.scenario)} --runtime docker\` instead.`,
    ja: (p) =>
      `${s(p.scenario)} には Route 53 のレコードか CloudFront ディストリビューションがあり、サンドボックスはそれをコンテナではなく自分のプロセスで提供します (ヘルスチェックと応答が実行中に変わるため)。代わりに \`mtls-sandbox up ${s(p.scenario)} --runtime docker\` で実行してください。`,
  },
  'setup.compose-cannot-use': {
    en: (p) => `Cannot use ${s(p.dir)} for the compose project: ${s(p.error)}`,
    ja: (p) => `${s(p.dir)} は compose プロジェクトに使えません: ${s(p.error)}`,
  },
  'setup.compose-not-ours': {
    en: (p) =>
      `${s(p.dir)} is not empty and holds no compose project of mtls-sandbox; give --out a new or empty folder.`,
    ja: (p) =>
      `${s(p.dir)} は空ではなく、mtls-sandbox の compose プロジェクトでもありません。--out には新しいフォルダーか空のフォルダーを指定してください。`,
  },
  'setup.compose-cannot-rewrite': {
    en: (p) =>
      `Cannot rewrite ${s(p.dir)}: ${s(p.error)}. Its containers wrote files there as root; bring it down (\`docker compose -f ${s(p.file)} down\`) and remove it (\`sudo rm -rf ${s(p.dir)}\`).`,
    ja: (p) =>
      `${s(p.dir)} を書き直せません: ${s(p.error)}。コンテナが root 権限でファイルを書いています。停止して (\`docker compose -f ${s(p.file)} down\`) から削除してください (\`sudo rm -rf ${s(p.dir)}\`)。`,
  },
  'setup.component-exited': {
    en: (p) => `${s(p.name)} (${s(p.tool)}) exited while starting. Its log (${s(p.log)}) ends with:\n    ${s(p.tail)}`,
    ja: (p) => `${s(p.name)} (${s(p.tool)}) が起動中に終了しました。ログ (${s(p.log)}) の末尾:\n    ${s(p.tail)}`,
  },
  'setup.component-timeout': {
    en: (p) =>
      `${s(p.name)} (${s(p.tool)}) did not accept connections on ${s(p.where)} within ${s(p.seconds)} s. See ${s(p.log)}.`,
    ja: (p) =>
      `${s(p.name)} (${s(p.tool)}) が ${s(p.seconds)} 秒以内に ${s(p.where)} で接続を受け付けませんでした。${s(p.log)} を確認してください。`,
  },
};
