// The lab's challenge for the passthrough lesson (docs/authoring.md#challenges): make a passthrough door check at the
// edge, with the AWS CLI against `mtls-sandbox up who-tells-the-target`.
import type { Challenge } from '../../sandbox/scenario.js';

const via = { loadBalancer: 'Alb', port: 8443 };

export const challenges: Challenge[] = [
  {
    id: 'check-at-the-edge',
    by: 'elbv2-api',
    goal: {
      en: "CfPassthrough and the ALB's port 8443 both pass the client's certificate on without checking it: the target has to. Make the ALB's passthrough door check at the edge, as CfRequired does: a client without a certificate and the untrusted client are refused in the handshake, and clientA reaches alb-app, which learns clientA's verified subject from the ALB.",
      ja: 'CfPassthrough と ALB のポート 8443 はどちらもクライアント証明書を検証せずに渡す: 検証はターゲットの仕事になる。CfRequired のように、ALB のパススルーの入口で検証するようにする: 証明書のないクライアントと untrusted クライアントはハンドシェイクで拒否され、clientA は alb-app に届き、alb-app は clientA の検証済みサブジェクトを ALB から知る。',
    },
    hint: {
      en: "One ModifyListener on Alb HTTPS:8443: --mutual-authentication Mode=verify,TrustStoreArn=… (the stack's trust store: aws elbv2 describe-trust-stores). CloudFront is not in the ELBv2 API: to do the same on CfPassthrough, copy the scenario (mtls-sandbox new … --from who-tells-the-target) and give that distribution mode 'required' and the trust store in its stack.ts.",
      ja: 'Alb HTTPS:8443 に ModifyListener を 1 回: --mutual-authentication Mode=verify,TrustStoreArn=… (スタックのトラストストア: aws elbv2 describe-trust-stores)。CloudFront は ELBv2 API にない: CfPassthrough で同じことをするには、シナリオをコピーし (mtls-sandbox new … --from who-tells-the-target)、その stack.ts でディストリビューションをモード required にしてトラストストアを付ける。',
    },
    check: [
      {
        name: 'no-certificate-refused',
        goal: {
          en: 'A client without a certificate is refused in the handshake: no HTTP answer, no target.',
          ja: '証明書のないクライアントはハンドシェイクで拒否される: HTTP の応答もターゲットもない。',
        },
        via,
        client: { certificate: null, method: 'GET' },
        expect: { status: null, target: null },
      },
      {
        name: 'untrusted-refused',
        goal: {
          en: 'The untrusted client (signed by untrustedCA) is refused in the handshake.',
          ja: 'untrusted クライアント (untrustedCA が署名) はハンドシェイクで拒否される。',
        },
        via,
        client: { certificate: 'untrusted', method: 'GET' },
        expect: { status: null, target: null },
      },
      {
        name: 'clientA-verified-at-the-edge',
        goal: {
          en: "clientA reaches alb-app, which receives clientA's subject as the ALB verified it (X-Amzn-Mtls-Clientcert-Subject).",
          ja: 'clientA は alb-app に届き、alb-app は ALB が検証した clientA のサブジェクト (X-Amzn-Mtls-Clientcert-Subject) を受け取る。',
        },
        via,
        client: { certificate: 'clientA', method: 'GET' },
        expect: {
          status: 200,
          target: { oneOf: ['alb-app'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientA.subject}' } },
        },
      },
    ],
  },
];
