import { describe, expect, it } from 'vitest';
import { newTraceValue, nextTraceHeader } from './trace-id.js';

const now = Date.parse('2024-11-03T04:09:55Z');
const random = (n: number) => Buffer.alloc(n, 0xab);

describe('X-Amzn-Trace-Id', () => {
  it('creates Root=1-<8 hex epoch seconds>-<24 hex> when the client sent none', () => {
    expect(nextTraceHeader(undefined, now, random)).toBe(
      `Root=1-${Math.floor(now / 1000).toString(16)}-${'ab'.repeat(12)}`,
    );
    expect(nextTraceHeader(undefined)).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(newTraceValue(now, random)).toBe('1-6726f793-abababababababababababab');
  });
  it('keeps an incoming Root and inserts Self in front', () => {
    expect(nextTraceHeader('Root=1-67891233-abcdef012345678912345678', now, random)).toBe(
      'Self=1-6726f793-abababababababababababab;Root=1-67891233-abcdef012345678912345678',
    );
  });
  it('keeps custom fields and updates an existing Self', () => {
    expect(nextTraceHeader('Root=1-67891233-abcdef012345678912345678;CalledFrom=app', now, random)).toBe(
      'Self=1-6726f793-abababababababababababab;Root=1-67891233-abcdef012345678912345678;CalledFrom=app',
    );
    expect(nextTraceHeader('Self=1-1-1;Root=1-67891233-abcdef012345678912345678', now, random)).toBe(
      'Self=1-6726f793-abababababababababababab;Root=1-67891233-abcdef012345678912345678',
    );
  });
});
