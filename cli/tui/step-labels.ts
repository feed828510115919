// The transcript parser names handshake steps in English; these are the same names in Japanese for the UI.
// Unknown labels are shown as they are. Pure.
import type { Lang } from '../../sandbox/text.js';

const EXACT: Record<string, string> = {
  'CertificateRequest: the server asks for a client certificate':
    'CertificateRequest: サーバーがクライアント証明書を要求',
  'Client Certificate: curl sends its certificate': 'Client Certificate: curl が証明書を送信',
  'Client Certificate: empty, curl has no certificate to send': 'Client Certificate: 空 (curl に送る証明書がない)',
  'Client CertificateVerify: proves the client holds the certificate key':
    'Client CertificateVerify: 証明書の秘密鍵を持つことを証明',
  'ALPN: server chose no protocol': 'ALPN: サーバーはプロトコルを選ばない',
  'Connection reset by peer (TCP RST)': '相手が接続をリセット (TCP RST)',
};

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^TLS established: (.*)$/, (m) => `TLS 確立: ${m[1]}`],
  [/^ALPN: server chose (.*)$/, (m) => `ALPN: サーバーが ${m[1]} を選択`],
  [/^Server certificate subject: (.*)$/, (m) => `サーバー証明書のサブジェクト: ${m[1]}`],
  [/^Server certificate issuer: (.*)$/, (m) => `サーバー証明書の発行者: ${m[1]}`],
  [/^Server certificate serial: (.*)$/, (m) => `サーバー証明書のシリアル: ${m[1]}`],
  [/^HTTP request (.*)$/, (m) => `HTTP リクエスト ${m[1]}`],
  [/^Alert from server: (.*?)( \(fatal\))?$/, (m) => `サーバーからのアラート: ${m[1]}${m[2] ? ' (致命的)' : ''}`],
  [/^Alert from curl: (.*?)( \(fatal\))?$/, (m) => `curl からのアラート: ${m[1]}${m[2] ? ' (致命的)' : ''}`],
  [/^TLS error: (.*)$/, (m) => `TLS エラー: ${m[1]}`],
  [/^curl failed \((\d+)\): (.*)$/, (m) => `curl 失敗 (${m[1]}): ${m[2]}`],
];

export function stepLabel(label: string, lang: Lang): string {
  if (lang === 'en') return label;
  const exact = EXACT[label];
  if (exact) return exact;
  for (const [pattern, translate] of PATTERNS) {
    const m = pattern.exec(label);
    if (m) return translate(m);
  }
  return label;
}
