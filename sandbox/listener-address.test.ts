import { describe, expect, it } from 'vitest';
import { listenerAddresses, localAddressOf } from './listener-address.js';

describe('where a listener runs here', () => {
  const written = listenerAddresses(
    new Map([
      [443, 40443],
      [80, 40080],
      [4430, 41000],
    ]),
  );

  it('is written without words, the same in every language', () => {
    expect(written).toBe(':443 → 127.0.0.1:40443, :80 → 127.0.0.1:40080, :4430 → 127.0.0.1:41000');
    expect(written).not.toMatch(/[a-z]{3,}/i);
  });

  it("is found again by the listener's port, never by a port that only starts the same", () => {
    expect(localAddressOf(written, 443)).toBe('127.0.0.1:40443');
    expect(localAddressOf(written, 80)).toBe('127.0.0.1:40080');
    expect(localAddressOf(written, 4430)).toBe('127.0.0.1:41000');
    expect(localAddressOf(written, 44)).toBeNull();
    expect(localAddressOf(written, 8080)).toBeNull();
  });
});
