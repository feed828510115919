import { describe, expect, it } from 'vitest';
import { mdCode, mdFence, mdHtml, mdProse, mdTable, mdText } from './md-text.js';

describe('mdText', () => {
  it('escapes markup and raw HTML, keeps plain words readable', () => {
    expect(mdText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(mdText('a *b* [c](d) `e` f|g')).toBe('a \\*b\\* \\[c\\](d) \\`e\\` f\\|g');
    expect(mdText('ssl_verify_client _x_')).toBe('ssl_verify_client \\_x\\_');
    expect(mdText('# not a heading')).toBe('\\# not a heading');
    expect(mdText('&amp; R&D')).toBe('\\&amp; R&D');
    expect(mdText('two\nlines')).toBe('two lines');
  });

  it('keeps "- " list items in prose', () => {
    expect(mdProse('Notice:\n- one <b>\n- two')).toBe('Notice:\n- one \\<b\\>\n- two');
  });
});

describe('mdCode and mdFence', () => {
  it('picks a fence longer than any backtick run inside', () => {
    expect(mdCode('curl -k')).toBe('`curl -k`');
    expect(mdCode('a ` b')).toBe('``a ` b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdFence('```\ninside\n```', 'text')).toBe('````text\n```\ninside\n```\n````');
    expect(mdFence('plain')).toBe('```\nplain\n```');
  });

  it('escapes pipes so a code span can sit in a table cell', () => {
    expect(mdCode('a|b')).toBe('`a\\|b`');
  });
});

describe('mdTable and mdHtml', () => {
  it('writes a GFM table with alignment', () => {
    expect(mdTable(['A', 'B'], [['1', '2']], ['l', 'r'])).toBe('| A | B |\n| --- | ---: |\n| 1 | 2 |');
  });
  it('escapes text for an HTML element inside Markdown', () => {
    expect(mdHtml('<a & b>')).toBe('&lt;a &amp; b&gt;');
  });
});
