// Which screen the state shows. Pure.
import type { AppState } from '../app-state.js';
import { t } from '../../i18n/index.js';
import { seg } from '../lines.js';
import { browserScreen } from './browser.js';
import { compareScreen } from './compare.js';
import { helpScreen } from './help.js';
import { labScreen } from './lab.js';
import { predictScreen } from './predict.js';
import { presenterScreen } from './presenter.js';
import { runScreen } from './run.js';
import { spinner, titleBarLine, type Ctx, type Screen } from './screen.js';
import { transcriptScreen } from './transcript.js';

export function screenOf(state: AppState, ctx: Ctx): Screen {
  if (state.quitting) {
    return {
      title: titleBarLine([seg('mtls-sandbox', 'title')], '', ctx.width),
      body: [[seg(`${spinner(ctx.tick)} ${t('quitting', state.lang)}`, 'accent')]],
      hints: [],
      maxScroll: 0,
    };
  }
  if (state.help) return helpScreen(state, ctx);
  switch (state.view) {
    case 'browser':
      return browserScreen(state, ctx);
    case 'run':
      return runScreen(state, ctx);
    case 'compare':
      return compareScreen(state, ctx);
    case 'presenter':
      return presenterScreen(state, ctx);
    case 'transcript':
      return transcriptScreen(state, ctx);
    case 'lab':
      return labScreen(state, ctx);
    case 'predict':
      return predictScreen(state, ctx);
  }
}

export type { Ctx, Screen } from './screen.js';
