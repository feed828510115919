// The "what the target learns" table as lines of text, for the plain output and the terminal UI. Pure: the record's
// table in, lines out (each tagged with how it should look).
import type { IdentityTable } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { forgeryText, identityLearnsLines, t, verifierText } from './i18n/index.js';

export interface IdentityLine {
  text: string;
  /** heading: the table's title; door: a row's front door; field: what its target learnt; forgeable / safe: the
   * forged header's fate; muted: the legend. */
  kind: 'heading' | 'muted' | 'door' | 'field' | 'forgeable' | 'safe';
}

/** One block per front door: the door and who checks, what the target learnt, what a forged header did. */
export function identityTableLines(table: IdentityTable | undefined, lang: Lang, valueWidth = 96): IdentityLine[] {
  const rows = table?.rows ?? [];
  if (rows.length === 0) return [];
  const lines: IdentityLine[] = [{ text: t('identityHeading', lang), kind: 'heading' }];
  for (const row of rows) {
    lines.push({
      text: `▸ ${row.door} — ${t('identityVerifiedBy', lang)}: ${verifierText(row.verifiedBy, lang)}`,
      kind: 'door',
    });
    for (const line of identityLearnsLines(row, lang, valueWidth)) lines.push({ text: `    ${line}`, kind: 'field' });
    lines.push({
      text: `    ${forgeryText(row.forgery, lang)}`,
      kind: row.forgery?.result === 'as-sent' ? 'forgeable' : 'safe',
    });
  }
  return lines;
}
