// The PKI is made side by side: each artifact waits only for what madeAfter names, so all of that must come earlier
// in ORDER (a later one is not waited for at all), and what runs `openssl ca` is known.
import { describe, expect, it } from 'vitest';
import { madeAfter } from './pki.js';
import { CERTS, ORDER, usesCaDatabase } from './recipes.js';

describe('the order the PKI is made in', () => {
  it('names, for every artifact, only inputs made before it', () => {
    const late = ORDER.flatMap((name, index) =>
      madeAfter(name)
        .filter((input) => ORDER.indexOf(input) < 0 || ORDER.indexOf(input) >= index)
        .map((input) => `${name} ← ${input}`),
    );
    expect(late).toEqual([]);
  });

  it('waits for the CA a certificate is checked not to be trusted by', () => {
    expect(madeAfter('untrusted')).toContain('ca');
  });

  it('marks the CRLs and the certificates with set dates as using a CA database, the rest not', () => {
    expect(['crl', 'expiredCrl', 'untrustedCrl'].every((name) => usesCaDatabase(name as never))).toBe(true);
    expect(usesCaDatabase('clientA')).toBe(false);
    const dated = (Object.keys(CERTS) as (keyof typeof CERTS)[]).filter((name) => !('days' in CERTS[name].validity));
    expect(dated.length).toBeGreaterThan(0);
    expect(dated.every(usesCaDatabase)).toBe(true);
  });
});
