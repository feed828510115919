// The transcript viewer: the copy-ready command on top, then curl -v's lines as printed, numbered, decisive lines
// marked, search matches marked; scrolls vertically and horizontally. Pure.
import type { ProbeReport } from '../../../sandbox/report.js';
import { matchingLines, type AppState } from '../app-state.js';
import { t } from '../../i18n/index.js';
import { fitLine, seg, type Line, type Segment } from '../lines.js';
import { dropColumns, wrapParagraph } from '../text.js';
import { COMMON_HINTS, titleBarLine, windowOf, type Ctx, type Hint, type Screen } from './screen.js';

export const TRANSCRIPT_HINTS: Hint[] = [
  { keys: '↑↓', label: 'keyScroll' },
  { keys: 'PgUp/PgDn', label: 'keyPage' },
  { keys: '/', label: 'keySearch', rank: 1 },
  { keys: 'n/N', label: 'keyNext', rank: 2 },
  { keys: '←→', label: 'keyScroll' },
  { keys: 'Esc', label: 'keyBack', rank: 1 },
  ...COMMON_HINTS,
];

export function transcriptReport(state: AppState): ProbeReport | null {
  const { scenario, probe } = state.transcript;
  return state.runs[scenario]?.probes.find((p) => p.name === probe)?.report ?? null;
}

/** The lines search runs over: the transcript as printed. */
export const transcriptLines = (state: AppState): string[] => transcriptReport(state)?.transcript ?? [];

/** The text with every occurrence of `query` (case-insensitive) as a 'match' segment. */
function highlight(text: string, query: string): Segment[] {
  if (!query) return [seg(text)];
  const out: Segment[] = [];
  const lower = text.toLowerCase();
  const needle = query.toLowerCase();
  let at = 0;
  for (let found = lower.indexOf(needle); found >= 0; found = lower.indexOf(needle, at)) {
    if (found > at) out.push(seg(text.slice(at, found)));
    out.push(seg(text.slice(found, found + needle.length), 'match'));
    at = found + needle.length;
  }
  if (at < text.length) out.push(seg(text.slice(at)));
  return out;
}

export function transcriptScreen(state: AppState, ctx: Ctx): Screen {
  const lang = state.lang;
  const width = ctx.width;
  const view = state.transcript;
  const report = transcriptReport(state);
  const title = titleBarLine(
    [seg('mtls-sandbox', 'title'), seg(` · ${t('transcript', lang)} · ${view.scenario} / ${view.probe}`)],
    t('langName', lang),
    width,
  );
  if (!report) return { title, body: [[seg(t('noTranscript', lang), 'dim')]], hints: TRANSCRIPT_HINTS, maxScroll: 0 };

  // The command is never cut: wrapped at the edge so all of it can be read and copied.
  const command: Line[] = [
    [seg(t('copyCommand', lang), 'dim')],
    ...wrapParagraph(report.command, width).map((part): Line => [seg(part, 'heading')]),
  ];
  const header = command.slice(0, Math.max(2, Math.floor(ctx.bodyHeight / 3)));
  header.push(fitLine([seg('─'.repeat(width), 'dim')], width));

  const decisive = new Set(report.steps.filter((s) => s.decisive).map((s) => s.lineIndex));
  const matches = matchingLines(report.transcript, view.query);
  const current = matches[view.match];
  const numberWidth = String(report.transcript.length).length;
  const lines: Line[] = report.transcript.map((text, index) => {
    const gutter = index === current ? seg('»', 'match') : matches.includes(index) ? seg('*', 'match') : seg(' ');
    const mark = decisive.has(index) ? seg('▸', 'decisive') : seg(' ');
    const number = seg(`${String(index + 1).padStart(numberWidth)} `, 'dim');
    const shown = dropColumns(text, view.hscroll);
    const body = decisive.has(index) ? [seg(shown, 'decisive')] : highlight(shown, view.query);
    return fitLine([gutter, mark, seg(' '), number, ...body], width);
  });
  const height = Math.max(1, ctx.bodyHeight - header.length - 1);
  const window = windowOf(lines, view.scroll, height);
  let status: Line;
  if (view.editing) status = [seg(`/${view.draft}`, 'key'), seg('▏', 'accent')];
  else if (view.query && matches.length === 0) status = [seg(t('noMatch', lang, { query: view.query }), 'bad')];
  else if (view.query)
    status = [
      seg(t('matchCount', lang, { index: view.match + 1, total: matches.length, query: view.query }), 'accent'),
      seg(
        `   ${t('lines', lang, { from: window.scroll + 1, to: window.scroll + window.lines.length, total: lines.length })}`,
        'dim',
      ),
    ];
  else
    status = [
      seg(
        t('lines', lang, { from: window.scroll + 1, to: window.scroll + window.lines.length, total: lines.length }),
        'dim',
      ),
    ];
  const padding: Line[] = Array.from({ length: Math.max(0, height - window.lines.length) }, () => []);
  return {
    title,
    body: [...header, ...window.lines, ...padding, fitLine(status, width)],
    hints: TRANSCRIPT_HINTS,
    maxScroll: window.maxScroll,
  };
}
