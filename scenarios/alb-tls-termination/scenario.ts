import { cite, documented } from '../../sandbox/evidence.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { ALB_TO_NLB_TRADEOFFS } from '../common/stories.js';

const NO_MTLS = cite('aws-alb-no-mtls');
const OFF = cite('aws-alb-mtls', 'Mutual authentication off (the default)');

export default defineScenario({
  id: 'alb-tls-termination',
  title: {
    en: 'ALB terminating TLS (before mutual TLS): nobody asks for a client certificate',
    ja: 'TLS を終端する ALB (相互 TLS 以前): 誰もクライアント証明書を求めない',
  },
  summary: {
    en: "An ALB HTTPS listener ends TLS itself and sends no CertificateRequest, so a client certificate never reaches nginx behind it and every client gets through. This is why seed 000 put nginx behind CLB and NLB TCP listeners (ELB had no client authentication then), why seed 001 chose an NLB over an ALB, and why seed 003's design study concluded that it would need an NLB.",
    ja: 'ALB の HTTPS リスナーは自分で TLS を終端し CertificateRequest を送らないため、クライアント証明書は背後の nginx に届かず、どのクライアントも通ってしまう。元記事 000 が CLB と NLB の TCP リスナーの背後に nginx を置き (当時の ELB にはクライアント認証の機能がなかった)、元記事 001 が ALB ではなく NLB を選び、元記事 003 の検討が NLB が必要だと結論したのはこのためである。',
  },
  story: ALB_TO_NLB_TRADEOFFS,
  compareWith: ['nlb-tcp-passthrough'],
  seeds: ['003'],
  tags: ['alb', 'https', 'tls-termination', 'x-forwarded-for'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { WebTargets: [{ kind: 'nginx', name: 'web-1', profile: 'plain-http' }] },
  probes: [
    {
      name: 'no-certificate',
      description: {
        en: 'No client certificate: the ALB does not ask for one and forwards the request; nginx answers 200.',
        ja: 'クライアント証明書なし: ALB は証明書を要求せずリクエストを転送し、nginx が 200 を返す。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: null, method: 'GET' },
      expect: {
        status: 200,
        bodyIncludes: 'Hello from web-1',
        handshake: { clientCertificateRequested: false, clientCertificateSent: false },
        target: {
          oneOf: ['web-1'],
          details: { ssl_client_verify: '' },
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-port': '443', 'x-forwarded-for': '127.0.0.1' },
        },
      },
      evidence: documented(NO_MTLS, OFF),
    },
    {
      name: 'clientA-offers-certificate',
      description: {
        en: 'clientA has a certificate ready, but the server never asks, so curl sends none: nginx behind the ALB cannot authenticate anyone.',
        ja: 'clientA は証明書を用意しているが、サーバーが要求しないので curl は送らない。ALB の背後の nginx は誰も認証できない。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        handshake: { clientCertificateRequested: false, clientCertificateSent: false },
        target: {
          oneOf: ['web-1'],
          details: { ssl_client_verify: '' },
          headers: { 'x-amzn-mtls-clientcert-subject': null, 'x-amzn-mtls-clientcert': null },
        },
      },
      evidence: documented(NO_MTLS, OFF, cite('aws-alb-http-headers')),
    },
  ],
  explain: {
    en: `What to notice:
- No "Request CERT" line in either handshake: the TLS session ends at the ALB, which (without mutual authentication) never asks for a certificate. curl only sends one when asked.
- nginx behind the ALB sees plain HTTP from the ALB: no TLS variables, the ALB's address as the peer, and the client in X-Forwarded-For — it has nothing to authenticate a client with.
- Before November 2023 this was the only ALB there was, so teams that needed client certificates put an NLB with a TCP listener in front of nginx (see nlb-tcp-passthrough) and gave up what the ALB offered (see the trade-off scenarios). alb-mtls-verify-headers shows what changed.`,
    ja: `注目点:
- どちらのハンドシェイクにも「Request CERT」がない。TLS セッションは ALB で終端し、相互 TLS なしの ALB は証明書を要求しない。curl は要求されたときだけ証明書を送る。
- ALB の背後の nginx に届くのは ALB からの平文 HTTP である。TLS 変数はなく、送信元アドレスは ALB のもので、クライアントは X-Forwarded-For にしか現れない。クライアントを認証する手段がない。
- 2023 年 11 月まではこれが ALB のすべてだったため、クライアント証明書が必要なチームは nginx の前に TCP リスナーの NLB を置き (nlb-tcp-passthrough を参照)、ALB の機能を手放した (トレードオフのシナリオを参照)。何が変わったかは alb-mtls-verify-headers で確かめられる。`,
  },
});
