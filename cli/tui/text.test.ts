import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitLine, lineText, padLine, seg, sideBySide } from './lines.js';
import { center, dropColumns, padEnd, truncate, wrapParagraph, wrapText } from './text.js';

describe('display width', () => {
  it('truncates by columns, counting Japanese characters as two', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('日本語テキスト', 7)).toBe('日本語…');
    expect(stringWidth(truncate('日本語テキスト', 6))).toBeLessThanOrEqual(6);
    expect(padEnd('日本', 6)).toBe('日本  ');
    expect(center('ab', 6)).toBe('  ab');
  });

  it('scrolls horizontally by columns, never splitting a wide character', () => {
    expect(dropColumns('abcdef', 2)).toBe('cdef');
    expect(dropColumns('日本語', 1)).toBe(' 本語');
    expect(dropColumns('日本語', 2)).toBe('本語');
  });
});

describe('wrapping', () => {
  it('wraps English at spaces and cuts only words longer than a line', () => {
    expect(wrapParagraph('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapParagraph('https://127.0.0.1:40181/path', 10)).toEqual(['https://12', '7.0.0.1:40', '181/path']);
  });

  it('wraps Japanese between any two characters, within the width', () => {
    const lines = wrapParagraph('TCP リスナーの NLB は TLS のバイト列をそのまま転送する。', 20);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(20);
    expect(lines.join('').replace(/ /g, '')).toBe('TCPリスナーのNLBはTLSのバイト列をそのまま転送する。');
  });

  it('keeps a bullet hanging', () => {
    expect(wrapText('- one two three four', 12)).toEqual(['- one two', '  three four']);
  });
});

describe('styled lines', () => {
  it('fits a line across segments, marking the cut', () => {
    const fitted = fitLine([seg('abc', 'ok'), seg('defgh', 'bad')], 6);
    expect(lineText(fitted)).toBe('abcde…');
    expect(fitted[1]!.tone).toBe('bad');
    expect(lineText(padLine([seg('日本')], 6))).toBe('日本  ');
  });

  it('puts two columns side by side at a fixed divider', () => {
    const rows = sideBySide([[seg('日本語')], [seg('a')]], [[seg('x')]], 8, 4);
    expect(rows.map(lineText)).toEqual(['日本語   │ x', 'a        │ ']);
  });
});
