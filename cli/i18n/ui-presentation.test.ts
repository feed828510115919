// The presentation words: each in English and Japanese, with the same placeholders in both.
import { describe, expect, it } from 'vitest';
import { PRESENTATION } from './ui-presentation.js';
import { t, type UiKey } from './ui.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the presentation words', () => {
  it('are in both languages, with the same placeholders, and reach t()', () => {
    const keys = Object.keys(PRESENTATION) as UiKey[];
    expect(keys.length).toBeGreaterThan(80);
    for (const key of keys) {
      const { en, ja } = PRESENTATION[key as keyof typeof PRESENTATION];
      expect(en, key).not.toBe('');
      expect(ja, key).not.toBe('');
      expect(placeholders(ja), key).toEqual(placeholders(en).filter((name) => ja.includes(`{${name}}`)));
      expect(t(key, 'ja')).toBe(ja);
    }
  });

  it('say assumed in Japanese with 仮定, never 想定, and name the articles 元記事', () => {
    for (const { ja } of Object.values(PRESENTATION)) expect(ja).not.toContain('想定');
    expect(PRESENTATION.legendSeedTerm.ja).toContain('元記事');
  });
});
