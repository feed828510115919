import { defineScenario } from '../../sandbox/scenario.js';
import { clientAuthProbes } from '../common/client-auth-probes.js';
import { CLIENT_AUTH_BEHIND_CLB_NLB } from '../common/stories.js';

const targets = ['web-1', 'web-2'];

export default defineScenario({
  id: 'clb-tcp-passthrough',
  title: {
    en: 'Classic Load Balancer TCP:443 → TCP:443: nginx authenticates the client',
    ja: 'Classic Load Balancer TCP:443 → TCP:443: クライアント認証は nginx が行う',
  },
  summary: {
    en: "Seed 000's first setup: a Classic Load Balancer whose listener is TCP on both sides passes the TLS stream to nginx on the instances, which does the client-certificate auth.",
    ja: '元記事 000 の最初の構成: リスナーの両側が TCP の Classic Load Balancer は TLS をそのままインスタンス上の nginx へ渡し、nginx がクライアント証明書認証を行う。',
  },
  story: CLIENT_AUTH_BEHIND_CLB_NLB,
  compareWith: ['nlb-tcp-passthrough'],
  seeds: ['000'],
  tags: ['clb', 'tcp', 'passthrough', 'nginx', 'client-auth'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    Clb: [
      { kind: 'nginx', name: 'web-1', profile: 'client-auth' },
      { kind: 'nginx', name: 'web-2', profile: 'client-auth' },
    ],
  },
  probes: clientAuthProbes({ loadBalancer: 'Clb', port: 443 }, targets, 'CLB'),
  explain: {
    en: `What to notice:
- The CLB listener is TCP:443 → TCP:443, not SSL/HTTPS: the load balancer never decrypts anything, so "Request CERT" comes from nginx on the instance.
- No certificate → the handshake completes and nginx answers 400 "No required SSL certificate was sent"; clientA → 200 (seed 000 saw exactly these through a real CLB).
- A CLB with TCP listeners spreads connections round robin, so successive probes alternate between web-1 and web-2.
- Seed 000 got the same results through a CLB and an NLB: with TCP listeners both are transparent to TLS. Compare with nlb-tcp-passthrough.`,
    ja: `注目点:
- CLB のリスナーは SSL/HTTPS ではなく TCP:443 → TCP:443。ロードバランサーは何も復号しないため、「Request CERT」はインスタンス上の nginx から来る。
- 証明書なし → ハンドシェイクは完了し、nginx が 400「No required SSL certificate was sent」を返す。clientA → 200。元記事 000 が実際の CLB で観測した結果と同じである。
- TCP リスナーの CLB は接続をラウンドロビンで振り分けるため、連続するプローブは web-1 と web-2 に交互に届く。
- 元記事 000 は CLB でも NLB でも同じ結果を得た。TCP リスナーならどちらも TLS に対して透過的である。nlb-tcp-passthrough と比べてみよう。`,
  },
});
