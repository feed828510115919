// One catalogue for every renderer: each fixed string has its Japanese, and every message code the engine can
// emit renders in both languages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MessageCode } from '../../sandbox/messages.js';
import { say } from './messages.js';
import { t, type UiKey } from './ui.js';

const codes = (): MessageCode[] => {
  const source = readFileSync(new URL('../../sandbox/messages.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/^\s+\| '([a-z0-9.-]+)'/gm)].map((m) => m[1] as MessageCode);
};

const uiKeys = (): UiKey[] => {
  const source = readFileSync(new URL('./ui.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/^ {2}(\w+): \{/gm)].map((m) => m[1] as UiKey);
};

describe('the catalogue', () => {
  it('has every fixed string in English and Japanese', () => {
    const keys = uiKeys();
    expect(keys.length).toBeGreaterThan(150);
    for (const key of keys) {
      expect(t(key, 'en'), key).not.toBe('');
      expect(t(key, 'ja'), key).not.toBe('');
    }
  });

  it("has the lab's strings (ui-lab.ts) in English and Japanese", () => {
    const source = readFileSync(new URL('./ui-lab.ts', import.meta.url), 'utf8');
    const keys = [...source.matchAll(/^ {2}'?([\w-]+)'?: \{/gm)].map((m) => m[1] as UiKey);
    expect(keys.length).toBeGreaterThan(100);
    // Names that read the same in both languages (AWS's, HTTP's, TLS's) are the exceptions.
    const same = ['labApi', 'consoleHttp', 'consoleTls', 'predictionStatus'];
    for (const key of keys) {
      expect(t(key, 'en'), key).not.toBe('');
      expect(t(key, 'ja'), key).not.toBe('');
      if (!same.includes(key)) expect(t(key, 'ja'), key).not.toBe(t(key, 'en'));
    }
  });

  it('renders every engine message code in both languages, even with no parameters', () => {
    const all = codes();
    expect(all.length).toBeGreaterThan(150);
    for (const code of all) {
      const message = { code, params: {}, inner: { code: 'r53.refused' as MessageCode }, parts: [] };
      expect(() => say(message, 'en'), code).not.toThrow();
      expect(() => say(message, 'ja'), code).not.toThrow();
      expect(say(message, 'ja'), code).toBeTypeOf('string');
    }
  });

  it('speaks Japanese where the English has words to translate', () => {
    expect(say({ code: 'nr.tags' }, 'ja')).toBe('タグは通信に影響しない');
    expect(say({ code: 'mismatch.target-missing' }, 'ja')).toMatch(/ターゲット/);
    expect(t('plainSummary', 'ja')).toBe('概要');
  });
});
