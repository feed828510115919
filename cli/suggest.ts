// "Did you mean …?" for a mistyped command, option or scenario id: the closest known word (sandbox/suggest.ts, which
// the engine uses too), when it is close.
import { closest } from '../sandbox/suggest.js';

export { closest, editDistance } from '../sandbox/suggest.js';

/** ' Did you mean "run"?', or '' when nothing is close. */
export function didYouMean(input: string, known: readonly string[]): string {
  const found = closest(input, known);
  return found ? ` Did you mean "${found}"?` : '';
}
