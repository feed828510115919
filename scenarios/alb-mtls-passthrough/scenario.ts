import { assumed, cite, documented } from '../../sandbox/evidence.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';

const PASSTHROUGH = cite('aws-alb-mtls-passthrough');

export default defineScenario({
  id: 'alb-mtls-passthrough',
  title: {
    en: 'ALB mutual TLS, passthrough mode: any certificate gets through; the target must verify it',
    ja: 'ALB の相互 TLS パススルーモード: どの証明書も通る。検証はターゲットの仕事',
  },
  summary: {
    en: 'In passthrough mode the ALB requests a client certificate but does not verify it: trusted and untrusted clients alike reach the target, which receives the whole presented chain in X-Amzn-Mtls-Clientcert and has to verify it itself.',
    ja: 'パススルーモードの ALB はクライアント証明書を要求するが検証しない。信頼された証明書も信頼されない証明書もターゲットに届き、ターゲットは X-Amzn-Mtls-Clientcert で提示されたチェーン全体を受け取り、自分で検証しなければならない。',
  },
  story: ALB_MTLS,
  seeds: ['004'],
  tags: ['alb', 'mtls', 'passthrough'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { EchoTargets: [{ kind: 'echo', name: 'echo-1' }] },
  probes: [
    {
      name: 'clientA',
      description: {
        en: "clientA's certificate: 200; the target receives X-Amzn-Mtls-Clientcert, the URL-encoded PEM — and no verified fields.",
        ja: 'clientA の証明書: 200。ターゲットは X-Amzn-Mtls-Clientcert (URL エンコードした PEM) を受け取るが、検証済みのフィールドは届かない。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['echo-1'],
          headers: {
            'x-amzn-mtls-clientcert': '{clientA.leaf}',
            'x-amzn-mtls-clientcert-subject': null,
            'x-amzn-mtls-clientcert-serial-number': null,
          },
        },
      },
      evidence: documented(PASSTHROUGH),
    },
    {
      name: 'untrusted-ca-gets-through',
      description: {
        en: 'A certificate from a CA nobody trusts: the ALB lets it through all the same — only the target can refuse it.',
        ja: '誰も信頼しない CA の証明書: ALB はそれでも通す。拒否できるのはターゲットだけ。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'untrusted', method: 'GET' },
      expect: {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert': '{untrusted.leaf}' } },
      },
      evidence: documented(PASSTHROUGH),
    },
    {
      name: 'no-certificate',
      description: {
        en: 'No certificate at all: still 200; the target receives no X-Amzn-Mtls-Clientcert header.',
        ja: '証明書なし: それでも 200。ターゲットには X-Amzn-Mtls-Clientcert ヘッダーが届かない。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: null, method: 'GET' },
      expect: {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: false },
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert': null } },
      },
      evidence: assumed(
        {
          en: 'AWS documents what passthrough sends when a certificate is presented, not what happens without one; the sandbox lets the client through with no X-Amzn-Mtls-Clientcert header, as nothing is verified in this mode.',
          ja: 'パススルーモードで証明書が提示された場合に送るものは AWS のドキュメントに記載されているが、証明書がない場合は記載がない。このモードでは何も検証しないので、サンドボックスは X-Amzn-Mtls-Clientcert ヘッダーなしで通す。',
        },
        PASSTHROUGH,
      ),
    },
  ],
  explain: {
    en: `What to notice:
- The ALB sends "Request CERT" but accepts whatever comes back, even a certificate from an unknown CA, or nothing.
- The target gets X-Amzn-Mtls-Clientcert: the presented chain as URL-encoded PEM. It must parse and verify it (chain, validity, revocation) before trusting the client — the ALB has checked nothing.
- The verified headers of verify mode (-Subject, -Serial-Number…) are absent. Compare alb-mtls-verify-headers.`,
    ja: `注目点:
- ALB は「Request CERT」を送るが、返ってきたものは何でも受け入れる。未知の CA の証明書でも、証明書なしでも。
- ターゲットには X-Amzn-Mtls-Clientcert (提示されたチェーンの URL エンコード PEM) が届く。クライアントを信頼する前に、ターゲット自身がチェーン・有効期間・失効を検証しなければならない。ALB は何も検証していない。
- 検証モードの検証済みヘッダー (-Subject、-Serial-Number など) はない。alb-mtls-verify-headers と比べてみよう。`,
  },
});
