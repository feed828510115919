// The stories the scenarios so far come from, in the order the browser shows them. A new story can be declared
// with defineStory in the folder of the scenario that starts it.
import { defineStory } from '../../sandbox/scenario.js';

export const CLIENT_AUTH_BEHIND_CLB_NLB = defineStory({
  id: 'client-auth-behind-clb-nlb',
  order: 10,
  title: {
    en: 'Client auth in nginx behind a CLB/NLB TCP listener',
    ja: 'CLB/NLB の TCP リスナー配下で nginx がクライアント認証',
  },
});

export const CERTIFICATES_FROM_SSM = defineStory({
  id: 'certificates-from-ssm',
  order: 20,
  title: { en: 'Certificates from SSM Parameter Store', ja: '証明書を SSM パラメータストアから取得する' },
});

export const ALB_TO_NLB_TRADEOFFS = defineStory({
  id: 'alb-to-nlb-tradeoffs',
  order: 30,
  title: { en: 'What a move from ALB to NLB gives up', ja: 'ALB から NLB への移行で失うもの' },
});

export const ALB_MTLS = defineStory({
  id: 'alb-mtls',
  order: 40,
  title: { en: 'ALB mutual TLS with trust stores', ja: 'トラストストアを使う ALB の相互 TLS' },
});

export const NLB_MTLS = defineStory({
  id: 'nlb-mtls',
  order: 50,
  title: {
    en: 'AWS today: the NLB checks client certificates (November 2026)',
    ja: '現在の AWS: NLB がクライアント証明書を検証する (2026 年 11 月)',
  },
});
