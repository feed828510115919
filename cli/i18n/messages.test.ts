// The catalogue's words for what the engine reports: each test runs the engine part and reads its message.
import { describe, expect, it } from 'vitest';
import { sourceAddressProblem } from '../../sandbox/probe/source-address.js';
import { faultFields, faultMessage } from '../../sandbox/emulator/fault.js';
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

describe('emulator faults', () => {
  it('says in both languages where the emulator failed, with what status, and that only that request was affected', () => {
    const request = faultMessage({ elb_status_code: 502, ...faultFields('forward', new RangeError('bad port')) })!;
    expect(say(request, 'en')).toMatch(
      /failed in its forward \(RangeError: bad port\): only this request was answered 502/,
    );
    expect(say(request, 'ja')).toMatch(/forward で失敗した \(RangeError: bad port\).*502 で答えた/);
    const connection = faultMessage(faultFields('TLS front', new TypeError('x')))!;
    expect(say(connection, 'en')).toMatch(/only this connection was closed/);
    expect(say(connection, 'ja')).toMatch(/この接続だけで、その接続は閉じた/);
  });
});
