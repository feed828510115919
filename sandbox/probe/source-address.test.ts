import { describe, expect, it } from 'vitest';
import { sourceAddressesProblem, sourceAddressProblem } from './source-address.js';

describe('sourceAddressProblem', () => {
  it('accepts 127.0.0.1, which every system has', async () => {
    expect(await sourceAddressProblem('127.0.0.1')).toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    'accepts any 127/8 address on Linux, where the whole block is local',
    async () => {
      expect(await sourceAddressesProblem(['127.0.0.23', '127.0.0.16', '127.1.2.3'])).toBeNull();
    },
  );

  it('says what to do about an address that is not local', async () => {
    // 192.0.2.0/24 (TEST-NET-1) is never assigned to a machine.
    const problem = await sourceAddressProblem('192.0.2.123');
    expect(problem).toMatchObject({ code: 'skip.source-not-local', params: { address: '192.0.2.123' } });
  });

  it('rejects what is not an address', async () => {
    expect(await sourceAddressProblem('localhost')).toMatchObject({ code: 'skip.source-not-an-address' });
  });
});
