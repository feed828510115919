// The catalogue's words for what the engine reports: each test runs the engine part and reads its message.
import { describe, expect, it } from 'vitest';
import { sourceAddressProblem } from '../../sandbox/probe/source-address.js';
import { say } from './messages.js';

describe('skip reasons', () => {
  it('says what to do about a source address that is not local', async () => {
    // 192.0.2.0/24 (TEST-NET-1) is never assigned to a machine.
    const problem = say((await sourceAddressProblem('192.0.2.123'))!, 'en');
    expect(problem).toMatch(/192\.0\.2\.123 is not a local address on this machine/);
    expect(problem).toMatch(/ifconfig lo0 alias 192\.0\.2\.123/);
  });

  it('rejects what is not an address', async () => {
    expect(say((await sourceAddressProblem('localhost'))!, 'en')).toMatch(/not an IP address/);
  });
});
