// The engine's messages (sandbox/messages.ts) in English and Japanese: one entry per code. Pure.
import type { Message, MessageParam } from '../../sandbox/messages.js';
import type { Lang } from '../../sandbox/text.js';
import type { MessageTexts, Params } from './message-texts.js';
import { MODEL_MESSAGES } from './messages-model.js';
import { RUN_MESSAGES } from './messages-run.js';
import { TEMPLATE_MESSAGES } from './messages-template.js';
import { SETUP_MESSAGES } from './messages-setup.js';
import { DOCTOR_MESSAGES } from './messages-doctor.js';
import { START_MESSAGES } from './messages-start.js';
import { TOPOLOGY_MESSAGES } from './messages-topology.js';

const str = (value: MessageParam | undefined): string => (value === null || value === undefined ? '' : String(value));

/** "exactly 8", "at least 2", "between 1 and 3". */
export function boundsText(p: Params, lang: Lang): string {
  const { min, max } = p;
  const has = (v: MessageParam | undefined) => v !== null && v !== undefined;
  if (lang === 'ja') {
    if (has(min) && has(max)) return min === max ? `ちょうど ${min}` : `${min} 以上 ${max} 以下`;
    if (has(min)) return `${min} 以上`;
    if (has(max)) return `${max} 以下`;
    return '任意の数';
  }
  if (has(min) && has(max)) return min === max ? `exactly ${min}` : `between ${min} and ${max}`;
  if (has(min)) return `at least ${min}`;
  if (has(max)) return `at most ${max}`;
  return 'any number of';
}

const countsEn = (p: Params) => (str(p.counts) === '' ? 'none' : str(p.counts));
const countsJa = (p: Params) => (str(p.counts) === '' ? 'なし' : str(p.counts));

const noResponseEn = (p: Params) => `no HTTP response (${p.error ?? `curl exit ${p.exit}`})`;
const noResponseJa = (p: Params) => `HTTP レスポンスなし (${p.error ?? `curl 終了コード ${p.exit}`})`;

/** The codes the other catalogue files hold; this one holds the judge's and the skip reasons. */
type Elsewhere =
  | keyof typeof MODEL_MESSAGES
  | keyof typeof RUN_MESSAGES
  | keyof typeof SETUP_MESSAGES
  | keyof typeof DOCTOR_MESSAGES
  | keyof typeof TEMPLATE_MESSAGES
  | keyof typeof START_MESSAGES
  | keyof typeof TOPOLOGY_MESSAGES;

