// A handshake step (sandbox/report.ts HandshakeStep) in words, English or Japanese. Pure.
import type { HandshakeStep } from '../../sandbox/report.js';
import type { Lang } from '../../sandbox/text.js';

type P = HandshakeStep['params'];
const s = (value: P[string] | undefined) => (value === null || value === undefined ? '' : String(value));

/** Names of TLS messages are the protocol's own; only the explained ones are translated. */
const NAMES: Partial<Record<HandshakeStep['kind'], string>> = {
  'client-hello': 'ClientHello',
  'server-hello': 'ServerHello',
  'encrypted-extensions': 'EncryptedExtensions',
  'server-certificate': 'Server Certificate',
  'server-key-exchange': 'ServerKeyExchange',
  'server-hello-done': 'ServerHelloDone',
  'client-key-exchange': 'ClientKeyExchange',
  'server-certificate-verify': 'Server CertificateVerify',
  finished: 'Finished',
  'new-session-ticket': 'NewSessionTicket',
  'change-cipher-spec': 'ChangeCipherSpec',
};

const FIELD_JA: Record<string, string> = { subject: 'サブジェクト', issuer: '発行者', serial: 'シリアル' };

function english(step: HandshakeStep): string {
  const p = step.params;
  switch (step.kind) {
    case 'connected':
      return s(p.text);
    case 'certificate-request':
      return step.direction === 'in'
        ? 'CertificateRequest: the server asks for a client certificate'
        : 'CertificateRequest';
    case 'client-certificate':
      return p.empty
        ? 'Client Certificate: empty, curl has no certificate to send'
        : 'Client Certificate: curl sends its certificate';
    case 'client-certificate-verify':
      return 'Client CertificateVerify: proves the client holds the certificate key';
    case 'tls-message':
      return `${s(p.record)}, ${s(p.name)}`;
    case 'alert':
      return `Alert from ${p.from === 'server' ? 'server' : 'curl'}: ${s(p.name)}${p.fatal ? ' (fatal)' : ''}`;
    case 'tls-established':
      return `TLS established: ${s(p.version)} / ${s(p.cipher)}`;
    case 'alpn':
      return p.protocol === null ? 'ALPN: server chose no protocol' : `ALPN: server chose ${s(p.protocol)}`;
    case 'server-certificate-field':
      return `Server certificate ${s(p.field)}: ${s(p.value)}`;
    case 'certificate-problem':
      return s(p.problem);
    case 'tls-error':
      return `TLS error: ${s(p.reason)}`;
    case 'connection-error':
      return p.error === 'Connection reset by peer' ? 'Connection reset by peer (TCP RST)' : s(p.error);
    case 'http-request':
      return `HTTP request ${s(p.method)} ${s(p.path)}`;
    case 'http-response':
      return `HTTP ${s(p.text)}`;
    case 'proxy-connect':
      return `Proxy CONNECT ${s(p.target)}`;
    case 'proxy-response':
      return `Proxy answered CONNECT: ${s(p.text)}`;
    case 'curl-failed':
      return `curl failed (${s(p.code)}): ${s(p.message)}`;
    default:
      return NAMES[step.kind] ?? step.kind;
  }
}

function japanese(step: HandshakeStep): string {
  const p = step.params;
  switch (step.kind) {
    case 'certificate-request':
      return step.direction === 'in' ? 'CertificateRequest: サーバーがクライアント証明書を要求' : 'CertificateRequest';
    case 'client-certificate':
      return p.empty ? 'Client Certificate: 空 (curl に送る証明書がない)' : 'Client Certificate: curl が証明書を送信';
    case 'client-certificate-verify':
      return 'Client CertificateVerify: 証明書の秘密鍵を持つことを証明';
    case 'alert':
      return `${p.from === 'server' ? 'サーバー' : 'curl '}からのアラート: ${s(p.name)}${p.fatal ? ' (致命的)' : ''}`;
    case 'tls-established':
      return `TLS 確立: ${s(p.version)} / ${s(p.cipher)}`;
    case 'alpn':
      return p.protocol === null ? 'ALPN: サーバーはプロトコルを選ばない' : `ALPN: サーバーが ${s(p.protocol)} を選択`;
    case 'server-certificate-field':
      return `サーバー証明書の${FIELD_JA[s(p.field)] ?? s(p.field)}: ${s(p.value)}`;
    case 'tls-error':
      return `TLS エラー: ${s(p.reason)}`;
    case 'connection-error':
      return p.error === 'Connection reset by peer' ? '相手が接続をリセット (TCP RST)' : s(p.error);
    case 'http-request':
      return `HTTP リクエスト ${s(p.method)} ${s(p.path)}`;
    case 'proxy-connect':
      return `プロキシへの CONNECT ${s(p.target)}`;
    case 'proxy-response':
      return `プロキシが CONNECT に応答: ${s(p.text)}`;
    case 'curl-failed':
      return `curl 失敗 (${s(p.code)}): ${s(p.message)}`;
    default:
      return english(step);
  }
}

export function stepText(step: HandshakeStep, lang: Lang): string {
  return lang === 'ja' ? japanese(step) : english(step);
}

/** → sent by the client, ← received from the server, · the client's own remark. */
export const STEP_ARROWS: Record<HandshakeStep['direction'], string> = { in: '←', out: '→', info: '·' };

/** A step as a sequence diagram's arrow says it: the message's name and the one fact that matters, briefly. */
export function shortStepText(step: HandshakeStep, lang: Lang): string {
  const p = step.params;
  const ja = lang === 'ja';
  switch (step.kind) {
    case 'server-certificate':
      return ja ? 'Certificate (サーバー)' : 'Certificate (server)';
    case 'certificate-request':
      return 'CertificateRequest';
    case 'client-certificate':
      return p.empty
        ? ja
          ? 'Certificate (空)'
          : 'Certificate (empty)'
        : ja
          ? 'Certificate (クライアント)'
          : 'Certificate (client)';
    case 'client-certificate-verify':
      return 'CertificateVerify';
    case 'server-certificate-verify':
      return ja ? 'CertificateVerify (サーバー)' : 'CertificateVerify (server)';
    case 'alert':
      return `${ja ? 'アラート' : 'alert'}: ${s(p.name)}`;
    case 'connection-error':
      return p.error === 'Connection reset by peer' ? 'TCP RST' : s(p.error);
    case 'http-request':
      return `${s(p.method)} ${s(p.path)}`;
    case 'http-response':
      return `HTTP ${s(p.text)}`;
    case 'tls-error':
      return `${ja ? 'TLS エラー' : 'TLS error'}: ${s(p.reason)}`;
    default:
      return stepText(step, lang);
  }
}
