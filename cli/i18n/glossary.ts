// The glossary: one Japanese term per concept, the variants it retired, and the English a Japanese text must not
// leave in its prose. The catalogue takes its key words from here (ui.ts), and glossary.test.ts fails when any
// Japanese text of the product uses a retired variant or leaves a concept in English. Where AWS's Japanese
// documentation has a term, it is AWS's (the source says where). Pure data.

export interface GlossaryTerm {
  /** The concept, in English as the product says it. */
  en: string;
  /** The one Japanese term for it. */
  ja: string;
  /** Japanese variants it replaced: no Japanese text may use them. */
  retired?: RegExp[];
  /** The English word for the concept, which Japanese prose must not keep (code, quotes and names aside). */
  english?: RegExp;
  /** Where the Japanese term comes from, when AWS's Japanese documentation uses it. */
  source?: string;
  /** Why this term, when it is not obvious. */
  note?: string;
}

const ELB_JA = 'https://docs.aws.amazon.com/ja_jp/elasticloadbalancing/latest/application';

export const GLOSSARY = {
  expected: {
    en: 'as expected',
    ja: '期待どおり',
    retired: [/想定どおり/],
    note: '「想定」は「仮定」と紛らわしいため、期待値との一致は「期待どおり」だけで言う。',
  },
  assumed: {
    en: 'assumed (the sandbox assumes; AWS is silent)',
    ja: '仮定',
    retired: [/想定/, /推測/],
    english: /\bassum(?:ed|es|ption)\b/i,
    note: '根拠のレベル。AWS のドキュメントにも元記事にもなく、サンドボックスが選んだもの。',
  },
  documented: {
    en: 'documented (as AWS documents)',
    ja: 'AWS のドキュメントに記載',
    retired: [/文書化/, /説明されている/, /説明していない/, /説明どおり/],
    english: /\bdocumented\b/i,
    note: '根拠のレベル。AWS (または nginx・OpenSSL など) のドキュメントにあるもの。',
  },
  observed: {
    en: 'observed (in a seed article)',
    ja: '元記事で観測',
    retired: [/観察/],
    english: /\bobserved\b/i,
    note: '根拠のレベル。元記事のトランスクリプトに実際の AWS の挙動として出ているもの。',
  },
  seed: {
    en: 'seed article (seed 000…004)',
    ja: '元記事',
    retired: [/シード/],
    english: /\bseeds?\b/i,
    note: 'このプロジェクトの出発点になった 4 本の記事。番号付きで「元記事 000」のように呼ぶ。',
  },
  unjudged: {
    en: 'observed only (no expectation, not judged)',
    ja: '判定なし (記録のみ)',
    note: '「観測」(根拠のレベル) と混ざらないよう、期待値のないプローブは「判定なし」と呼ぶ。',
  },
  verify: {
    en: 'verify mode (mutual TLS)',
    ja: '検証モード',
    english: /\bverify\b/,
    source: `${ELB_JA}/mutual-authentication.html`,
  },
  passthrough: {
    en: 'passthrough (mutual TLS passthrough mode; TCP passthrough)',
    ja: 'パススルーモード (TCP ならば TCP パススルー)',
    retired: [/素通し/],
    english: /\bpassthrough\b/i,
    source: `${ELB_JA}/mutual-authentication.html`,
  },
  refusedBy: {
    en: 'REFUSED by web-2',
    ja: 'web-2 が拒否',
    retired: [/拒否 \([a-z][\w-]*\)/],
    note: '「拒否 (web-2)」は「web-2 が拒否された」とも読めるため、主語を先に置く。',
  },
  alertRefusal: {
    en: 'refused with a TLS alert',
    ja: 'TLS アラートで拒否',
    retired: [/サーバーがハンドシェイクを終了/],
    note: '「ハンドシェイクを終了」は「ハンドシェイクが完了した」とも読める。拒否ならば「中断」と言う。',
  },
  webAcl: {
    en: 'web ACL',
    ja: 'ウェブ ACL',
    retired: [/Web ACL/],
    source: 'https://docs.aws.amazon.com/ja_jp/waf/latest/developerguide/web-acl-associating-aws-resource.html',
  },
  extendedKeyUsage: {
    en: 'extended key usage',
    ja: '拡張キー用途',
    retired: [/拡張キー使用法/, /拡張鍵用途/],
    source: 'https://docs.aws.amazon.com/ja_jp/acm/latest/userguide/acm-concepts.html',
  },
  identityFilter: {
    en: 'identity filter (NLB client certificate identity filters)',
    ja: 'ID フィルター',
    retired: [/アイデンティティ\s?フィルター/],
    note: 'AWS の日本語ドキュメントは identity を「ID」と訳す (ALB の相互 TLS のページ)。',
    source: `${ELB_JA}/mutual-authentication.html`,
  },
  sourceAddress: {
    en: 'remote address (the address the target sees the connection come from)',
    ja: '送信元アドレス',
    retired: [/リモートアドレス/],
  },
  transcript: {
    en: 'transcript (curl -v output)',
    ja: 'トランスクリプト',
    retired: [/curl -v (?:の)?全文/],
  },
  realize: {
    en: 'realize (what the sandbox builds from a template)',
    ja: '再現',
    retired: [/実体化/, /実現/],
  },
  terminate: {
    en: 'TLS ends (terminates) at',
    ja: '終端する',
    retired: [/TLS(?: セッション)?(?:を|が|は)[^。、]{0,12}終わ/],
  },
  pass: { en: 'PASS / FAIL', ja: '合格 / 不合格', retired: [/\bPASS\b/, /\bFAIL\b/] },
  summary: { en: 'Summary', ja: '概要' },
  ownScenario: { en: 'your own scenario', ja: '自作シナリオ', retired: [/あなたのシナリオ/] },
  notYetValid: { en: 'not yet valid', ja: '有効期間開始前', retired: [/未有効/] },
  alpnOffer: {
    en: 'offer (ALPN)',
    ja: '提案 (ALPN)',
    retired: [/(?:HTTP\/2|h2|http\/1\.1)[^。]{0,20}を提示/],
    note: '「提示」は証明書を出すときの言葉。ALPN でプロトコルを申し出るのは「提案」。',
  },
  accept: {
    en: 'accept (the only action of an NLB identity filter)',
    ja: '許可',
    english: /\baccept\b/,
  },
  trustStore: {
    en: 'trust store',
    ja: 'トラストストア',
    retired: [/信頼ストア/],
    source: 'https://docs.aws.amazon.com/ja_jp/elasticloadbalancing/latest/application/configuring-mtls-with-elb.html',
  },
  mutualTls: {
    en: 'mutual TLS',
    ja: '相互 TLS',
    source: `${ELB_JA}/mutual-authentication.html`,
  },
  clientCertificate: { en: 'client certificate', ja: 'クライアント証明書' },
  defaultAction: { en: 'default action', ja: 'デフォルトアクション', retired: [/既定のアクション/] },
  fixedResponse: { en: 'fixed response', ja: '固定レスポンス', retired: [/固定応答/] },
} as const satisfies Record<string, GlossaryTerm>;

export type GlossaryKey = keyof typeof GLOSSARY;

/** The Japanese term of a concept. */
export const term = (key: GlossaryKey): string => GLOSSARY[key].ja;

/** The seed articles' real titles (docs/sources.md), by number: how a Japanese citation names them. */
export const SEED_TITLES: Record<string, string> = {
  '000': 'ロードバランサー配下の Web サーバーへのクライアント認証',
  '001': 'NLBを使ってターゲットコンテナでクライアント認証させる方法',
  '003': '【AWS Tips】ロードバランサ配下のクライアント証明書認証について考察',
  '004': 'ALBのmTLS後に付与されたHTTPヘッダーをリスナールールの条件判定に使えるかやってみた',
};

/** "元記事 004" */
export const seedName = (seed: string): string => `${term('seed')} ${seed}`;

/** A mutual TLS mode as Japanese prose says it: verify → 検証, passthrough → パススルー, off → オフ. */
export const MODE_JA: Record<string, string> = {
  verify: '検証',
  passthrough: 'パススルー',
  off: 'オフ',
  required: '必須',
  optional: '任意',
};
