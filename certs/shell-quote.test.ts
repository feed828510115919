import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell-quote.js';

describe('shellQuote', () => {
  it('leaves words the shell takes literally as they are', () => {
    for (const word of ['openssl', '-CAfile', 'privateCA.crt', 'rsa_keygen_bits:2048', 'pass:sandbox', 'a=b', '/C=JP'])
      expect(shellQuote(word)).toBe(word);
  });

  it('survives single quotes, empty words and shell characters', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('~/x')).toBe("'~/x'");
    expect(shellQuote('/O=example.org/L=Default City')).toBe("'/O=example.org/L=Default City'");
  });

  it('quotes a word that starts with "=" (zsh would expand =cmd to a path)', () => {
    expect(shellQuote('=x')).toBe("'=x'");
  });
});
