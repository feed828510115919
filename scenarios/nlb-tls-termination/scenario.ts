import { cite, documented, observed } from '../../sandbox/evidence.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { NLB_MTLS } from '../common/stories.js';

const TLS_LISTENER = cite('aws-nlb-tls-listener');
const TCP_LISTENER = cite('aws-tcp-passthrough', 'TCP listeners pass encrypted traffic through to the targets');
const NGINX = cite('nginx-ssl', 'ssl_verify_client; error processing (400 pages)');
const SEED_000 = cite('seed-000');

const tls = { loadBalancer: 'Nlb', port: 443 };
const tcp = { loadBalancer: 'Nlb', port: 8443 };

export default defineScenario({
  id: 'nlb-tls-termination',
  title: {
    en: 'NLB TLS listener: TLS ends at the NLB, and nginx behind it never sees the client certificate',
    ja: 'NLB の TLS リスナー: TLS は NLB で終端し、背後の nginx はクライアント証明書を一度も見ない',
  },
  summary: {
    en: 'Why seeds 000 and 001 used TCP listeners: on a TLS listener the NLB ends the client’s TLS and opens a new TLS connection of its own to nginx, which asks for a certificate and gets none — 400 "No required SSL certificate was sent", with or without one on the client. On the TCP listener next to it the same nginx verifies clientA and answers 200.',
    ja: '元記事 000・001 が TCP リスナーを使った理由: TLS リスナーでは NLB がクライアントの TLS を終端し、自分で nginx へ新しい TLS 接続を張る。nginx は証明書を求めるが何も届かず、クライアントが証明書を持っていても持っていなくても 400「No required SSL certificate was sent」になる。隣の TCP リスナーでは同じ nginx が clientA を検証して 200 を返す。',
  },
  story: NLB_MTLS,
  compareWith: ['nlb-tcp-passthrough', 'nlb-mtls-identity-filters'],
  seeds: ['000', '001'],
  tags: ['nlb', 'tls-listener', 'tcp', 'passthrough', 'nginx', 'termination'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    TlsTargets: [{ kind: 'nginx', name: 'web-1', profile: 'client-auth' }],
    TcpTargets: [{ kind: 'nginx', name: 'web-1', profile: 'client-auth' }],
  },
  probes: [
    {
      name: 'clientA-through-tls-listener',
      description: {
        en: 'clientA through the TLS listener: the NLB asks for no certificate (this listener has no mutual TLS), ends TLS itself under its TLS 1.3 policy, and connects to nginx over TLS of its own. nginx asks the NLB for a certificate, gets none, and answers 400 — clientA’s certificate never left the client.',
        ja: 'TLS リスナー経由の clientA: NLB は証明書を求めず (このリスナーに相互 TLS はない)、TLS 1.3 のポリシーで自ら TLS を終端し、自分の TLS 接続で nginx につなぐ。nginx は NLB に証明書を求めるが何も届かず、400 を返す。clientA の証明書はクライアントから一度も出ていない。',
      },
      via: tls,
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 400,
        bodyIncludes: 'No required SSL certificate was sent',
        handshake: { clientCertificateRequested: false, clientCertificateSent: false, tlsVersion: 'TLSv1.3' },
        target: { oneOf: ['web-1'], details: { ssl_client_verify: 'NONE' } },
      },
      evidence: documented(TLS_LISTENER, TCP_LISTENER, NGINX),
    },
    {
      name: 'rfc9151-strict-policy',
      description: {
        en: "clientA through a TLS listener under ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07 (RFC 9151, CNSA 1.0, August 2026): TLS 1.3 with the single cipher TLS_AES_256_GCM_SHA384, and key exchange on P-384 although curl offers X25519 first. nginx behind it still answers 400: the policy is the front end's, not a client certificate.",
        ja: 'ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07 (RFC 9151、CNSA 1.0、2026 年 8 月) の TLS リスナー経由の clientA: TLS 1.3 で、暗号は TLS_AES_256_GCM_SHA384 だけ、鍵交換は curl が X25519 を先に提示しても P-384。背後の nginx はやはり 400 を返す: ポリシーはフロントエンドのもので、クライアント証明書ではない。',
      },
      via: { loadBalancer: 'Nlb', port: 9443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 400,
        handshake: { clientCertificateRequested: false, tlsVersion: 'TLSv1.3' },
        connectionLog: { tls_cipher: 'TLS_AES_256_GCM_SHA384', tls_keyexchange: 'secp384r1' },
        target: { oneOf: ['web-1'] },
      },
      evidence: documented(
        cite('aws-nlb-security-policies', 'RFC 9151'),
        cite('aws-alb-security-policies', 'RFC 9151'),
        cite('rfc-9151', 'ECDHE on P-384; AES-256-GCM'),
      ),
    },
    {
      name: 'no-certificate-through-tls-listener',
      description: {
        en: 'No client certificate through the TLS listener: exactly the same 400 from nginx. Behind a TLS listener nginx cannot tell a client with a certificate from one without.',
        ja: 'TLS リスナー経由で証明書なし: nginx からまったく同じ 400 が返る。TLS リスナーの背後では、nginx は証明書を持つクライアントと持たないクライアントを見分けられない。',
      },
      via: tls,
      client: { certificate: null, method: 'GET' },
      expect: {
        status: 400,
        bodyIncludes: 'No required SSL certificate was sent',
        handshake: { clientCertificateRequested: false },
        target: { oneOf: ['web-1'], details: { ssl_client_verify: 'NONE' } },
      },
      evidence: documented(TLS_LISTENER, NGINX),
    },
    {
      name: 'clientA-through-tcp-listener',
      description: {
        en: 'clientA through the TCP listener in front of the same nginx (the design of seeds 000 and 001): the handshake is between curl and nginx, nginx asks for the certificate (Request CERT), verifies it against privateCA and answers 200.',
        ja: '同じ nginx の前の TCP リスナー経由の clientA (元記事 000・001 の構成): ハンドシェイクは curl と nginx の間で行う。nginx が証明書を要求 (Request CERT) し、privateCA で検証して 200 を返す。',
      },
      via: tcp,
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['web-1'],
          details: { ssl_client_verify: 'SUCCESS' },
          detailsInclude: { ssl_client_s_dn: 'CN=clientA' },
        },
      },
      evidence: observed(SEED_000, TCP_LISTENER, NGINX),
    },
    {
      name: 'no-certificate-through-tcp-listener',
      description: {
        en: 'No certificate through the TCP listener: nginx itself asks for one, the handshake completes, and nginx answers 400 — the target can tell, because the TLS session is its own.',
        ja: 'TCP リスナー経由で証明書なし: nginx 自身が証明書を要求し、ハンドシェイクは完了して nginx が 400 を返す。TLS セッションが nginx 自身のものなので、ターゲットが見分けられる。',
      },
      via: tcp,
      client: { certificate: null, method: 'GET' },
      expect: {
        status: 400,
        bodyIncludes: 'No required SSL certificate was sent',
        handshake: { clientCertificateRequested: true, clientCertificateSent: false },
        target: { oneOf: ['web-1'], details: { ssl_client_verify: 'NONE' } },
      },
      // Seed 000 saw this 400 (a HEAD: no page); the page's words are nginx's, as its documentation says.
      evidence: documented(NGINX, TCP_LISTENER, SEED_000),
    },
  ],
  explain: {
    en: `What to notice:
- Through the TLS listener there is no "Request CERT" in curl's handshake: the NLB ends the TLS session, and this listener has no mutual TLS. curl's TLS 1.3 comes from the listener's security policy, not from nginx.
- The NLB then opens a TLS connection of its own to nginx (the target group's protocol is TLS). nginx does ask for a client certificate there, but the NLB has none to give: $ssl_client_verify is NONE and nginx answers 400, whether curl had clientA's certificate or not.
- Through the TCP listener on 8443 the same nginx verifies clientA and answers 200: the TLS session is between curl and nginx. This is why seeds 000 and 001 put nginx behind TCP listeners, and why seed 003's design study chose an NLB.
- Since November 2026 the TLS listener can do the checking itself (mutual TLS in verify mode): see nlb-mtls-identity-filters. The target still never sees the certificate.`,
    ja: `注目点:
- TLS リスナー経由では curl のハンドシェイクに「Request CERT」がない。TLS セッションは NLB が終端し、このリスナーには相互 TLS がない。curl の TLS 1.3 は nginx ではなく、リスナーのセキュリティポリシーによるものである。
- NLB はその後、自分で nginx への TLS 接続を張る (ターゲットグループのプロトコルが TLS)。nginx はそこでクライアント証明書を求めるが、NLB には渡すものがない。$ssl_client_verify は NONE で、curl が clientA の証明書を持っていてもいなくても nginx は 400 を返す。
- 8443 の TCP リスナー経由では同じ nginx が clientA を検証して 200 を返す。TLS セッションは curl と nginx の間にある。元記事 000・001 が nginx を TCP リスナーの背後に置き、元記事 003 の検討が NLB を選んだのはこのためである。
- 2026 年 11 月からは TLS リスナー自身が検証できる (相互 TLS の検証モード): nlb-mtls-identity-filters を参照。それでもターゲットが証明書を見ることはない。`,
  },
});
