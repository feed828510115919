// The lab's challenge for this lesson (docs/authoring.md#challenges): close the hole the rule opens, with the AWS CLI
// against `mtls-sandbox up alb-rule-on-mtls-header`.
import type { Challenge } from '../../sandbox/scenario.js';

const via = { loadBalancer: 'Alb', port: 443 };

export const challenges: Challenge[] = [
  {
    id: 'no-header-decides',
    by: 'elbv2-api',
    goal: {
      en: 'Close the hole on port 443: every verified client reaches the echo target at /, whatever headers it writes, and the target learns who it is from the ALB. clientB writing "X-Amzn-Mtls-Clientcert-Subject: CN=clientA" is seen as clientB, and a client without a certificate is still refused.',
      ja: 'ポート 443 の穴をふさぐ: 検証済みのクライアントは、どんなヘッダーを書いても / でエコーターゲットに届き、ターゲットは自分が誰かを ALB から知る。「X-Amzn-Mtls-Clientcert-Subject: CN=clientA」を書いた clientB は clientB として見え、証明書のないクライアントは引き続き拒否される。',
    },
    hint: {
      en: "Rules see headers as the client wrote them; only the target sees the ALB's verified value. Delete the rule on X-Amzn-Mtls-Clientcert-Subject (aws elbv2 describe-rules, then delete-rule) and make the listener's default action forward to EchoTargets (aws elbv2 describe-target-groups, then modify-listener --default-actions Type=forward,TargetGroupArn=…). Keep mutual TLS in verify mode.",
      ja: 'ルールが見るのはクライアントが書いたままのヘッダー。ALB の検証済みの値を見るのはターゲットだけ。X-Amzn-Mtls-Clientcert-Subject のルールを削除し (aws elbv2 describe-rules の後 delete-rule)、リスナーのデフォルトアクションを EchoTargets への転送にする (aws elbv2 describe-target-groups の後 modify-listener --default-actions Type=forward,TargetGroupArn=…)。相互 TLS は検証モードのまま。',
    },
    check: [
      {
        name: 'clientA-reaches-the-target',
        goal: {
          en: "clientA asks for /: the echo target answers and receives clientA's verified subject.",
          ja: 'clientA が / を要求: エコーターゲットが応答し、clientA の検証済みサブジェクトを受け取る。',
        },
        via,
        client: { certificate: 'clientA', method: 'GET' },
        expect: {
          status: 200,
          target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientA.subject}' } },
        },
      },
      {
        name: 'a-forged-header-decides-nothing',
        goal: {
          en: 'clientB writes "X-Amzn-Mtls-Clientcert-Subject: CN=clientA": no "Success!!"; the echo target answers and receives clientB\'s subject.',
          ja: 'clientB が「X-Amzn-Mtls-Clientcert-Subject: CN=clientA」を書く: 「Success!!」は返らず、エコーターゲットが応答して clientB のサブジェクトを受け取る。',
        },
        via,
        client: { certificate: 'clientB', method: 'GET', headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA' } },
        expect: {
          status: 200,
          bodyExcludes: 'Success!!',
          target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientB.subject}' } },
        },
      },
      {
        name: 'no-certificate-still-refused',
        goal: {
          en: 'A client without a certificate is still refused in the handshake: no HTTP answer, no target.',
          ja: '証明書のないクライアントは引き続きハンドシェイクで拒否される: HTTP の応答もターゲットもない。',
        },
        via,
        client: { certificate: null, method: 'GET' },
        expect: { status: null, target: null },
      },
    ],
  },
];
