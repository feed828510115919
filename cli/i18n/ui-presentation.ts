// Words for how the record is presented — the honest headline, the report's opening and legend, the presenter's
// story, compare's honest cells — in English and Japanese. Kept apart from ui.ts so that presentation and wording
// change without touching each other; ui.ts spreads these into the one catalogue (t()).
import type { Text } from '../../sandbox/text.js';
import { term } from './glossary.js';

export const PRESENTATION = {
  // The headline (cli/headline.ts): counts by what they rest on
  headlineProbes: {
    en: "{probes} {probeWord}: {aws} as AWS documents or as observed, {assumed} on the sandbox's assumptions, {differ} differ",
    ja: 'プローブ {probes} 件: AWS のドキュメントに記載または元記事で観測のとおり {aws} 件、サンドボックスの仮定による {assumed} 件、不一致 {differ} 件',
  },
  headlineProbesOneDiffers: {
    en: "{probes} {probeWord}: {aws} as AWS documents or as observed, {assumed} on the sandbox's assumptions, {differ} differs",
    ja: 'プローブ {probes} 件: AWS のドキュメントに記載または元記事で観測のとおり {aws} 件、サンドボックスの仮定による {assumed} 件、不一致 {differ} 件',
  },
  headlineProbeWord: { en: 'probe', ja: 'プローブ' },
  headlineProbesWord: { en: 'probes', ja: 'プローブ' },
  headlineNoProbes: { en: 'no probes ran', ja: '実行したプローブはない' },
  headlineNothingJudged: {
    en: 'nothing judged: {n} {probeWord} observed only (no expectation, so nothing was compared with AWS)',
    ja: `判定したものなし: プローブ {n} 件はすべて${term('unjudged')} (期待値がないため、AWS とは何も比較していない)`,
  },
  headlineYours: {
    en: ', {n} as your own scenario expects (not a claim about AWS)',
    ja: '、自作シナリオの期待どおり {n} 件 (AWS についての主張ではない)',
  },
  headlineUnjudged: {
    en: ', {n} observed only (no expectation, not compared with AWS)',
    ja: `、${term('unjudged')} {n} 件 (期待値がなく、AWS とは比較しない)`,
  },
  headlineBroken: {
    en: '{n} of your scenarios broken ({ids})',
    ja: '壊れた自作シナリオ {n} 件 ({ids})',
  },
  headlineSkippedProbe: { en: '1 probe not run on this machine', ja: 'このマシンで実行しなかったプローブ 1 件' },
  headlineSkippedProbes: {
    en: '{n} probes not run on this machine',
    ja: 'このマシンで実行しなかったプローブ {n} 件',
  },
  headlineSkippedScenario: { en: '1 scenario skipped ({why})', ja: 'スキップしたシナリオ 1 件 ({why})' },
  headlineSkippedScenarios: { en: '{n} scenarios skipped ({why})', ja: 'スキップしたシナリオ {n} 件 ({why})' },
  skipWhyLocalStack: { en: 'LocalStack is needed and off: {why}', ja: 'LocalStack が必要だがオフ: {why}' },
  headlineSeparator: { en: '; ', ja: '。' },
  /** The three counts as badges: what rests on AWS, on an assumption, and what differs. */
  pillAws: { en: '✓ {n} as AWS documents or observed', ja: '✓ AWS の記載・観測どおり {n}' },
  pillAssumed: { en: '{n} on assumptions', ja: '仮定 {n}' },
  pillDiffer: { en: '✗ {n} differ', ja: '✗ 不一致 {n}' },
  pillSkippedScenarios: { en: '{n} scenario(s) skipped', ja: 'スキップしたシナリオ {n}' },
  pillSkippedProbes: { en: '{n} probe(s) not run', ja: '未実行のプローブ {n}' },
  pillUnjudged: { en: '{n} observed only', ja: `${term('unjudged')} {n}` },
  shortProbe: { en: '1 probe', ja: 'プローブ 1' },
  shortProbes: { en: '{n} probes', ja: 'プローブ {n}' },
  shortAws: { en: '{n} as AWS', ja: 'AWS どおり {n}' },
  shortAssumed: { en: '{n} assumed', ja: '仮定 {n}' },
  shortYours: { en: '{n} as you expect', ja: '自作の期待どおり {n}' },
  shortUnjudged: { en: '{n} observed only', ja: `${term('unjudged')} {n}` },
  shortDiffer: { en: '{n} differ', ja: '不一致 {n}' },
  shortSkipped: { en: '{n} not run', ja: '未実行 {n}' },
  plainTotal: {
    en: 'Total, {n} scenarios: {headline} · {seconds} s',
    ja: '合計 ({n} シナリオ): {headline} · {seconds} 秒',
  },
  plainTotalOne: {
    en: 'Total, 1 scenario: {headline} · {seconds} s',
    ja: '合計 (1 シナリオ): {headline} · {seconds} 秒',
  },
  plainTotalSideBySide: {
    en: 'Total, {n} scenarios: {headline} · {seconds} s ({sum} s of scenario time, side by side)',
    ja: '合計 ({n} シナリオ): {headline} · {seconds} 秒 (シナリオの所要時間の合計 {sum} 秒、並行して実行)',
  },

  // The report's opening: the designs at a glance, takeaways, the core clients, contents, the appendix
  openingHeading: { en: 'The designs at a glance', ja: '設計ごとの比較' },
  openingIntro: {
    en: 'Each row is a front door design as the scenarios below built it: who checks the client certificate, what happened to a client without one, with a trusted one (clientA) and with one from a CA nobody trusts, and what the target learnt of the trusted client. Each cell links to its probe.',
    ja: '各行は、以下のシナリオで作った入口の設計。誰がクライアント証明書を検証するか、証明書なし・信頼された証明書 (clientA)・誰も信頼しない CA の証明書のクライアントがそれぞれどうなったか、信頼されたクライアントについてターゲットが何を知ったかを示す。各セルはプローブへのリンク。',
  },
  openingLegend: {
    en: '● allowed · ■ refused (an HTTP error) · ✕ reset, alert or no TLS · ◆ the load balancer answered itself · "assumed": the sandbox\'s assumption, AWS is silent · ✗ not as expected. Point at a cell for the reason; the legend at the end says more.',
    ja: '● 通過 · ■ 拒否 (HTTP エラー) · ✕ リセット・アラート・TLS なし · ◆ ロードバランサー自身が応答 · 「仮定」: サンドボックスの仮定 (AWS は明らかにしていない) · ✗ 期待と異なる。セルにポインターを置くと理由を表示。詳しくは末尾の凡例。',
  },
  openingDesign: { en: 'Design', ja: '設計' },
  openingChecks: { en: 'Who checks the certificate', ja: '証明書を検証するのは' },
  openingNone: { en: 'No certificate', ja: '証明書なし' },
  openingTrusted: { en: 'A trusted one (clientA)', ja: '信頼された証明書 (clientA)' },
  openingUntrusted: { en: 'An untrusted one', ja: '信頼されない証明書' },
  openingLearns: { en: 'What the target learns', ja: 'ターゲットが知ること' },
  openingNotProbed: { en: 'not probed', ja: '確かめていない' },
  openingNothing: { en: 'nothing of the certificate', ja: '証明書について何も知らない' },
  openingNoTarget: { en: 'no request reached it', ja: 'リクエストが届かない' },
  openingOwnSession: { en: 'its own TLS session', ja: '自身の TLS セッション' },
  basisAssumed: { en: 'assumed', ja: '仮定' },
  takeawayMore: { en: '{n} more', ja: 'ほか {n} 件' },
  matrixCoreNote: {
    en: 'The three core clients; every other client (chains, forged headers, identity filters…) is in the appendix.',
    ja: '中心となる 3 つのクライアント。それ以外のクライアント (チェーン、偽ヘッダー、ID フィルター…) は付録にある。',
  },
  appendixHeading: { en: 'Appendix: every other client', ja: '付録: その他のクライアント' },
  appendixIntro: {
    en: 'What every other client got, front door by front door; each links to its probe.',
    ja: 'その他のクライアントが各入口で得た結果。各項目はプローブへのリンク。',
  },
  contentsHeading: { en: 'Contents', ja: '目次' },
  contentsProbes: { en: 'What the probes rest on', ja: 'プローブの根拠' },
  legendLink: { en: 'What the symbols mean', ja: '記号の意味' },
  glossaryMore: {
    en: 'The seeds: docs/sources.md. Every fact and its evidence: docs/aws-facts.md.',
    ja: '元記事: docs/sources.md。各事実と根拠: docs/aws-facts.md。',
  },

  // Why the client got what it got (cli/outcome-reason.ts)
  reasonTargetLog: { en: "{target}'s error log: {note}", ja: '{target} のエラーログ: {note}' },
  reasonTargetLogVerify: {
    en: "{target}'s error log: {note} (ssl_client_verify={verify})",
    ja: '{target} のエラーログ: {note} (ssl_client_verify={verify})',
  },
  reasonVerifyStatus: {
    en: "the load balancer's connection log: tls_verify_status={status}",
    ja: 'ロードバランサーの接続ログ: tls_verify_status={status}',
  },
  reasonNotRequested: {
    en: "no client certificate requested (the connection log's tls_verify_status={status} only says the connection was set up)",
    ja: 'クライアント証明書は要求されていない (接続ログの tls_verify_status={status} は接続が確立したことだけを示す)',
  },

  // The help (`?`)
  helpCompareSides: {
    en: 'in compare: s switches probes ↔ scenarios, ←/→ choose, Enter runs the pair',
    ja: '比較中: s でプローブ ↔ シナリオ切替、←/→ で選択、Enter で 2 つを実行',
  },
  helpPresets: {
    en: 'compare a preset pair (from the list or in compare); keys {keys}:',
    ja: 'プリセットの組を比較 (一覧または比較画面で)。キー {keys}:',
  },
  helpComponents: {
    en: 'in presenter mode: the components that run (versions, addresses), until the next step',
    ja: 'プレゼンターモード: 動いているコンポーネント (バージョン、アドレス)。次のステップまで表示',
  },
  helpScrollClose: {
    en: '↑↓ PgUp PgDn scroll; any other key closes this help',
    ja: '↑↓ PgUp PgDn でスクロール、ほかのキーで閉じる',
  },

  // Presenter mode: the story
  keyComponents: { en: 'components', ja: 'コンポーネント' },
  presenterTitle: { en: 'The lesson', ja: 'このレッスン' },
  presenterQuestion: {
    en: 'The question: who asks for the client certificate, who checks it, and what happens to a client without one?',
    ja: '問い: クライアント証明書を要求するのは誰か。検証するのは誰か。証明書のないクライアントはどうなるか。',
  },
  presenterSeeds: {
    en: 'From the published articles (seeds) {seeds}',
    ja: '元になった公開記事 (元記事): {seeds}',
  },
  presenterConfig: {
    en: 'The configuration that decides these outcomes',
    ja: 'これらの結果を決める設定',
  },
  presenterSummary: { en: 'What we saw', ja: '見てきたこと' },
  presenterDocumented: { en: '✓ AWS documents this — {source}', ja: '✓ AWS のドキュメントに記載がある — {source}' },
  presenterObserved: {
    en: '✓ Seen on real AWS in a published article — {source}',
    ja: '✓ 実際の AWS で観測され、記事として公開されている — {source}',
  },
  presenterAssumed: {
    en: "The sandbox's assumption: AWS does not say — {why}",
    ja: 'サンドボックスの仮定: AWS は明らかにしていない — {why}',
  },

  // The run view
  probePosition: { en: '({index} of {total})', ja: '({total} 件中 {index} 件目)' },

  // Compare
  compareTargetLog: { en: 'nginx: {note}', ja: 'nginx: {note}' },

  // Sequence diagrams: the load balancer's lifeline where its long name does not fit
  seqLbShort: { en: 'LB', ja: 'LB' },
  seqCompactServerCert: { en: 'Cert (server)', ja: 'Cert (サーバー)' },
  seqCompactCertEmpty: { en: 'Cert (empty)', ja: 'Cert (空)' },
  seqCompactCertSent: { en: 'Cert (client)', ja: 'Cert (あり)' },
  seqLbPassthroughShort: { en: 'LB (TCP)', ja: 'LB (TCP)' },

  // The legend (cli/legend.ts): `?` in the terminal UI, and the report's legend and glossary
  legendHeading: { en: 'Legend and glossary', ja: '凡例と用語' },
  legendOutcomes: { en: 'What happened to the client', ja: 'クライアントに何が起きたか' },
  legendAllowed: {
    en: 'a target answered with a status below 400',
    ja: 'ターゲットが 400 未満のステータスで応答した',
  },
  legendRefused: {
    en: "the handshake succeeded and the target answered an HTTP error (nginx's 400); its reason is said beside it",
    ja: 'ハンドシェイクは成功し、ターゲットが HTTP エラーで応答した (nginx の 400)。理由を横に示す',
  },
  legendBlocked: {
    en: 'AWS WAF blocked the request (403), or the load balancer answered an error itself',
    ja: 'AWS WAF がリクエストをブロックした (403)、またはロードバランサー自身がエラーで応答した',
  },
  legendAlert: {
    en: 'the server ended the TLS handshake with a TLS alert (e.g. "unknown ca"): the client is told why, before any HTTP',
    ja: 'サーバーが TLS アラート (例: "unknown ca") でハンドシェイクを打ち切った。HTTP の前に、理由がクライアントに伝わる',
  },
  legendReset: {
    en: "the connection was reset (TCP RST), during or after the handshake: the client is told nothing; the load balancer's connection log (tls_verify_status) says why",
    ja: '接続がリセットされた (TCP RST。ハンドシェイク中または後)。クライアントには理由が伝わらず、ロードバランサーの接続ログ (tls_verify_status) が理由を示す',
  },
  legendNoTls: {
    en: 'no TLS session (no common protocol, or curl refused the server), or nothing listened',
    ja: 'TLS セッションが張れなかった (共通のプロトコルがない、curl がサーバーを拒否した)、または誰も待ち受けていなかった',
  },
  legendAnswered: {
    en: 'the load balancer answered itself (a fixed-response action); no target saw the request',
    ja: 'ロードバランサー自身が応答した (固定レスポンスのアクション)。ターゲットはリクエストを見ていない',
  },
  legendOther: {
    en: 'a redirect; no answer in time; not run on this machine',
    ja: 'リダイレクト、時間内に応答なし、このマシンでは実行していない',
  },
  legendVerdicts: { en: 'Whether it is what was expected', ja: '期待どおりか' },
  legendCheck: {
    en: 'as expected; the words beside it say what that rests on (documented, observed, or an assumption)',
    ja: '期待どおり。何に基づくか (ドキュメント、観測、仮定) を横に示す',
  },
  legendCross: {
    en: 'not as expected: the sandbox differs from what the expectation says (the reason is listed)',
    ja: '期待と異なる: サンドボックスの結果が期待値と一致しない (理由を示す)',
  },
  legendDot: { en: 'not run yet', ja: 'まだ実行していない' },
  legendDash: { en: 'skipped on this machine (the reason is said)', ja: 'このマシンではスキップ (理由を示す)' },
  legendEvidence: { en: 'How we know what AWS does', ja: 'AWS の挙動をどう知っているか' },
  legendDocumented: {
    en: 'AWS documents this (or nginx, HAProxy, OpenSSL do, for their part): a page and section are cited',
    ja: 'AWS のドキュメントに記載がある (nginx・HAProxy・OpenSSL の挙動はそれぞれのドキュメント)。ページと節を示す',
  },
  legendObserved: {
    en: 'seen on real AWS in a published article (a seed): its transcript shows it',
    ja: '実際の AWS で、公開された記事 (元記事) のトランスクリプトに現れている',
  },
  legendAssumed: {
    en: 'the sandbox\'s assumption: AWS is silent, so the sandbox chose, and says why; never shown as "matches AWS"',
    ja: 'サンドボックスの仮定: AWS が明らかにしていないため、サンドボックスが選び、その理由を示す。「AWS と一致」とは表示しない',
  },
  legendSeedTerm: { en: 'seed', ja: '元記事' },
  legendSeed: {
    en: 'one of the four published articles (000, 001, 003, 004, in Japanese) whose real AWS setups and transcripts the lessons come from; docs/sources.md lists them',
    ja: 'レッスンの元になった公開記事 4 本 (000・001・003・004、日本語) のいずれか。実際の AWS 構成とトランスクリプトを載せている。一覧は docs/sources.md',
  },
  legendMarkers: { en: 'Markers', ja: '記号' },
  legendDecisive: {
    en: 'a handshake step or configuration line that decides the outcome',
    ja: '結果を決めるハンドシェイクのステップ、または設定の行',
  },
  legendDiffer: { en: 'compare: the two sides differ on this row', ja: '比較: この行で左右が異なる' },
  legendActive: {
    en: 'compare: the side ←/→ changes; in a diagram, where a message arrives',
    ja: '比較: ←/→ で変わる側。図ではメッセージの届く先',
  },
  legendCrossing: {
    en: 'a message passing a lifeline it does not stop at (a passthrough load balancer)',
    ja: 'メッセージが途中のライフラインを素通りする (パススルーのロードバランサー)',
  },
  legendSelected: { en: 'the selected row; the explanation row', ja: '選択中の行、解説の行' },
  legendMatch: {
    en: 'transcript search: the current match, other matches',
    ja: 'トランスクリプト検索: 現在の一致、ほかの一致',
  },
  legendEllipsis: {
    en: 'shortened here; the whole value is in the detail (Enter, t, or the report)',
    ja: 'ここでは省略。全体は詳細 (Enter、t、レポート) にある',
  },
} satisfies Record<string, Text>;
