// The help screen: every key and what it does, the compare presets that exist, then the legend — what every symbol
// and word on the screens means — in the current language, scrollable. Pure.
import { pick } from '../../../sandbox/text.js';
import type { AppState } from '../app-state.js';
import { t, type UiKey } from '../../i18n/index.js';
import { LEGEND, legendTerm } from '../../legend.js';
import { fitLine, rule, seg, wrapAfter, type Line } from '../lines.js';
import { availablePresets } from '../presets.js';
import { padEnd, widthOf } from '../text.js';
import { presetKeys } from './compare.js';
import { titleBarLine, windowOf, type Ctx, type Screen } from './screen.js';

export const KEYS: [string, UiKey][] = [
  ['↑ ↓  j k', 'helpArrows'],
  ['PgUp PgDn', 'helpPage'],
  ['Enter', 'helpEnter'],
  ['Tab', 'helpTab'],
  ['c', 'helpCompare'],
  ['s ← →', 'helpCompareSides'],
  ['p', 'helpPresenter'],
  ['i', 'helpComponents'],
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

/** Every line of the help: the keys, the presets by number, the legend. */
export function helpLines(state: AppState, width: number): Line[] {
  const lang = state.lang;
  const keyWidth = 12;
  const body: Line[] = [[seg(t('help', lang), 'heading')], []];
  for (const [keys, label] of KEYS)
    body.push(...wrapAfter([seg(padEnd(keys, keyWidth), 'key')], t(label, lang), 'plain', width));
  const presets = availablePresets(state.scenarios);
  if (presets.length > 0) {
    body.push(
      ...wrapAfter(
        [seg(padEnd(presetKeys(presets.length), keyWidth), 'key')],
        t('helpPresets', lang, { keys: presetKeys(presets.length) }),
        'plain',
        width,
      ),
    );
    for (const [index, preset] of presets.entries())
      body.push(
        ...wrapAfter(
          [seg(' '.repeat(keyWidth)), seg(`${index + 1} `, 'key')],
          `${pick(preset.title, lang)} (${preset.scenarios.join(' ↔ ')})`,
          'dim',
          width,
        ),
      );
  }
  body.push([], rule(t('legendHeading', lang), width));
  const termWidth = Math.min(
    24,
    Math.max(
      ...LEGEND.flatMap((group) => group.entries.map((entry) => widthOf(legendTerm(entry, (key) => t(key, lang))))),
    ) + 2,
  );
  for (const group of LEGEND) {
    body.push([seg(t(group.heading, lang), 'heading')]);
    for (const entry of group.entries) {
      const term = legendTerm(entry, (key) => t(key, lang));
      // A term longer than its column takes its own line; the meaning hangs under the column either way.
      if (widthOf(term) > termWidth - 1) body.push(fitLine([seg(term, 'key')], width));
      body.push(
        ...wrapAfter(
          [seg(widthOf(term) > termWidth - 1 ? ' '.repeat(termWidth) : padEnd(term, termWidth), 'key')],
          t(entry.meaning, lang),
          'plain',
          width,
        ),
      );
    }
  }
  body.push([], ...wrapAfter([], t('helpScrollClose', lang), 'dim', width));
  return body;
}

export function helpScreen(state: AppState, ctx: Ctx): Screen {
  const lang = state.lang;
  const view = windowOf(helpLines(state, ctx.width), state.helpScroll, ctx.bodyHeight);
  return {
    title: titleBarLine([seg('mtls-sandbox', 'title'), seg(` · ${t('help', lang)}`)], t('langName', lang), ctx.width),
    body: view.lines,
    hints: [
      { keys: '↑↓', label: 'keyScroll', rank: 1 },
      { keys: '?', label: 'keyHelp', pinned: true },
      { keys: 'q', label: 'keyQuit', pinned: true },
    ],
    maxScroll: view.maxScroll,
  };
}
