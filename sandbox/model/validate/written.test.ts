import { describe, expect, it } from 'vitest';
import { text } from './written.js';

describe('a string member as a template writes it', () => {
  it('takes a reference to another resource as a value known once that resource is deployed', () => {
    expect(text({ ref: 'UserPoolClient' }, 'clientId')).toBe('${UserPoolClient}');
    expect(text({ ref: 'Pool', attribute: 'ProviderURL' }, 'issuer')).toBe('${Pool.ProviderURL}');
  });

  it('refuses any other object, naming the member', () => {
    expect(() => text({ ref: 'X', extra: 'y' }, 'clientId')).toThrow(
      /clientId is not a string|Member must be a string/,
    );
    expect(() => text({ Name: 'x' }, 'clientId')).toThrow(/Member must be a string/);
  });
});
