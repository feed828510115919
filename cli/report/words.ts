// The catalogue (cli/i18n) bound to a report's language: s('reportTitle'), s('seconds', { seconds }).
import type { Lang } from '../../sandbox/text.js';
import { t, type UiKey } from '../i18n/index.js';

export interface Words {
  (key: UiKey, vars?: Record<string, string | number>): string;
  readonly lang: Lang;
}

export function wordsFor(lang: Lang): Words {
  return Object.assign((key: UiKey, vars?: Record<string, string | number>) => t(key, lang, vars), { lang });
}
