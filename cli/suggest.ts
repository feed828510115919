// "Did you mean …?" for a mistyped command, option or scenario id: the closest known word, when it is close. Pure.
import type { Lang } from '../sandbox/text.js';
import { cliSay } from './i18n/cli-words.js';

/** Edit distance (insertions, deletions, substitutions, and swaps of two neighbours: "rnu" is one step from "run"). */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) d[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The known word closest to `input`, if it is within a third of its length (at least 1, at most 3 edits), or one
 * that starts with it (a prefix of a long scenario id). */
export function closest(input: string, known: readonly string[]): string | null {
  const wanted = input.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  let best: { word: string; distance: number } | null = null;
  for (const word of known) {
    const distance = editDistance(wanted, word.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { word, distance };
  }
  if (best) return best.word;
  const prefixed = known.filter((word) => wanted.length >= 3 && word.startsWith(wanted));
  return prefixed.length === 1 ? prefixed[0]! : null;
}

/** ' Did you mean "run"?' (' もしかして「run」ですか?'), or '' when nothing is close. */
export function didYouMean(input: string, known: readonly string[], lang: Lang = 'en'): string {
  const found = closest(input, known);
  return found ? cliSay('didYouMean', lang, { word: found }) : '';
}
