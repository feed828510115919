// "Did you mean …?" for a mistyped command, option or scenario id: the closest known word (sandbox/suggest.ts, which
// the engine uses too), when it is close, worded in the invocation's language.
import { closest } from '../sandbox/suggest.js';
import type { Lang } from '../sandbox/text.js';
import { cliSay } from './i18n/cli-words.js';

export { closest, editDistance } from '../sandbox/suggest.js';

/** ' Did you mean "run"?' (' もしかして「run」ですか?'), or '' when nothing is close. */
export function didYouMean(input: string, known: readonly string[], lang: Lang = 'en'): string {
  const found = closest(input, known);
  return found ? cliSay('didYouMean', lang, { word: found }) : '';
}
