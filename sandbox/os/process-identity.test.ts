// A process is recognised by pid, start time and command line together; any one of them off means "not ours".
import { describe, expect, it } from 'vitest';
import { identify, isStillRunning, selfIdentity } from './process-identity.js';

describe('process identity', () => {
  const self = selfIdentity();

  it('reads this process from /proc: a start time and the command line', () => {
    expect(self.pid).toBe(process.pid);
    expect(self.startTime).toMatch(/^\d+$/);
    expect(self.cmdline).toContain('node');
    expect(identify(self.pid)).toEqual(self);
  });

  it('matches only when pid, start time and command line all match', () => {
    expect(isStillRunning(self)).toBe(true);
    // nginx prefixes its original command line: the recorded one only has to be contained.
    expect(isStillRunning({ ...self, cmdline: self.cmdline.slice(self.cmdline.indexOf(' ') + 1) })).toBe(true);
    expect(isStillRunning({ ...self, startTime: String(Number(self.startTime) + 1) })).toBe(false);
    expect(isStillRunning({ ...self, cmdline: '/usr/sbin/nginx -c /etc/nginx/nginx.conf' })).toBe(false);
    expect(isStillRunning({ ...self, bootId: 'another-boot' })).toBe(false);
  });

  it('a record that lacks a start time or command line is never taken for a live process', () => {
    expect(isStillRunning({ pid: self.pid, cmdline: self.cmdline })).toBe(false);
    expect(isStillRunning({ pid: self.pid, startTime: self.startTime })).toBe(false);
    expect(identify(0)).toBeNull();
    expect(identify(2 ** 22 + 1)).toBeNull();
  });
});
