import { describe, expect, it } from 'vitest';
import { fitLine, lineText, padLine, seg, sideBySide } from './lines.js';
import { center, dropColumns, padEnd, truncate, widthOf, wrapParagraph, wrapText } from './text.js';

const stringWidth = widthOf;

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
  it('wraps English at spaces; a word longer than a line breaks after a separator, never mid-word', () => {
    expect(wrapParagraph('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapParagraph('https://127.0.0.1:40181/path', 10)).toEqual(['https://', '127.0.0.1:', '40181/path']);
    expect(wrapParagraph('→ web-1 · ssl_client_verify=NONE', 24)).toEqual(['→ web-1 ·', 'ssl_client_verify=NONE']);
    expect(wrapParagraph('tls_verify_status=Failed:ClientCertNotFound', 30)).toEqual([
      'tls_verify_status=Failed:',
      'ClientCertNotFound',
    ]);
    // Only an opaque run with no separator at all is cut.
    expect(wrapParagraph('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0t', 16)).toEqual(['LS0tLS1CRUdJTiBD', 'RVJUSUZJQ0FURS0t']);
  });

  it('counts an arrow head or a symbol that could be an emoji as one column, as the terminal draws it', () => {
    for (const symbol of ['▶', '◀', '↪', 'ℹ', '●', '■', '✕', '◆', '┼', '…']) expect(widthOf(symbol), symbol).toBe(1);
    expect(widthOf('日本')).toBe(4);
    expect(widthOf('✅')).toBe(2);
  });

  it('wraps Japanese at word boundaries with kinsoku: no line starts with 、。）」ー or a small kana, none ends with （「', () => {
    const text =
      'デフォルトアクションを返す。証明書を配る（クライアント）から、「拒否」した。ロードバランサーのリスナールール';
    for (const width of [10, 14, 20, 30, 38, 78, 118]) {
      const lines = wrapParagraph(text, width);
      expect(lines.join('')).toBe(text);
      for (const line of lines) {
        expect(stringWidth(line), line).toBeLessThanOrEqual(width);
        expect(line, `width ${width}`).not.toMatch(/^[、。，．）」』ー・ぁぃぅぇぉっゃゅょァィゥェォッャュョ]/u);
        expect(line, `width ${width}`).not.toMatch(/[（「『]$/u);
      }
    }
    // A katakana word is not split while it fits on a line.
    expect(wrapParagraph('ターゲットへのデフォルトアクション', 20)).toEqual(['ターゲットへの', 'デフォルトアクション']);
    expect(wrapParagraph('ロードバランサーの接続ログ', 18)).toEqual(['ロードバランサーの', '接続ログ']);
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
