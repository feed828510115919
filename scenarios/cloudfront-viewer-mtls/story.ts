// The story this scenario starts: CloudFront as a front door that checks (or passes on) client certificates.
import { defineStory } from '../../sandbox/scenario.js';

export const CLOUDFRONT_MTLS = defineStory({
  id: 'cloudfront-viewer-mtls',
  order: 60,
  title: {
    en: 'AWS today: CloudFront checks viewer certificates (November 2025)',
    ja: '現在の AWS: CloudFront がビューワー証明書を検証する (2025 年 11 月)',
  },
});