const OWN: Omit<MessageTexts, Elsewhere> = {
  'mismatch.status': {
    en: (p) =>
      `expected ${p.expected === null ? 'no HTTP response' : `HTTP ${p.expected}`}, got ${p.actual === null ? noResponseEn(p) : `HTTP ${p.actual}`}`,
    ja: (p) =>
      `期待: ${p.expected === null ? 'HTTP レスポンスなし' : `HTTP ${p.expected}`}、実際: ${p.actual === null ? noResponseJa(p) : `HTTP ${p.actual}`}`,
  },
  'mismatch.rule': {
    en: (p) =>
      `expected ${p.expected === 0 ? 'the default action' : `the rule of priority ${p.expected}`}, got ${p.actual === null ? 'no record of the request' : p.actual === 0 ? 'the default action' : `the rule of priority ${p.actual}`}`,
    ja: (p) =>
      `期待: ${p.expected === 0 ? 'デフォルトアクション' : `優先度 ${p.expected} のルール`}、実際: ${p.actual === null ? 'リクエストの記録なし' : p.actual === 0 ? 'デフォルトアクション' : `優先度 ${p.actual} のルール`}`,
  },
  'mismatch.body-includes': {
    en: (p) => `expected the body to contain "${str(p.expected)}", got "${str(p.actual)}"`,
    ja: (p) => `本文に "${str(p.expected)}" を含むはずが、実際は "${str(p.actual)}"`,
  },
  'mismatch.body-excludes': {
    en: (p) => `expected the body not to contain "${str(p.expected)}"`,
    ja: (p) => `本文に "${str(p.expected)}" を含まないはずが、含んでいる`,
  },
  'mismatch.response-header': {
    en: (p) => `expected response header ${p.name}: ${p.expected}, got ${p.actual ?? 'none'}`,
    ja: (p) => `レスポンスヘッダー ${p.name}: ${p.expected} のはずが、実際は ${p.actual ?? 'なし'}`,
  },
  'mismatch.response-header-present': {
    en: (p) => `expected no response header ${p.name}, got ${p.actual}`,
    ja: (p) => `レスポンスヘッダー ${p.name} はないはずが、実際は ${p.actual}`,
  },
  'mismatch.connection-error-unexpected': {
    en: (p) => `expected no connection error, got "${str(p.actual)}"`,
    ja: (p) => `接続エラーは起きないはずが、"${str(p.actual)}" が起きた`,
  },
  'mismatch.connection-error': {
    en: (p) => `expected connection error "${p.expected}", got ${p.actual === null ? 'none' : `"${p.actual}"`}`,
    ja: (p) => `接続エラー "${p.expected}" のはずが、実際は ${p.actual === null ? 'エラーなし' : `"${p.actual}"`}`,
  },
  'mismatch.curl-exit': {
    en: (p) => `expected curl to exit ${p.expected}, it exited ${p.actual}`,
    ja: (p) => `curl の終了コードは ${p.expected} のはずが、${p.actual} だった`,
  },
  'mismatch.certificate-requested': {
    en: () => 'expected the server to request a client certificate (Request CERT), it did not',
    ja: () => 'サーバーがクライアント証明書を要求する (Request CERT) はずが、要求しなかった',
  },
  'mismatch.certificate-not-requested': {
    en: () => 'expected no client certificate request, but the server sent Request CERT',
    ja: () => 'クライアント証明書は要求されないはずが、サーバーが Request CERT を送った',
  },
  'mismatch.certificate-sent': {
    en: () => 'expected curl to send a client certificate, it sent none',
    ja: () => 'curl がクライアント証明書を送るはずが、送らなかった',
  },
  'mismatch.certificate-not-sent': {
    en: () => 'expected curl to send no client certificate, it sent one',
    ja: () => 'curl はクライアント証明書を送らないはずが、送った',
  },
  'mismatch.tls-version': {
    en: (p) => `expected ${p.expected}, negotiated ${p.actual ?? 'nothing'}`,
    ja: (p) => `${p.expected} のはずが、ネゴシエートされたのは ${p.actual ?? 'なし'}`,
  },
  'mismatch.alert': {
    en: (p) => `expected the TLS alert "${p.expected}", got ${p.actual ? `"${p.actual}"` : 'no alert'}`,
    ja: (p) => `TLS アラート「${p.expected}」のはずが、${p.actual ? `「${p.actual}」` : 'アラートなし'}`,
  },
  'mismatch.alert-missing': {
    en: (p) => `expected no TLS alert, got "${p.actual}"`,
    ja: (p) => `TLS アラートはないはずが、「${p.actual}」を受け取った`,
  },
  'mismatch.server-serial': {
    en: (p) => `expected the server certificate with serial ${p.expected}, got ${p.actual ?? 'none shown'}`,
    ja: (p) => `シリアル ${p.expected} のサーバー証明書のはずが、実際は ${p.actual ?? '表示なし'}`,
  },
  'mismatch.target-unexpected': {
    en: (p) => `expected no target to receive the request, but ${p.actual} did`,
    ja: (p) => `どのターゲットもリクエストを受け取らないはずが、${p.actual} が受け取った`,
  },
  'mismatch.target-missing': {
    en: () => 'expected a target to receive the request, none did',
    ja: () => 'ターゲットがリクエストを受け取るはずが、どれも受け取らなかった',
  },
  'mismatch.target-one-of': {
    en: (p) => `expected one of ${p.expected} to answer, ${p.actual} did`,
    ja: (p) => `${p.expected} のいずれかが応答するはずが、${p.actual} が応答した`,
  },
  'mismatch.target-detail': {
    en: (p) => `expected the target's ${p.key} to be "${str(p.expected)}", it was "${str(p.actual)}"`,
    ja: (p) => `ターゲットの ${p.key} は "${str(p.expected)}" のはずが、"${str(p.actual)}" だった`,
  },
  'mismatch.target-detail-includes': {
    en: (p) => `expected the target's ${p.key} to contain "${str(p.expected)}", it was "${str(p.actual)}"`,
    ja: (p) => `ターゲットの ${p.key} に "${str(p.expected)}" を含むはずが、"${str(p.actual)}" だった`,
  },
  'mismatch.target-header-present': {
    en: (p) => `expected the target not to receive ${p.name}, it received "${str(p.actual)}"`,
    ja: (p) => `ターゲットは ${p.name} を受け取らないはずが、"${str(p.actual)}" を受け取った`,
  },
  'mismatch.target-header': {
    en: (p) =>
      `expected the target to receive ${p.name}: "${str(p.expected)}", it received ${p.actual === null ? 'nothing' : `"${p.actual}"`}`,
    ja: (p) =>
      `ターゲットは ${p.name}: "${str(p.expected)}" を受け取るはずが、${p.actual === null ? '何も受け取らなかった' : `"${p.actual}" を受け取った`}`,
  },
  'mismatch.connection-log-missing': {
    en: () => 'expected a connection log entry for this connection, none was written',
    ja: () => 'この接続の接続ログが書かれるはずが、書かれなかった',
  },
  'mismatch.connection-log-field': {
    en: (p) => `expected the connection log's ${p.field} to be "${str(p.expected)}", it was "${str(p.actual)}"`,
    ja: (p) => `接続ログの ${p.field} は "${str(p.expected)}" のはずが、"${str(p.actual)}" だった`,
  },
  'mismatch.waf-unexpected': {
    en: (p) => `expected no AWS WAF to see the request, but a web ACL logged ${p.action} (rule ${p.rule})`,
    ja: (p) => `AWS WAF はリクエストを見ないはずが、ウェブ ACL が ${p.action} を記録した (ルール ${p.rule})`,
  },
  'mismatch.waf-missing': {
    en: (p) =>
      `expected AWS WAF to ${p.expected === 'BLOCK' ? 'block' : 'allow'} the request, but no web ACL inspected it`,
    ja: (p) =>
      `AWS WAF がリクエストを${p.expected === 'BLOCK' ? 'ブロック' : '許可'}するはずが、どのウェブ ACL も検査しなかった`,
  },
  'mismatch.waf-action': {
    en: (p) =>
      `expected AWS WAF to ${p.expected === 'BLOCK' ? 'block' : 'allow'} the request, it logged ${p.actual} (rule ${p.rule})`,
    ja: (p) =>
      `AWS WAF がリクエストを${p.expected === 'BLOCK' ? 'ブロック' : '許可'}するはずが、${p.actual} を記録した (ルール ${p.rule})`,
  },
  'mismatch.waf-rule': {
    en: (p) => `expected AWS WAF's deciding rule to be ${p.expected}, it was ${p.actual}`,
    ja: (p) => `AWS WAF の決定ルールは ${p.expected} のはずが、${p.actual} だった`,
  },
  'mismatch.request': {
    en: (p, inner) => `${p.client} (${p.source}) request ${p.round}: ${inner('en')}`,
    ja: (p, inner) => `${p.client} (${p.source}) の ${p.round} 回目のリクエスト: ${inner('ja')}`,
  },
  'mismatch.more-requests': {
    en: (p) => `…and ${p.count} more request mismatch(es)`,
    ja: (p) => `…ほかに ${p.count} 件のリクエストの不一致`,
  },
  'mismatch.per-target': {
    en: (p) =>
      `expected ${boundsText(p, 'en')} request(s) at ${p.every ? 'every target' : p.target}, ${p.target} answered ${p.count} (${countsEn(p)})`,
    ja: (p) =>
      `${p.every ? 'すべてのターゲット' : p.target} で ${boundsText(p, 'ja')} 件のリクエストのはずが、${p.target} は ${p.count} 件に応答 (${countsJa(p)})`,
  },
  'mismatch.targets': {
    en: (p) => `expected ${boundsText(p, 'en')} different target(s) to answer, ${p.count} did (${countsEn(p)})`,
    ja: (p) => `${boundsText(p, 'ja')} 台の異なるターゲットが応答するはずが、${p.count} 台だった (${countsJa(p)})`,
  },
  'mismatch.targets-per-client': {
    en: (p) =>
      `expected each client to reach ${boundsText(p, 'en')} target(s), ${p.client} (${p.source}) reached ${p.count} (${countsEn(p)})`,
    ja: (p) =>
      `各クライアントは ${boundsText(p, 'ja')} 台のターゲットに届くはずが、${p.client} (${p.source}) は ${p.count} 台 (${countsJa(p)})`,
  },
  'mismatch.more-clients': {
    en: (p) => `…and ${p.count} more client(s) like these`,
    ja: (p) => `…ほかに同様のクライアントが ${p.count} 件`,
  },
  'skip.source-not-an-address': {
    en: (p) => `${p.address} is not an IP address; a probe's source must be a loopback address such as 127.0.0.23.`,
    ja: (p) =>
      `${p.address} は IP アドレスではありません。プローブの送信元は 127.0.0.23 のようなループバックアドレスにしてください。`,
  },
  'skip.source-not-local': {
    en: (p) =>
      `${p.address} is not a local address on this machine (${p.error}), so curl --interface ${p.address} cannot use it. ` +
      `On Linux every 127.0.0.0/8 address is local; macOS has only 127.0.0.1 on lo0 — add this one with \`sudo ifconfig lo0 alias ${p.address} up\` and run again.`,
    ja: (p) =>
      `${p.address} はこのマシンのローカルアドレスではない (${p.error}) ため、curl --interface ${p.address} で使えません。` +
      `Linux では 127.0.0.0/8 のすべてのアドレスがローカルです。macOS の lo0 には 127.0.0.1 しかないので、\`sudo ifconfig lo0 alias ${p.address} up\` で追加してから再実行してください。`,
  },
};

const MESSAGES: MessageTexts = {
  ...OWN,
  ...MODEL_MESSAGES,
  ...RUN_MESSAGES,
  ...SETUP_MESSAGES,
  ...DOCTOR_MESSAGES,
  ...TEMPLATE_MESSAGES,
  ...START_MESSAGES,
  ...TOPOLOGY_MESSAGES,
};

/** A message in a language. */
export function say(message: Message, lang: Lang): string {
  const entry = MESSAGES[message.code];
  const inner = (l: Lang) => (message.inner ? say(message.inner, l) : '');
  const parts = (l: Lang) => (message.parts ?? []).map((part) => say(part, l));
  return entry[lang](message.params ?? {}, inner, parts);
}
