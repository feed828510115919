// What every symbol and word of the record's presentation means: one list, shown by the terminal UI's `?` and by the
// report's legend. Data only; the words are catalogue keys (cli/i18n). Pure.
import type { UiKey } from './i18n/index.js';

export interface LegendEntry {
  /** The symbols as the screens show them. */
  symbols?: string;
  /** The words as the screens show them, in the reader's language (ALLOWED, 通過…). */
  words?: UiKey[];
  /** What it means. */
  meaning: UiKey;
}

export interface LegendGroup {
  heading: UiKey;
  entries: LegendEntry[];
}

export const LEGEND: LegendGroup[] = [
  {
    heading: 'legendOutcomes',
    entries: [
      { symbols: '●', words: ['outcomeAllowed'], meaning: 'legendAllowed' },
      { symbols: '■', words: ['outcomeRefused'], meaning: 'legendRefused' },
      { symbols: '■', words: ['outcomeBlocked', 'outcomeLbError'], meaning: 'legendBlocked' },
      { symbols: '✕', words: ['outcomeAlert'], meaning: 'legendAlert' },
      { symbols: '✕', words: ['outcomeReset'], meaning: 'legendReset' },
      { symbols: '✕', words: ['outcomeTlsFailed', 'outcomeConnRefused'], meaning: 'legendNoTls' },
      { symbols: '◆', words: ['outcomeAnswered'], meaning: 'legendAnswered' },
      { symbols: '↪ ○ –', words: ['outcomeRedirected', 'outcomeTimeout', 'outcomeSkipped'], meaning: 'legendOther' },
    ],
  },
  {
    heading: 'legendVerdicts',
    entries: [
      { symbols: '✓', meaning: 'legendCheck' },
      { symbols: '✗', meaning: 'legendCross' },
      { symbols: '·', meaning: 'legendDot' },
      { symbols: '–', meaning: 'legendDash' },
    ],
  },
  {
    heading: 'legendEvidence',
    entries: [
      { words: ['levelDocumented'], meaning: 'legendDocumented' },
      { words: ['levelObserved'], meaning: 'legendObserved' },
      { words: ['levelAssumed'], meaning: 'legendAssumed' },
      { words: ['legendSeedTerm'], meaning: 'legendSeed' },
    ],
  },
  {
    heading: 'legendMarkers',
    entries: [
      { symbols: '▸ ◆', meaning: 'legendDecisive' },
      { symbols: '≠', meaning: 'legendDiffer' },
      { symbols: '▶', meaning: 'legendActive' },
      { symbols: '┼', meaning: 'legendCrossing' },
      { symbols: '› ℹ', meaning: 'legendSelected' },
      { symbols: '» *', meaning: 'legendMatch' },
      { symbols: '…', meaning: 'legendEllipsis' },
    ],
  },
];

/** An entry's term in the reader's language: its symbols, then its words ("● ALLOWED", "✕ NO TLS · NO CONNECTION"). */
export function legendTerm(entry: LegendEntry, word: (key: UiKey) => string): string {
  const words = (entry.words ?? []).map(word).join(' · ');
  return [entry.symbols, words].filter(Boolean).join(' ');
}
