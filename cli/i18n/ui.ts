// Every fixed string a renderer shows — terminal UI, plain output, Markdown and HTML report — in English and
// Japanese, with {placeholders}. Scenario texts carry their own translations (pick()); the engine's messages are in
// messages.ts, handshake steps in steps.ts.
import type { Lang, Text } from '../../sandbox/text.js';
import { term } from './glossary.js';
import { PRESENTATION } from './ui-presentation.js';
import { LAB_UI } from './ui-lab.js';

const UI = {
  ...PRESENTATION,
  langName: { en: 'English', ja: '日本語' },

  // Browser
  scenarios: { en: 'Scenarios', ja: 'シナリオ' },
  topology: { en: 'Topology', ja: '構成図' },
  probes: { en: 'Probes', ja: 'プローブ' },
  seeds: { en: 'seeds', ja: term('seed') },
  compiling: { en: 'compiling the CDK stack…', ja: 'CDK スタックをコンパイル中…' },
  topologyWaiting: {
    en: 'the diagram appears when the stack is compiled',
    ja: 'スタックのコンパイル後に構成図を表示します',
  },
  topologyFailed: { en: 'could not compile the stack: {error}', ja: 'スタックをコンパイルできません: {error}' },
  client: { en: 'client (curl, with or without a certificate)', ja: 'クライアント (curl、証明書あり/なし)' },
  listener: { en: 'listener {protocol}:{port}', ja: 'リスナー {protocol}:{port}' },
  tlsEndsAt: { en: 'TLS ends at: {where}', ja: 'TLS の終端: {where}' },
  whereTarget: { en: 'the target (passthrough)', ja: 'ターゲット (パススルー)' },
  whereLb: { en: 'the load balancer', ja: 'ロードバランサー' },
  whereNowhere: { en: 'nowhere (plain HTTP)', ja: 'なし (平文 HTTP)' },
  verifiedBy: { en: 'client verified by: {who}', ja: 'クライアント検証: {who}' },
  mutualTls: { en: 'mutual TLS: {mode}', ja: '相互 TLS: {mode}' },
  toTargets: {
    en: 'to the targets: a new {protocol} connection (the client certificate stays here)',
    ja: 'ターゲットへ: 新しい {protocol} 接続 (クライアント証明書はここで止まる)',
  },
  identityFilters: { en: 'identity filters: {filters}', ja: 'ID フィルター: {filters}' },
  identityFiltersNone: {
    en: 'identity filters: none (every trusted certificate passes)',
    ja: 'ID フィルター: なし (信頼された証明書はすべて通る)',
  },
  noTargets: { en: '(no targets)', ja: '(ターゲットなし)' },
  addressesLive: { en: 'local addresses: running now', ja: 'ローカルアドレス: 実行中' },
  addressesLast: {
    en: 'local addresses: from the last run (stopped)',
    ja: 'ローカルアドレス: 前回の実行時 (停止済み)',
  },

  // Run view
  queued: { en: 'queued', ja: '待機中' },
  running: { en: 'running', ja: '実行中' },
  components: { en: 'Components', ja: 'コンポーネント' },
  starting: { en: 'starting', ja: '起動中' },
  failed: { en: 'failed', ja: '失敗' },
  runFailed: { en: 'The run stopped: {error}', ja: '実行が中断しました: {error}' },
  pass: { en: 'PASS', ja: '合格' },
  fail: { en: 'FAIL', ja: '不合格' },
  skipped: { en: 'SKIPPED', ja: 'スキップ' },
  explanation: { en: 'What to notice', ja: '注目点' },
  distribution: { en: 'Requests per target', ja: 'ターゲットごとのリクエスト数' },
  emulationNotes: { en: 'Where the emulation differs from AWS:', ja: 'エミュレーションが AWS と異なる点:' },
  command: { en: 'Command', ja: 'コマンド' },
  handshake: { en: 'Handshake', ja: 'ハンドシェイク' },
  decisiveLegend: { en: '▸ marks the lines that decide the outcome', ja: '▸ は結果を決める行' },
  response: { en: 'Response', ja: 'レスポンス' },
  noResponse: { en: 'no HTTP response: {error}', ja: 'HTTP レスポンスなし: {error}' },
  targetReceived: { en: 'What the target received', ja: 'ターゲットが受け取ったもの' },
  noTarget: { en: 'no target received the request', ja: 'どのターゲットにもリクエストは届いていない' },
  remoteAddress: { en: 'remote address', ja: '送信元アドレス' },
  headers: { en: 'headers', ja: 'ヘッダー' },
  connectionLog: { en: 'Connection log', ja: '接続ログ' },
  verdict: { en: 'Verdict', ja: '判定' },
  matches: { en: "matches AWS's behaviour", ja: 'AWS の挙動と一致' },
  differs: { en: "does not match AWS's behaviour", ja: 'AWS の挙動と不一致' },
  reference: { en: 'reference', ja: '根拠' },
  probeRunning: { en: 'running…', ja: '実行中…' },
  probeWaiting: { en: 'not run yet', ja: '未実行' },
  notRunYet: { en: 'Not run yet: press Enter to run it.', ja: 'まだ実行していません: Enter で実行します。' },
  noTlsSession: { en: 'no TLS session', ja: 'TLS セッションなし' },
  requestCert: { en: 'Request CERT', ja: '証明書要求' },
  certSent: { en: 'cert sent', ja: '証明書送信' },
  yes: { en: 'yes', ja: 'あり' },
  no: { en: 'no', ja: 'なし' },

  // What happened to the client (report.ts OutcomeCode): the headline word, then who and what
  outcomeAllowed: { en: 'ALLOWED', ja: '通過' },
  outcomeRefused: { en: 'REFUSED', ja: '拒否' },
  outcomeAnswered: { en: 'ANSWERED', ja: 'ロードバランサーが応答' },
  outcomeRedirected: { en: 'REDIRECTED', ja: 'リダイレクト' },
  outcomeBlocked: { en: 'BLOCKED', ja: 'ブロック' },
  outcomeLbError: { en: 'ERROR', ja: 'エラー' },
  outcomeReset: { en: 'RESET', ja: 'リセット' },
  outcomeAlert: { en: 'ALERT', ja: term('alertRefusal') },
  outcomeTlsFailed: { en: 'NO TLS', ja: 'TLS 失敗' },
  outcomeConnRefused: { en: 'NO CONNECTION', ja: '接続拒否' },
  outcomeTimeout: { en: 'TIMEOUT', ja: 'タイムアウト' },
  outcomeNoAnswer: { en: 'NO ANSWER', ja: '応答なし' },
  outcomeSkipped: { en: 'SKIPPED', ja: 'スキップ' },
  headlineAllowed: { en: '{word} — {status} from {who}', ja: '{word} — {who} が {status} を返した' },
  headlineAllowedNoTarget: { en: '{word} — {status}', ja: '{word} — {status}' },
  headlineRefused: { en: '{word} by {who} — {status} {fact}', ja: '{who} が{word} — {status} {fact}' },
  headlineRefusedNoFact: { en: '{word} by {who} — {status}', ja: '{who} が{word} — {status}' },
  headlineAnswered: {
    en: '{word} by the load balancer — fixed response "{fact}"',
    ja: '{word} — 固定レスポンス「{fact}」',
  },
  headlineAnsweredNoBody: {
    en: '{word} by the load balancer — fixed response {status}',
    ja: '{word} — 固定レスポンス {status}',
  },
  headlineRedirected: { en: '{word} by the load balancer — {status} to {fact}', ja: '{word} — {status} で {fact} へ' },
  headlineBlocked: {
    en: '{word} by AWS WAF — {status} (rule {fact})',
    ja: 'AWS WAF が{word} — {status} (ルール {fact})',
  },
  headlineLbError: {
    en: '{word} from the load balancer — {status} {fact}',
    ja: 'ロードバランサーが{word}を返した — {status} {fact}',
  },
  headlineResetHandshake: { en: '{word} during the handshake', ja: 'ハンドシェイク中に{word}' },
  headlineReset: { en: '{word} after the handshake', ja: 'ハンドシェイク後に{word}' },
  headlineAlert: {
    en: '{word} — the server aborted the handshake: {fact}',
    ja: '{word} — サーバーがハンドシェイクを中断: {fact}',
  },
  shortAllowed: { en: '{word} · {status} from {who}', ja: '{word} · {who} が {status}' },
  shortStatus: { en: '{word} · {status}', ja: '{word} · {status}' },
  shortStatusFact: { en: '{word} · {status} {fact}', ja: '{word} · {status} {fact}' },
  shortAnswered: { en: '{word} · "{fact}"', ja: '{word} · 「{fact}」' },
  shortBlocked: { en: '{word} · {status} by AWS WAF', ja: '{word} · AWS WAF が {status}' },
  factRuleShort: { en: 'rule {priority}', ja: 'ルール {priority}' },
  factDefaultRuleShort: { en: 'default action', ja: 'デフォルトアクション' },
  factRule: { en: 'rule {priority} matched ({conditions})', ja: 'ルール {priority} に一致 ({conditions})' },
  factDefaultRule: {
    en: 'no rule matched ({checked} checked): default action',
    ja: 'どのルールにも一致せず ({checked} 件を評価): デフォルトアクション',
  },
  factTargetSaw: { en: '{target} saw {headers}', ja: '{target} が受け取った {headers}' },
  factAbsent: { en: '(absent)', ja: '(なし)' },
  fidelityMatches: { en: 'matches AWS · {level}', ja: 'AWS と一致 · {level}' },
  fidelityStandIn: {
    en: "routing as AWS · {level} · the answer is a stand-in's",
    ja: 'ルーティングは AWS どおり · {level} · 応答は代役のもの',
  },
  verdictStandIn: {
    en: "the load balancer's part (which rule, which target group) matches AWS's behaviour ({level}); the answer came from a stand-in target, so it says nothing about AWS",
    ja: 'ロードバランサーの部分 (どのルール、どのターゲットグループ) は AWS の挙動と一致 ({level})。応答は代役のターゲットのもので、AWS については何も示さない',
  },
  fidelityDiffers: { en: 'DIFFERS from AWS · {level}', ja: 'AWS と不一致 · {level}' },
  fidelityAssumed: {
    en: 'as the sandbox assumes · AWS is silent',
    ja: `サンドボックスの${term('assumed')}どおり · AWS のドキュメントに記載なし`,
  },

  // Sequence diagrams
  seqClient: { en: 'client', ja: 'クライアント' },
  seqLb: { en: 'load balancer', ja: 'ロードバランサー' },
  seqLbPassthrough: { en: 'load balancer (TCP)', ja: 'ロードバランサー (TCP)' },
  seqTarget: { en: 'target', ja: 'ターゲット' },
  sequence: { en: 'Sequence', ja: 'シーケンス' },
  outcomeHeading: { en: 'What happened', ja: '何が起きたか' },
  configHeading: { en: 'The configuration that decides this', ja: 'この結果を決める設定' },
  probeTopology: { en: 'The topology', ja: '構成' },
  probeSequence: { en: 'Probe {index}/{total}: the sequence', ja: 'プローブ {index}/{total}: シーケンス' },
  probeConfig: {
    en: 'Probe {index}/{total}: the configuration that decides this',
    ja: 'プローブ {index}/{total}: この結果を決める設定',
  },
  probeOutcome: { en: 'Probe {index}/{total}: what happened', ja: 'プローブ {index}/{total}: 何が起きたか' },

  // Compare
  compareProbes: { en: 'Compare probes', ja: 'プローブの比較' },
  compareScenarios: { en: 'Compare scenarios', ja: 'シナリオの比較' },
  compareHint: {
    en: '←/→ choose on the active side ({side}), Enter runs the pair ·',
    ja: '←/→ でアクティブ側 ({side}) を変更、Enter で 2 つを実行 ·',
  },
  left: { en: 'left', ja: '左' },
  right: { en: 'right', ja: '右' },
  onlyHere: { en: '(not in this handshake)', ja: '(このハンドシェイクにはない)' },
  needsRun: { en: 'runs when you open the comparison…', ja: '比較を開くと実行します…' },

  // Presenter
  presenter: { en: 'Presenter', ja: 'プレゼンター' },
  presenterStep: { en: 'step {index}/{total}', ja: 'ステップ {index}/{total}' },
  presenterWaiting: { en: 'waiting for the sandbox…', ja: 'サンドボックスを待っています…' },
  componentUp: { en: 'Component up', ja: 'コンポーネント起動' },
  probeCommand: { en: 'Probe {index}/{total}: the command', ja: 'プローブ {index}/{total}: コマンド' },
  probeHandshake: { en: 'Probe {index}/{total}: the handshake', ja: 'プローブ {index}/{total}: ハンドシェイク' },
  probeVerdict: { en: 'Probe {index}/{total}: the verdict', ja: 'プローブ {index}/{total}: 判定' },

  // Transcript
  transcript: { en: 'Transcript', ja: 'トランスクリプト' },
  copyCommand: { en: 'Command (copy and run it by hand):', ja: 'コマンド (コピーして手で実行できます):' },
  matchCount: { en: 'match {index}/{total} for "{query}"', ja: '"{query}" の一致 {index}/{total}' },
  noMatch: { en: 'no match for "{query}"', ja: '"{query}" は見つかりません' },
  lines: { en: 'lines {from}-{to} of {total}', ja: '{total} 行中 {from}-{to} 行' },
  noTranscript: {
    en: 'Select a probe that has run to see its transcript.',
    ja: '実行済みのプローブを選ぶとトランスクリプトを表示します。',
  },

  // Help and keys
  help: { en: 'Keys', ja: 'キー操作' },
  helpClose: { en: 'any key closes this help', ja: '何かキーを押すと閉じます' },
  quitting: { en: 'Stopping every component…', ja: 'すべてのコンポーネントを停止しています…' },
  keyMove: { en: 'move', ja: '移動' },
  keyRun: { en: 'run', ja: '実行' },
  keyPane: { en: 'pane', ja: 'ペイン' },
  keyCompare: { en: 'compare', ja: '比較' },
  keyPresenter: { en: 'presenter', ja: 'プレゼン' },
  keyTranscript: { en: 'transcript', ja: term('transcript') },
  keyRerun: { en: 're-run', ja: '再実行' },
  keyLang: { en: '日本語', ja: 'English' },
  keyHelp: { en: 'help', ja: 'ヘルプ' },
  keyQuit: { en: 'quit', ja: '終了' },
  keyBack: { en: 'back', ja: '戻る' },
  keySide: { en: 'side', ja: '左右' },
  keyChoose: { en: 'choose', ja: '選択' },
  keyScroll: { en: 'scroll', ja: 'スクロール' },
  keySearch: { en: 'search', ja: '検索' },
  keyNext: { en: 'next', ja: '次' },
  keyPrevious: { en: 'previous', ja: '前' },
  keyMode: { en: 'probes/scenarios', ja: 'プローブ/シナリオ' },
  keyPage: { en: 'page', ja: 'ページ' },
  keyRunBoth: { en: 'run both', ja: '両方実行' },
  keyPreset: { en: 'preset', ja: 'プリセット' },

  helpArrows: {
    en: 'move the selection; in a focused detail pane, scroll',
    ja: '選択を移動 (詳細ペインにフォーカス時はスクロール)',
  },
  helpEnter: { en: 'run the selected scenario', ja: '選択したシナリオを実行' },
  helpTab: {
    en: 'switch pane (list ↔ detail; left ↔ right in compare)',
    ja: 'ペイン切替 (一覧 ↔ 詳細、比較では左 ↔ 右)',
  },
  helpCompare: {
    en: 'compare two probes, or two scenarios (from the list)',
    ja: '2 つのプローブ、または 2 つのシナリオ (一覧から) を比較',
  },
  helpPresenter: { en: 'presenter mode: one step per keypress', ja: 'プレゼンターモード: キーを押すごとに 1 ステップ' },
  helpTranscript: {
    en: 'the full curl -v transcript of the selected probe',
    ja: '選択したプローブのトランスクリプト (curl -v の出力すべて)',
  },
  helpSearch: {
    en: 'in the transcript: / search, n / N next / previous match',
    ja: 'トランスクリプト: / で検索、n / N で次 / 前の一致',
  },
  helpPage: { en: 'scroll a page', ja: '1 ページスクロール' },
  helpRerun: { en: 're-run the scenario', ja: 'シナリオを再実行' },
  helpLang: { en: 'switch English / 日本語', ja: 'English / 日本語 切替' },
  helpBack: { en: 'back to the previous view', ja: '前の画面に戻る' },
  helpQuit: {
    en: 'quit (stops every component first; Ctrl-C too)',
    ja: '終了 (先にすべてのコンポーネントを停止。Ctrl-C も同じ)',
  },
  helpHelp: { en: 'this help', ja: 'このヘルプ' },

  // The user's own scenarios (--scenarios) in list and the browser
  ownBadge: { en: '[yours]', ja: '[自作]' },
  brokenHeading: {
    en: 'Your scenarios that do not load (fix the file at the line shown, then list again):',
    ja: '読み込めなかった自作シナリオ (表示された行を直してから、もう一度 list を実行してください):',
  },

  brokenLeftOut: {
    en: 'left out: your scenario {id} does not load: {where}: {error}',
    ja: '除外しました: 自作シナリオ {id} を読み込めません: {where}: {error}',
  },
  brokenReported: {
    en: 'broken: your scenario {id} (the others run): {where}: {error}',
    ja: '破損: 自作シナリオ {id} (他のシナリオは実行する): {where}: {error}',
  },
  templateNotRealized: {
    en: 'not realized here ({count}), with why:',
    ja: 'ここでは再現しないもの ({count} 件) と理由:',
  },
  templateAllRealized: { en: 'everything in the template is realized.', ja: 'テンプレートのすべてを再現しました。' },

  // Launch (non-TTY)
  notATerminal: {
    en: 'For the interactive UI, run mtls-sandbox in a terminal.',
    ja: '対話型 UI を使うには、端末で mtls-sandbox を実行してください。',
  },

  // Report: what to present first
  takeawaysHeading: { en: 'Takeaways', ja: '要点' },
  matrixHeading: { en: 'What each client got, at each front door', ja: '各クライアントが各入口で得た結果' },
  matrixLegend: {
    en: '● allowed · ■ refused or blocked · ✕ reset or cut · ◆ the load balancer answered itself · ✗ differs from AWS. Each cell links to its probe.',
    ja: '● 通過 · ■ 拒否・ブロック · ✕ リセット・切断 · ◆ ロードバランサー自身が応答 · ✗ AWS と不一致。各セルはプローブへのリンク。',
  },
  matrixClient: { en: 'Client (certificate)', ja: 'クライアント (証明書)' },
  matrixDoor: { en: 'Front door', ja: '入口' },
  matrixNoCertificate: { en: 'no certificate', ja: '証明書なし' },
  matrixWithHeader: { en: '+ forged header', ja: '+ 偽ヘッダー' },
  skippedWord: { en: 'skipped', ja: 'スキップ' },
  sequenceLabel: {
    en: 'Sequence of {probe}: client, load balancer and target',
    ja: '{probe} のシーケンス: クライアント、ロードバランサー、ターゲット',
  },
  captureLabel: { en: 'Packet capture', ja: 'パケットキャプチャ' },
  charactersCount: { en: '{n} characters', ja: '{n} 文字' },
  copyButton: { en: 'Copy', ja: 'コピー' },

  // Report (Markdown and HTML)
  reportTitle: { en: 'mTLS sandbox report', ja: 'mTLS サンドボックス レポート' },
  reportIntro: {
    en: 'Each scenario below was run locally with real nginx, HAProxy, curl and openssl; every probe is judged against how AWS load balancers behave.',
    ja: '以下の各シナリオは、本物の nginx・HAProxy・curl・openssl を使ってローカルで実行したものです。各プローブは AWS のロードバランサーの挙動と照合して判定しています。',
  },
  generated: { en: 'Generated', ja: '作成日時' },
  summary: { en: 'Summary', ja: '概要' },
  scenario: { en: 'Scenario', ja: 'シナリオ' },
  title: { en: 'Title', ja: 'タイトル' },
  probesPassed: { en: 'Probes passed', ja: '合格したプローブ' },
  duration: { en: 'Duration', ja: '所要時間' },
  result: { en: 'Result', ja: '結果' },
  reportPass: { en: 'PASS', ja: '合格' },
  reportFail: { en: 'FAIL', ja: '不合格' },
  reportSkipped: { en: 'SKIPPED', ja: 'スキップ' },
  name: { en: 'Name', ja: '名前' },
  kind: { en: 'Kind', ja: '種類' },
  version: { en: 'Version', ja: 'バージョン' },
  address: { en: 'Address', ja: 'アドレス' },
  role: { en: 'Role', ja: '役割' },
  noProbes: { en: 'No probes ran.', ja: 'プローブは実行されていません。' },
  skippedBecause: { en: 'Skipped:', ja: 'スキップ:' },
  clientLabel: { en: 'Client', ja: 'クライアント' },
  clientWithCertificate: {
    en: 'certificate {certificate}, from {source}',
    ja: '証明書 {certificate}、送信元 {source}',
  },
  clientWithoutCertificate: { en: 'no certificate, from {source}', ja: '証明書なし、送信元 {source}' },
  handshakeLegend: {
    en: '→ sent by the client, ← received from the server; decisive steps are marked ◆ and in bold.',
    ja: '→ はクライアントが送信、← はサーバーから受信。結果を決めたステップは ◆ と太字で示す。',
  },
  noSteps: { en: 'curl printed no handshake steps.', ja: 'curl はハンドシェイクのステップを出力していません。' },
  noResponseShort: { en: 'no HTTP response', ja: 'HTTP 応答なし' },
  targetHeading: { en: 'What the target received', ja: 'ターゲットが受け取ったもの' },
  noTargetSentence: { en: 'No target received the request.', ja: 'リクエストを受け取ったターゲットはありません。' },
  targetName: { en: 'Target', ja: 'ターゲット' },
  remoteAddressLabel: { en: 'Remote address', ja: term('sourceAddress') },
  header: { en: 'Header', ja: 'ヘッダー' },
  value: { en: 'Value', ja: '値' },
  noHeaders: { en: 'No request headers recorded.', ja: '記録されたリクエストヘッダーはありません。' },
  recorded: { en: 'Recorded by the target', ja: 'ターゲットの記録' },
  lbConnectionLog: { en: 'Load balancer connection log', ja: 'ロードバランサーの接続ログ' },
  referenceLabel: { en: 'Reference', ja: '根拠' },
  mismatches: { en: 'Why it failed', ja: '不合格の理由' },
  skippedProbe: { en: 'Not run on this machine', ja: 'このマシンでは実行していない' },
  distributionHeading: { en: 'Where the requests landed', ja: 'リクエストの行き先' },
  transcriptLines: { en: 'Full transcript ({n} lines)', ja: 'トランスクリプト全文 ({n} 行)' },
  explanationHeading: { en: 'Explanation', ja: '解説' },
  emulationNotesHeading: { en: 'Where the emulation differs from AWS', ja: 'エミュレーションが AWS と異なる点' },
  notRealized: { en: 'Resources not realized ({n})', ja: '再現していないリソース ({n})' },
  resource: { en: 'Resource', ja: 'リソース' },
  type: { en: 'Type', ja: 'タイプ' },
  reason: { en: 'Reason', ja: '理由' },
  diagramClient: { en: 'Client', ja: 'クライアント' },
  diagramClientTools: { en: 'curl / openssl', ja: 'curl / openssl' },
  listenerWord: { en: 'listener', ja: 'リスナー' },
  tlsEndsAtLabel: { en: 'TLS ends at', ja: 'TLS の終端' },
  tlsEndsTarget: { en: 'the target', ja: 'ターゲット' },
  tlsEndsLb: { en: 'the load balancer', ja: 'ロードバランサー' },
  tlsEndsNowhere: { en: 'nowhere (no TLS)', ja: 'なし (TLS なし)' },
  tlsEndsHere: { en: 'TLS ends here', ja: 'TLS はここで終端' },
  verifiedByLabel: { en: 'client certificate checked by', ja: 'クライアント証明書の検証' },
  passthroughLabel: { en: 'TLS passes through', ja: 'TLS をパススルー' },
  newConnectionLabel: { en: 'a new {protocol} connection', ja: '新しい {protocol} 接続' },
  noTargetsWord: { en: 'no targets', ja: 'ターゲットなし' },
  diagramLabel: {
    en: 'Topology of {scenario}: client, load balancer and targets',
    ja: '{scenario} の構成: クライアント、ロードバランサー、ターゲット',
  },
  seconds: { en: '{seconds} s', ja: '{seconds} 秒' },

  // Who checks the client certificate (report.ts VerifierCode)
  verifierNginx: { en: 'nginx (ssl_verify_client on)', ja: 'nginx (ssl_verify_client on)' },
  verifierTarget: { en: 'the target', ja: 'ターゲット' },
  verifierAlb: { en: 'the ALB (trust store)', ja: 'ALB (トラストストア)' },
  verifierAlbPassthrough: {
    en: 'the target (the ALB passes the certificate on unverified)',
    ja: 'ターゲット (ALB は証明書を検証せずに渡す)',
  },
  verifierNlb: {
    en: 'the NLB (trust store, identity filters)',
    ja: 'NLB (トラストストア、ID フィルター)',
  },
  verifierNobody: { en: 'nobody', ja: '誰も検証しない' },
  verifierCloudFront: {
    en: 'CloudFront (trust store, then its connection function)',
    ja: 'CloudFront (トラストストア、次に接続関数)',
  },
  verifierCloudFrontPassthrough: {
    en: 'nobody at CloudFront: the origin, from Client-Cert',
    ja: 'CloudFront では誰も検証しない: Client-Cert を受け取るオリジン',
  },

  // "What the target learns" (report.ts IdentityTable)
  identityHeading: { en: 'What the target learns, at each front door', ja: '各入口でターゲットが知ること' },
  identityLegend: {
    en: 'One client certificate through each front door: the identity fields its target received (request headers, or its own TLS session), how each is written, and what became of an identity header the client wrote itself.',
    ja: '1 枚のクライアント証明書で各入口を通ったとき、ターゲットが受け取った ID の項目 (リクエストヘッダー、またはターゲット自身の TLS セッション)、各値の形式、そしてクライアントが自分で書いた ID ヘッダーがどうなったか。',
  },
  identityDoor: { en: 'Front door', ja: '入口' },
  identityVerifiedBy: { en: 'Checked by', ja: '検証するのは' },
  identityLearns: { en: 'What the target learns', ja: 'ターゲットが知ること' },
  identityForgery: { en: 'A forged identity header', ja: '偽の ID ヘッダー' },
  identityNothing: { en: 'nothing of the certificate', ja: '証明書の情報はない' },
  identityNoTarget: { en: 'no request reached the target', ja: 'リクエストはターゲットに届かない' },
  identityHeaderField: { en: 'header {name}', ja: 'ヘッダー {name}' },
  identityTlsField: { en: 'its TLS session: {name}', ja: '自身の TLS セッション: {name}' },
  forgeryAsSent: {
    en: '✗ forgeable: {header} arrived as the client wrote it',
    ja: '✗ 偽造できる: {header} はクライアントが書いたまま届いた',
  },
  forgeryReplaced: {
    en: '✓ replaced: {header} carried the front door’s value',
    ja: '✓ 置き換え: {header} は入口の値だった',
  },
  forgeryDropped: {
    en: '✓ dropped: {header} did not reach the target',
    ja: '✓ 破棄: {header} はターゲットに届かなかった',
  },
  forgeryNoTarget: { en: 'no request reached the target', ja: 'リクエストはターゲットに届かない' },
  forgeryNone: { en: 'not probed', ja: '確かめていない' },
  formatDnRfc2253: { en: 'RFC 2253 DN', ja: 'RFC 2253 の DN' },
  formatHexUpper: { en: 'uppercase hex', ja: '大文字 16 進' },
  formatHexColonLower: { en: 'lowercase hex, colon-separated', ja: 'コロン区切りの小文字 16 進' },
  formatHexLower: { en: 'lowercase hex', ja: '小文字 16 進' },
  formatPemUrlEncoded: { en: 'URL-encoded PEM', ja: 'URL エンコードした PEM' },
  formatValidity: { en: 'NotBefore=…;NotAfter=…', ja: 'NotBefore=…;NotAfter=…' },
  formatVerifyResult: { en: 'verification result', ja: '検証結果' },
  formatTlsVersion: { en: 'TLS version (OpenSSL name)', ja: 'TLS バージョン (OpenSSL の表記)' },
  formatCipher: { en: 'cipher suite (OpenSSL name)', ja: '暗号スイート (OpenSSL の表記)' },
  formatTlsGroup: {
    en: 'key exchange group (IANA TLS Supported Groups name)',
    ja: '鍵交換グループ (IANA TLS Supported Groups の名前)',
  },
  formatSfBinary: { en: 'structured-field bytes (:base64:)', ja: '構造化フィールドのバイト列 (:base64:)' },
  formatText: { en: 'text', ja: 'テキスト' },

  // Distribution probes and AWS WAF lines
  requestsPerTarget: {
    en: 'requests per target — {total} requests from {sources}:',
    ja: 'ターゲットごとのリクエスト数 — {sources} から {total} 件:',
  },
  requestsPerTargetOne: {
    en: 'requests per target — 1 request from {sources}:',
    ja: 'ターゲットごとのリクエスト数 — {sources} から 1 件:',
  },
  clientsPinned: {
    en: 'clients on one target: {pinned}/{clients} · stickiness cookie: {cookie}',
    ja: '1 台のターゲットに固定されたクライアント: {pinned}/{clients} · スティッキー Cookie: {cookie}',
  },
  cookieNone: { en: 'none set', ja: 'なし' },
  cookieSet: { en: '{names} set for {count}/{clients}', ja: '{names} を {count}/{clients} に設定' },
  sourcesRange: { en: '{first}–{last} ({count} clients)', ja: '{first}–{last} ({count} クライアント)' },
  sourcesOne: {
    en: '{first} ({count} clients behind one address)',
    ja: '{first} (1 つのアドレスの背後に {count} クライアント)',
  },
  wafNone: { en: 'waf: no web ACL saw this request', ja: 'waf: どのウェブ ACL もこのリクエストを見ていない' },
  wafNoneLogged: {
    en: 'waf: no web ACL saw this request — the target logged "{request}"',
    ja: 'waf: どのウェブ ACL もこのリクエストを見ていない — ターゲットの記録 "{request}"',
  },
  wafDecided: { en: 'waf: {action} by {rule}{match}', ja: 'waf: {rule} により {action}{match}' },
  wafMatch: { en: ' ({condition} in {location}: {data})', ja: ' ({location} の {condition}: {data})' },

  // Verdicts by evidence level (sandbox/evidence.ts): an assumption is never "matches AWS"
  verdictDocumented: {
    en: "matches AWS's behaviour, as AWS documents",
    ja: `AWS の挙動と一致 (${term('documented')})`,
  },
  verdictObserved: {
    en: "matches AWS's behaviour, as observed in {seeds}",
    ja: 'AWS の挙動と一致 ({seeds} で観測)',
  },
  verdictAssumed: {
    en: 'sandbox assumption (AWS does not document this)',
    ja: `サンドボックスの${term('assumed')} (AWS のドキュメントに記載なし)`,
  },
  verdictDiffersDocumented: {
    en: "does not match AWS's behaviour, as AWS documents it",
    ja: `AWS の挙動と不一致 (${term('documented')})`,
  },
  verdictDiffersObserved: {
    en: "does not match AWS's behaviour, as observed in {seeds}",
    ja: 'AWS の挙動と不一致 ({seeds} で観測)',
  },
  verdictDiffersAssumed: {
    en: "does not match the sandbox's assumption (AWS does not document this)",
    ja: `サンドボックスの${term('assumed')}と不一致 (AWS のドキュメントに記載なし)`,
  },
  verdictSkipped: { en: 'not run on this machine', ja: 'このマシンでは実行していない' },
  levelDocumented: { en: 'documented', ja: term('documented') },
  levelObserved: { en: 'observed', ja: term('observed') },
  levelAssumed: { en: 'assumed', ja: term('assumed') },
  seedName: { en: 'seed {seed}', ja: `${term('seed')} {seed}` },
  evidenceCounts: {
    en: '{documented} documented · {observed} observed · {assumed} assumed',
    ja: `${term('documented')} {documented} · ${term('observed')} {observed} · ${term('assumed')} {assumed}`,
  },
  evidenceColumn: { en: 'Evidence', ja: '根拠' },
  assumptionLabel: { en: 'why the sandbox assumes this', ja: `サンドボックスがこう${term('assumed')}する理由` },
  targetEcho: { en: 'echo target', ja: 'エコーターゲット' },
  upRunning: { en: 'Running. Try it by hand:', ja: '起動しました。手で試せるコマンド:' },
  upHandshake: {
    en: '# {listener}: the raw handshake, including which CA names the server asks for:',
    ja: '# {listener}: 生のハンドシェイク (サーバーが要求する CA 名も表示):',
  },
  upHandshakeNlb: {
    en: '# {listener}, an NLB TLS listener: the raw handshake and one request (under TLS 1.3 a refusal alert comes after the handshake; -ign_eof waits for it):',
    ja: '# {listener} (NLB の TLS リスナー): 生のハンドシェイクとリクエスト 1 つ (TLS 1.3 では拒否のアラートはハンドシェイクの後に届く。-ign_eof でそれを待つ):',
  },
  upElbv2Api: {
    en: '# The ELBv2 API of this sandbox: the AWS CLI and SDKs change the running load balancer at once (docs/elbv2-api.md). In another shell:',
    ja: '# このサンドボックスの ELBv2 API: AWS CLI や SDK で動作中のロードバランサーを即座に変更できる (docs/elbv2-api.md)。別のシェルで:',
  },
  upElbv2Arn: { en: '# {what} {name}: {arn}', ja: '# {what} {name}: {arn}' },
  upElbv2Try: { en: '# for example:', ja: '# 例:' },
  upElbv2Objects: {
    en: '# CRLs and CA bundles (LocalStack off): s3://BUCKET/KEY is read from {dir}/BUCKET/KEY only (docs/elbv2-api.md#objects)',
    ja: '# CRL と CA バンドル (LocalStack なし): s3://BUCKET/KEY は {dir}/BUCKET/KEY からのみ読む (docs/elbv2-api.md#objects)',
  },
  upElbv2Cli: {
    en: "# the AWS CLI in the project's Python environment",
    ja: '# プロジェクトの Python 環境にある AWS CLI',
  },
  upCertificates: {
    en: '# certificates: {dir} (mtls-sandbox certs lists them)',
    ja: '# 証明書: {dir} (mtls-sandbox certs で一覧)',
  },
  upStop: {
    en: 'Ctrl-C (or `mtls-sandbox down` in another terminal) stops everything.',
    ja: 'Ctrl-C (または別の端末で mtls-sandbox down) で停止します。',
  },
  upComponentStopped: {
    en: 'A component stopped ({component}; was `mtls-sandbox down` run?); stopping the rest.',
    ja: 'コンポーネントが停止しました ({component}。mtls-sandbox down を実行しましたか？)。残りを停止します。',
  },
  originalPage: { en: 'the page', ja: '原文' },
  upNeedsLocalStack: {
    en: '{scenario} needs LocalStack, and it is off ({reason}). Install it with `bash scripts/setup-localstack.sh`, or use --localstack host.',
    ja: '{scenario} には LocalStack が必要ですが、オフです ({reason})。`bash scripts/setup-localstack.sh` でインストールするか、--localstack host を使ってください。',
  },
  // `mtls-sandbox compose` and the README.md it writes
  composeWrote: {
    en: 'Wrote the compose project of {scenario} to {dir} ({count} services: {services}).',
    ja: '{scenario} の compose プロジェクトを {dir} に書き出しました (サービス {count} 個: {services})。',
  },
  composeNext: {
    en: 'Start it, try the probes in {readme} (from that folder), and remove it:',
    ja: '起動し、{readme} のプローブを (そのフォルダで) 試し、削除するには:',
  },
  composeReadmeTitle: { en: '{scenario}: a compose project', ja: '{scenario}: compose プロジェクト' },
  composeReadmeIntro: {
    en: 'The mtls-sandbox scenario `{scenario}` ({title}) as a compose project, written by `mtls-sandbox compose {scenario}`. Each service is a container that `mtls-sandbox up {scenario} --runtime docker` runs, with the same image, configuration and certificates; all of them listen on 127.0.0.1 (host networking).',
    ja: 'mtls-sandbox のシナリオ `{scenario}` ({title}) の compose プロジェクトです (`mtls-sandbox compose {scenario}` が書き出したもの)。各サービスは `mtls-sandbox up {scenario} --runtime docker` が起動するコンテナと同じイメージ・設定・証明書で動き、すべて 127.0.0.1 で待ち受けます (ホストネットワーク)。',
  },
  composeReadmeServices: { en: 'Services', ja: 'サービス' },
  composeReadmeService: { en: 'service', ja: 'サービス' },
  composeReadmeImage: { en: 'image', ja: 'イメージ' },
  composeReadmeListens: { en: 'listens on', ja: '待ち受け' },
  composeReadmeTry: { en: 'Try it', ja: '試す' },
  composeReadmeUp: {
    en: 'In this folder, start it (`--wait` returns once every service is healthy, in the order the sandbox starts them):',
    ja: 'このフォルダーで起動します (`--wait` は、すべてのサービスがサンドボックスと同じ順に healthy になると戻ります):',
  },
  composeReadmeProbes: {
    en: "Then the scenario's probes, each as the sandbox runs it. They verify the server against its CA with `--cacert certs/sandboxServerCA.crt`, never `-k`:",
    ja: '次にシナリオのプローブです (サンドボックスが実行するとおり)。サーバー証明書は `-k` ではなく `--cacert certs/sandboxServerCA.crt` で CA に対して検証します:',
  },
  composeReadmeDown: {
    en: 'Stop it and remove its containers:',
    ja: '停止してコンテナを削除します:',
  },
  composeReadmeNotes: { en: 'Good to know', ja: '補足' },
  composeReadmePorts: {
    en: 'The ports were free when this project was written. If one is taken now, write it again: `mtls-sandbox compose {scenario} --out <this folder>`.',
    ja: 'ポートはこのプロジェクトを書き出した時点で空いていたものです。使用中なら書き出し直してください: `mtls-sandbox compose {scenario} --out <このフォルダ>`。',
  },
  composeReadmeCheckout: {
    en: 'The Node services (the ALB emulator, the echo target) run the mtls-sandbox code of {checkout}, mounted read-only.',
    ja: 'Node のサービス (ALB エミュレーター、エコーターゲット) は {checkout} の mtls-sandbox のコードを読み取り専用でマウントして動きます。',
  },
  composeReadmeFiles: {
    en: "`certs/` holds the sandbox's test certificates (with their CA keys: for this sandbox only); `scenarios/` the rendered configurations, where the containers also write their logs (as root).",
    ja: '`certs/` はサンドボックスのテスト用証明書 (CA の鍵を含む。このサンドボックス専用) です。`scenarios/` は生成された設定で、コンテナのログも (root 権限で) ここに書かれます。',
  },
  composeReadmeJudge: {
    en: "To run every probe and judge it against AWS's behaviour, use `mtls-sandbox run {scenario}`.",
    ja: 'すべてのプローブを実行して AWS の挙動と照合するには `mtls-sandbox run {scenario}` を使ってください。',
  },
  // Plain output
  plainSkipped: { en: 'skipped: {reason}', ja: 'スキップ: {reason}' },
  plainRef: { en: 'ref: {ref}', ja: '根拠: {ref}' },
  plainNoResponse: { en: 'no HTTP response ({error})', ja: 'HTTP レスポンスなし ({error})' },
  plainNoAnswer: { en: 'no answer', ja: '応答なし' },
  plainClientCertSent: { en: 'client cert sent', ja: 'クライアント証明書送信' },
  plainTargetSaw: { en: 'target {name} saw {details}', ja: 'ターゲット {name} の記録 {details}' },
  plainLastRequest: { en: 'last request: ', ja: '最後のリクエスト: ' },
  plainNoTarget: { en: 'no target received it', ja: 'どのターゲットも受け取っていない' },
  plainScenarioSkipped: { en: 'SKIPPED: {reason}', ja: 'スキップ: {reason}' },
  plainSkippedHere: { en: '{n} skipped on this machine', ja: '{n} 件はこのマシンではスキップ' },
  plainSummary: { en: 'Summary', ja: term('summary') },
  plainCapture: {
    en: 'capture: {file} ({packets} packets; the TLS key log beside it)',
    ja: 'キャプチャ: {file} ({packets} パケット。TLS 鍵ログは同じ場所)',
  },
  verdictUnjudged: {
    en: 'observed only: the sandbox predicts nothing here, so this is not compared with AWS',
    ja: `${term('unjudged')}: サンドボックスはここで何も予測しないため、AWS とは比較しない`,
  },
  fidelityUnjudged: { en: 'observed only · no expectation', ja: `${term('unjudged')} · 期待値なし` },

  // Whose expectation a verdict checks (report.ts Verdict.basis), and the counts of the record (sandbox/tally.ts)
  fidelityYoursMatches: { en: 'as you expect ({where})', ja: 'あなたの期待どおり ({where})' },
  fidelityYoursDiffers: {
    en: 'DIFFERS from your expectation ({where})',
    ja: 'あなたの期待と不一致 ({where})',
  },
  verdictYoursMatches: {
    en: 'meets your own expectation ({where}); you cite it as {level} — your scenario, so not a claim about AWS',
    ja: 'あなた自身の期待どおり ({where})。根拠は{level}として引用 — 自作シナリオのため AWS についての主張ではない',
  },
  verdictYoursDiffers: {
    en: 'differs from your expectation ({where}) — not from AWS: check the expectation or the stack',
    ja: 'あなたの期待と不一致 ({where}) — AWS との不一致ではない: 期待値かスタックを確認',
  },
  copiedMark: {
    en: 'copied from {from} — re-check after you change the stack',
    ja: '{from} からコピー — スタックを変えたら確認し直す',
  },
  copiedStackChanged: {
    en: 'copied from {from}, and the stack has changed since — re-check this expectation',
    ja: '{from} からコピーし、その後スタックが変わった — この期待値を確認し直す',
  },
  refUnjudged: { en: 'observed only: {reason}', ja: `${term('unjudged')}: {reason}` },
  refYours: {
    en: 'your expectation ({where}); you cite {evidence}',
    ja: '自作シナリオの期待 ({where})。引用: {evidence}',
  },
  resultBroken: { en: 'BROKEN', ja: '破損' },
  plainScenarioBroken: { en: 'BROKEN: {where}: {error}', ja: '破損: {where}: {error}' },
  ...LAB_UI,
} satisfies Record<string, Text>;

export type UiKey = keyof typeof UI;

/** A UI string with {placeholders} filled in. */
export function t(key: UiKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  const template = UI[key][lang] || UI[key].en;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
