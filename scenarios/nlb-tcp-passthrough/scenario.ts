import { cite, documented } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import { clientAuthProbes } from '../common/client-auth-probes.js';
import { CLIENT_AUTH_BEHIND_CLB_NLB } from '../common/stories.js';

const targets = ['web-1', 'web-2'];
const via = { loadBalancer: 'Nlb', port: 443 };
const NO_CERTIFICATE_LOGGED = 'client sent no required SSL certificate while reading client request headers';

const [headWithout, ...withCertificates] = clientAuthProbes(via, targets, 'NLB');

/**
 * Seed 000's HEAD, as it ran it: its empty 400 says nothing, so the lesson is in what nginx saw — ssl_client_verify
 * NONE and its error-log line.
 */
const noCertificate: ProbeSpec = {
  ...headWithout!,
  expect: {
    ...headWithout!.expect,
    target: {
      ...headWithout!.expect.target!,
      detailsInclude: { error_log: NO_CERTIFICATE_LOGGED },
    },
  },
};

/** The same client asking with GET: the body is nginx's page, which says why in words. */
const noCertificateGet: ProbeSpec = {
  name: 'no-certificate-get',
  description: {
    en: 'The same client without a certificate, asking with GET instead of HEAD: the 400 now has a body, nginx\'s page "No required SSL certificate was sent".',
    ja: '同じく証明書なしのクライアントが HEAD ではなく GET で要求する: 400 に本文が付き、nginx のページ「No required SSL certificate was sent」が返る。',
  },
  via,
  client: { certificate: null, method: 'GET' },
  expect: {
    status: 400,
    bodyIncludes: 'No required SSL certificate was sent',
    connectionError: null,
    handshake: { clientCertificateRequested: true, clientCertificateSent: false },
    target: {
      oneOf: targets,
      details: { ssl_client_verify: 'NONE', status: '400' },
      detailsInclude: { error_log: NO_CERTIFICATE_LOGGED },
    },
  },
  evidence: documented(
    cite('nginx-ssl', 'ssl_verify_client; error processing (400 pages)'),
    cite('aws-tcp-passthrough'),
  ),
};

export default defineScenario({
  id: 'nlb-tcp-passthrough',
  title: {
    en: 'NLB with a TCP listener: nginx authenticates the client',
    ja: 'TCP リスナーの NLB: クライアント認証は nginx が行う',
  },
  summary: {
    en: 'A Network Load Balancer with a TCP listener forwards the TLS stream untouched, so nginx behind it asks for and checks the client certificate (seeds 000 and 001).',
    ja: 'TCP リスナーの Network Load Balancer は TLS のバイト列をそのまま転送するため、背後の nginx がクライアント証明書を要求・検証する (元記事 000・001)。',
  },
  story: CLIENT_AUTH_BEHIND_CLB_NLB,
  seeds: ['000', '001'],
  tags: ['nlb', 'tcp', 'passthrough', 'nginx', 'client-auth'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    WebTargets: [
      { kind: 'nginx', name: 'web-1', profile: 'client-auth' },
      { kind: 'nginx', name: 'web-2', profile: 'client-auth' },
    ],
  },
  probes: [noCertificate, noCertificateGet, ...withCertificates],
  explain: {
    en: `What to notice:
- "Request CERT" in every handshake comes from nginx, not from the load balancer: the NLB's TCP listener passes the TLS bytes through, so the TLS session is between curl and nginx.
- Without a certificate the TLS handshake still succeeds; it is nginx's HTTP layer that answers 400 "No required SSL certificate was sent" (ssl_verify_client on). Seed 000's HEAD shows only "400 Bad Request"; nginx's error log says why ("client sent no required SSL certificate while reading client request headers", ssl_client_verify = NONE), and a GET shows the page.
- nginx saw ssl_client_verify = SUCCESS and the client's subject for clientA, and FAILED for the untrusted CA.
- The answering instance (web-1 or web-2) varies by connection: an NLB picks a target per flow (a hash of addresses and ports).
- A TLS listener would end TLS at the NLB and nginx would never see a client certificate; that is why seeds 000 and 001 use TCP.`,
    ja: `注目点:
- どのハンドシェイクでも「Request CERT」を送っているのはロードバランサーではなく nginx である。NLB の TCP リスナーは TLS のバイト列をそのまま通すので、TLS セッションは curl と nginx の間で張られる。
- 証明書なしでも TLS ハンドシェイク自体は成功し、HTTP 層で nginx が 400「No required SSL certificate was sent」を返す (ssl_verify_client on)。元記事 000 の HEAD では「400 Bad Request」しか見えないが、nginx のエラーログに理由 (「client sent no required SSL certificate while reading client request headers」、ssl_client_verify = NONE) が残り、GET ならそのページが返る。
- nginx 側では clientA のとき ssl_client_verify = SUCCESS とサブジェクトが、信頼しない CA のときは FAILED が記録される。
- 応答するインスタンス (web-1 / web-2) は接続ごとに変わる。NLB はフロー (アドレスとポートのハッシュ) ごとにターゲットを選ぶ。
- TLS リスナーにすると TLS は NLB で終端され、nginx にクライアント証明書は届かない。元記事が TCP リスナーを使うのはこのためである。`,
  },
});
