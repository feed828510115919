// The help screen: every key and what it does, in the current language. Pure.
import type { AppState } from '../app-state.js';
import { t, type UiKey } from '../../i18n/index.js';
import { fitLine, seg, wrapAfter, type Line } from '../lines.js';
import { padEnd } from '../text.js';
import { titleBarLine, type Ctx, type Screen } from './screen.js';

export const KEYS: [string, UiKey][] = [
  ['↑ ↓  j k', 'helpArrows'],
  ['PgUp PgDn', 'helpPage'],
  ['Enter', 'helpEnter'],
  ['Tab', 'helpTab'],
  ['c', 'helpCompare'],
  ['s ← →', 'helpCompareMode'],
  ['p', 'helpPresenter'],
  ['u', 'helpLab'],
  ['e', 'helpPredict'],
  ['t', 'helpTranscript'],
  ['/ n N', 'helpSearch'],
  ['r', 'helpRerun'],
  ['l', 'helpLang'],
  ['Esc', 'helpBack'],
  ['?', 'helpHelp'],
  ['q  Ctrl-C', 'helpQuit'],
];

export function helpScreen(state: AppState, ctx: Ctx): Screen {
  const lang = state.lang;
  const keyWidth = 12;
  const body: Line[] = [[seg(t('help', lang), 'heading')], []];
  for (const [keys, label] of KEYS)
    body.push(...wrapAfter([seg(padEnd(keys, keyWidth), 'key')], t(label, lang), 'plain', ctx.width));
  body.push([], fitLine([seg(t('helpClose', lang), 'dim')], ctx.width));
  return {
    title: titleBarLine([seg('mtls-sandbox', 'title'), seg(` · ${t('help', lang)}`)], t('langName', lang), ctx.width),
    body: body.slice(0, ctx.bodyHeight),
    hints: [
      { keys: '?', label: 'keyHelp', pinned: true },
      { keys: 'q', label: 'keyQuit', pinned: true },
    ],
    maxScroll: 0,
  };
}
