// The glossary (issue 28): one Japanese term per concept. Every Japanese text of the product — the catalogue, the
// command line's words, the scenarios' titles, summaries, explanations and evidence — uses the glossary's term, not a
// variant it retired, and leaves no glossary concept and no sentence in English.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageCode } from '../../sandbox/messages.js';
import { loadCatalogue } from '../../scenarios/catalogue.js';
import { SOURCES } from '../../sandbox/sources.js';
import { englishSentence, glossaryProblems, japaneseTexts, prose } from '../testing/japanese-texts.js';
import { CLI_WORDS, type CliWord, cliSay } from './cli-words.js';
import { GLOSSARY, SEED_TITLES, term } from './glossary.js';
import { citationText, say, t, type UiKey } from './index.js';
import { SECTIONS_JA } from './sources-ja.js';

const uiKeys = (): UiKey[] =>
  [...readFileSync(new URL('./ui.ts', import.meta.url), 'utf8').matchAll(/^ {2}(\w+): \{/gm)].map((m) => m[1] as UiKey);
const codes = (): MessageCode[] =>
  [
    ...readFileSync(new URL('../../sandbox/messages.ts', import.meta.url), 'utf8').matchAll(/^\s+\| '([a-z0-9.-]+)'/gm),
  ].map((m) => m[1] as MessageCode);

/** What is wrong with a Japanese text, if anything: retired variants, English concepts, English sentences. */
function problems(text: string): string[] {
  const sentence = englishSentence(text);
  return [...glossaryProblems(text), ...(sentence ? [`an English sentence: "${sentence}"`] : [])];
}

describe('the glossary', () => {
  it('catches the words issue 28 found', () => {
    expect(glossaryProblems('プローブ 10 件中 10 件が想定どおり')).not.toEqual([]);
    expect(glossaryProblems('(文書化 2 · 観測 2 · 想定 2)')).not.toEqual([]);
    expect(glossaryProblems('根拠: 観測: seed 000: …')).not.toEqual([]);
    expect(glossaryProblems('seed が TCP を使う理由である')).not.toEqual([]);
    expect(glossaryProblems('フィルターは OR で accept だけ')).not.toEqual([]);
    expect(glossaryProblems('リスナー HTTPS:443、相互 TLS verify')).not.toEqual([]);
    expect(glossaryProblems('■ 拒否 (web-2) — 400')).not.toEqual([]);
    expect(glossaryProblems('アラート — サーバーがハンドシェイクを終了: access denied')).not.toEqual([]);
    expect(glossaryProblems('HTTP/2 を提示')).not.toEqual([]);
    expect(glossaryProblems('期限切れ・未有効・失効')).not.toEqual([]);
    expect(glossaryProblems('拡張キー使用法が serverAuth だけ')).not.toEqual([]);
    expect(glossaryProblems('マネージドルールグループは「実現していない」と報告され')).not.toEqual([]);
    expect(englishSentence('TLS アラートで拒否 — the server ended the handshake')).toBe(
      'the server ended the handshake',
    );
    // Names, commands, headers and quoted output are not sentences of the text.
    expect(
      englishSentence('nginx が 400「No required SSL certificate was sent」を返す (`curl -v -I --key …`)'),
    ).toBeNull();
    expect(glossaryProblems('ALB 検証モードの alb-mtls-verify-headers と `--mode verify`')).toEqual([]);
  });

  it('is what the catalogue says: levels, verdicts, the articles, the modes', () => {
    expect(t('levelDocumented', 'ja')).toBe(term('documented'));
    expect(t('levelObserved', 'ja')).toBe(term('observed'));
    expect(t('levelAssumed', 'ja')).toBe(term('assumed'));
    expect(t('seedName', 'ja', { seed: '004' })).toBe('元記事 004');
    expect(t('fidelityYoursMatches', 'ja', { where: 'scenario.ts:12' })).toContain(term('expected'));
    expect(t('evidenceCounts', 'ja', { documented: 2, observed: 2, assumed: 2 })).toBe(
      'AWS のドキュメントに記載 2 · 元記事で観測 2 · 仮定 2',
    );
    expect(t('outcomeAlert', 'ja')).toBe(term('alertRefusal'));
    expect(
      t('headlineRefused', 'ja', { word: t('outcomeRefused', 'ja'), who: 'web-2', status: '400', fact: '' }),
    ).toMatch(/^web-2 が拒否 — 400/);
    expect(
      say({ code: 'role.alb-listener', params: { protocol: 'HTTPS', port: 443, mode: 'verify' } }, 'ja'),
    ).toContain('相互 TLS 検証モード');
  });

  it('names each article by its real title, and takes AWS Japanese terms from AWS pages', () => {
    expect(Object.keys(SEED_TITLES)).toEqual(['000', '001', '003', '004']);
    const sources = readFileSync(new URL('../../docs/sources.md', import.meta.url), 'utf8');
    for (const title of Object.values(SEED_TITLES)) expect(sources).toContain(`「${title}」`);
    for (const [key, entry] of Object.entries(GLOSSARY))
      if ('source' in entry) expect(entry.source, key).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/ja_jp\//);
  });
});

describe('every Japanese text', () => {
  it('in the sources: the catalogue, the command line, the scenarios', () => {
    const texts = japaneseTexts();
    expect(texts.length).toBeGreaterThan(800);
    const found = texts.flatMap(({ where, text }) => problems(text).map((problem) => `${where}: ${problem}`));
    expect(found).toEqual([]);
  });

  it('as rendered: every fixed string, every message code, every sentence of the command line', () => {
    const found: string[] = [];
    const check = (where: string, text: string) => found.push(...problems(text).map((p) => `${where}: ${p}`));
    for (const key of uiKeys()) check(`ui ${key}`, t(key, 'ja'));
    for (const code of codes())
      check(`message ${code}`, say({ code, params: {}, inner: { code: 'r53.refused' }, parts: [] }, 'ja'));
    for (const key of Object.keys(CLI_WORDS) as CliWord[]) check(`cli ${key}`, cliSay(key, 'ja'));
    expect(found).toEqual([]);
  });

  it('in citations: every section a Japanese citation names is in Japanese, or a name', async () => {
    const sections = new Set<string>();
    for (const source of Object.values(SOURCES))
      if ('section' in source && source.section) sections.add(source.section);
    const catalogue = await loadCatalogue();
    for (const scenario of catalogue)
      for (const probe of scenario.probes)
        for (const citation of probe.evidence.citations) {
          if (citation.section) sections.add(citation.section);
          expect(problems(citationText(citation, 'ja')), `${scenario.id} ${probe.name}`).toEqual([]);
        }
    const english = [...sections].filter((section) => !SECTIONS_JA[section] && /\b[a-z]{2,}\b/.test(prose(section)));
    expect(english).toEqual([]);
  });
});
