// The lab's challenge for this lesson (docs/authoring.md#challenges). The sandbox's ELBv2 API serves ALBs only, so
// this one is reached by editing a copy of the scenario (mtls-sandbox new … --from nlb-mtls-identity-filters).
import type { Challenge, ChallengePart } from '../../sandbox/scenario.js';
import type { ClientCertName } from '../../certs/types.js';

const via = { loadBalancer: 'Nlb', port: 8443 };

const refused = (name: string, certificate: ClientCertName, en: string, ja: string): ChallengePart => ({
  name,
  goal: { en, ja },
  via,
  client: { certificate, method: 'GET' },
  expect: { status: null, target: null },
});

export const challenges: Challenge[] = [
  {
    id: 'only-billing-in-prod',
    by: 'edit-a-copy',
    goal: {
      en: 'Port 8443 admits every certificate privateCA signed. Make it admit only the billing workload in production: spiffeBilling gets through; the same workload in staging, a billing certificate without a SPIFFE ID, clientA and an impostor signed by another CA do not.',
      ja: 'ポート 8443 は privateCA が署名したすべての証明書を受け入れる。本番の billing ワークロードだけを受け入れるようにする: spiffeBilling は通り、ステージングの同じワークロード、SPIFFE ID のない billing 証明書、clientA、別の CA が署名したなりすましは通らない。',
    },
    hint: {
      en: 'The ELBv2 API of up serves ALBs, not NLB listeners: copy the scenario (mtls-sandbox new my-filters --from nlb-mtls-identity-filters --dir ~/mtls-lab), give Tls8443 in its stack.ts one identity filter, then mtls-sandbox up my-filters --scenarios ~/mtls-lab and check again. A subject-cn filter admits too much: all of these billing certificates say CN=billing. The SPIFFE ID is in the SAN URI.',
      ja: 'up の ELBv2 API が扱うのは ALB で、NLB のリスナーは扱わない: シナリオをコピーし (mtls-sandbox new my-filters --from nlb-mtls-identity-filters --dir ~/mtls-lab)、その stack.ts の Tls8443 に ID フィルターを 1 つ付け、mtls-sandbox up my-filters --scenarios ~/mtls-lab でもう一度確かめる。subject-cn のフィルターでは広すぎる: ここの billing 証明書はどれも CN=billing。SPIFFE ID は SAN の URI にある。',
    },
    check: [
      {
        name: 'billing-in-prod-admitted',
        goal: {
          en: 'spiffeBilling (spiffe://example.org/ns/prod/sa/billing) gets through to the target.',
          ja: 'spiffeBilling (spiffe://example.org/ns/prod/sa/billing) はターゲットまで届く。',
        },
        via,
        client: { certificate: 'spiffeBilling', method: 'GET' },
        expect: { status: 200, target: { oneOf: ['app-1'] } },
      },
      refused(
        'billing-in-staging-refused',
        'spiffeStaging',
        'spiffeStaging (the same workload in the staging namespace) is refused.',
        'spiffeStaging (ステージングの名前空間の同じワークロード) は拒否される。',
      ),
      refused(
        'billing-without-spiffe-id-refused',
        'noSanBilling',
        'noSanBilling (CN=billing, no subject alternative name) is refused.',
        'noSanBilling (CN=billing、サブジェクト代替名なし) は拒否される。',
      ),
      refused('clientA-refused', 'clientA', 'clientA is refused.', 'clientA は拒否される。'),
      refused(
        'impostor-refused',
        'impostorBilling',
        "impostorBilling (billing's SPIFFE ID, signed by untrustedCA) is refused.",
        'impostorBilling (billing の SPIFFE ID を持つが untrustedCA が署名) は拒否される。',
      ),
    ],
  },
];
