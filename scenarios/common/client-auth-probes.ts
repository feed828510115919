// The probes of seeds 000/001, shared by every scenario where nginx behind a TCP listener does the client auth. Only
// what seed 000's transcripts show is `observed` (docs/sources.md#claims); the PKCS#12 file it kept but never sent is
// `documented` (nginx verifies the same certificate, whatever file curl read it from).
import { cite, documented, observed } from '../../sandbox/evidence.js';
import type { ProbeSpec } from '../../sandbox/scenario.js';

const NGINX = cite('nginx-ssl', 'ssl_verify_client; error processing (400 pages)');
const SEED_000 = cite('seed-000');
const passthrough = (balancer: 'CLB' | 'NLB') =>
  balancer === 'CLB' ? cite('aws-clb-listeners') : cite('aws-tcp-passthrough');

export function clientAuthProbes(via: ProbeSpec['via'], targets: string[], balancer: 'CLB' | 'NLB'): ProbeSpec[] {
  return [
    {
      name: 'no-certificate',
      description: {
        en: `No client certificate through the ${balancer} (seed 000's HEAD, curl -I): nginx asks for one (Request CERT), the handshake completes, and nginx answers 400.`,
        ja: `${balancer} 経由でクライアント証明書なし (元記事 000 と同じ HEAD、curl -I): nginx が証明書を要求 (Request CERT) し、ハンドシェイクは完了するが nginx が 400 を返す。`,
      },
      via,
      client: { certificate: null, method: 'HEAD' },
      expect: {
        status: 400,
        connectionError: null,
        handshake: { clientCertificateRequested: true, clientCertificateSent: false },
        target: { oneOf: targets, details: { ssl_client_verify: 'NONE', status: '400' } },
      },
      evidence: observed(SEED_000, NGINX, passthrough(balancer)),
    },
    {
      name: 'clientA-certificate',
      description: {
        en: `Seed 000's command: curl -v -I --key … --cert … with clientA's certificate. nginx verifies it against privateCA and answers 200.`,
        ja: `元記事 000 と同じコマンド (curl -v -I --key … --cert …) で clientA の証明書を提示する。nginx が privateCA で検証し、200 を返す。`,
      },
      via,
      client: { certificate: 'clientA', form: 'pem', method: 'HEAD' },
      expect: {
        status: 200,
        connectionError: null,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: targets,
          details: { ssl_client_verify: 'SUCCESS' },
          detailsInclude: { ssl_client_s_dn: 'CN=clientA' },
        },
      },
      evidence: observed(SEED_000, NGINX, passthrough(balancer)),
    },
    {
      name: 'untrusted-ca',
      description: {
        en: 'A certificate from a CA nginx does not trust: the handshake completes, nginx answers 400 "The SSL certificate error".',
        ja: 'nginx が信頼しない CA の証明書: ハンドシェイクは完了し、nginx が 400「The SSL certificate error」を返す。',
      },
      via,
      client: { certificate: 'untrusted', form: 'pem', method: 'GET' },
      expect: {
        status: 400,
        bodyIncludes: 'The SSL certificate error',
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: targets, detailsInclude: { ssl_client_verify: 'FAILED' } },
      },
      evidence: documented(NGINX, passthrough(balancer)),
    },
    {
      name: 'pkcs12-bundle',
      description: {
        en: "The PKCS#12 form seed 000's author also kept (CLIENT_CERT.p12; its curl commands used the PEM files): the same clientA certificate and key in one file; 200 and the page names the instance that answered.",
        ja: '元記事 000 の筆者が PEM と別に作っていた PKCS#12 形式 (CLIENT_CERT.p12。記事の curl は PEM を使った): clientA の証明書と鍵を 1 ファイルで提示する。200 が返り、ページが応答したインスタンス名を示す。',
      },
      via,
      client: { certificate: 'clientA', form: 'p12', method: 'GET' },
      expect: {
        status: 200,
        bodyIncludes: 'Hello from',
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: targets, details: { ssl_client_verify: 'SUCCESS' } },
      },
      // Seed 000 made the .p12 but sent the PEM files: no transcript shows this one, so it is not `observed`.
      evidence: documented(NGINX, passthrough(balancer)),
    },
  ];
}
