// One line per probe about AWS WAF, in scenarios that have a web ACL: what it decided and why, or that the request
// never passed one (and what the target logged instead). Pure.
import type { ProbeReport } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { t } from './i18n/index.js';

export function wafLine(probe: ProbeReport, lang: Lang = 'en'): string | null {
  if (!probe.wafLog) return null;
  const entry = probe.wafLog[probe.wafLog.length - 1] as unknown as Record<string, unknown> | undefined;
  if (!entry) {
    const request = probe.target?.details.request;
    return request ? t('wafNoneLogged', lang, { request }) : t('wafNone', lang);
  }
  const details =
    (entry.terminatingRuleMatchDetails as
      | { conditionType: string; location: string; matchedData: string[] }[]
      | undefined) ?? [];
  const match = details
    .map((detail) =>
      t('wafMatch', lang, {
        condition: detail.conditionType,
        location: detail.location,
        data: detail.matchedData.join(' '),
      }),
    )
    .join('');
  return t('wafDecided', lang, { action: String(entry.action), rule: String(entry.terminatingRuleId), match });
}
