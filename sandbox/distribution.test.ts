import { describe, expect, it } from 'vitest';
import { boundsText, say } from '../cli/i18n/messages.js';
import {
  distributionClients,
  judgeDistribution as judgeMessages,
  lbCookieName,
  NO_TARGET,
  perTarget,
  sourceHashCounts,
} from './distribution.js';
import type { DistributionClient } from './report.js';
import type { CountBounds, DistributionExpectation } from './scenario.js';

/** The verdicts in the words a reader sees (the catalogue's English). */
const judgeDistribution = (expect: DistributionExpectation, clients: DistributionClient[]) =>
  judgeMessages(expect, clients).map((m) => say(m, 'en'));
const describeBounds = (bounds: CountBounds) => boundsText({ min: bounds.min ?? null, max: bounds.max ?? null }, 'en');

const client = (index: number, sourceAddress: string, targets: Record<string, number>): DistributionClient => ({
  name: `client-${index}`,
  sourceAddress,
  targets,
  lbCookie: null,
  command: 'curl …',
});

describe('distributionClients', () => {
  it('makes one client per source, an address repeating for clients behind one proxy', () => {
    expect(distributionClients(['127.0.0.1', '127.0.0.1'])).toEqual([
      { name: 'client-1', sourceAddress: '127.0.0.1' },
      { name: 'client-2', sourceAddress: '127.0.0.1' },
    ]);
    expect(distributionClients(undefined, '127.0.0.9')).toEqual([{ name: 'client-1', sourceAddress: '127.0.0.9' }]);
  });
});

describe('perTarget', () => {
  it('adds up the clients, targets in the order they first answered', () => {
    expect(perTarget([client(1, 'a', { 'web-2': 2 }), client(2, 'b', { 'web-1': 1, 'web-2': 1 })])).toEqual({
      'web-2': 3,
      'web-1': 1,
    });
  });
});

describe('lbCookieName', () => {
  it('finds the ALB stickiness cookie among the Set-Cookie values, and nothing else', () => {
    expect(
      lbCookieName(
        'AWSALB=abc; Expires=Tue, 01 Dec 2026 00:00:00 GMT; Path=/, AWSALBCORS=abc; Path=/; SameSite=None; Secure',
      ),
    ).toBe('AWSALB');
    expect(lbCookieName('session=1; Path=/')).toBeNull();
    expect(lbCookieName(undefined)).toBeNull();
  });
});

describe('describeBounds', () => {
  it('says bounds in words', () => {
    expect(describeBounds({ min: 8, max: 8 })).toBe('exactly 8');
    expect(describeBounds({ min: 2 })).toBe('at least 2');
    expect(describeBounds({ max: 1 })).toBe('at most 1');
    expect(describeBounds({ min: 1, max: 3 })).toBe('between 1 and 3');
  });
});

describe('judgeDistribution', () => {
  const spread = [client(1, '127.0.0.1', { 'web-2': 2 }), client(2, '127.0.0.2', { 'web-1': 2 })];

  it('passes counts within every bound', () => {
    expect(
      judgeDistribution(
        { perTarget: { '*': { min: 2, max: 2 } }, targets: { min: 2 }, targetsPerClient: { max: 1 } },
        spread,
      ),
    ).toEqual([]);
  });

  it('names the target whose count is off, with all counts', () => {
    expect(judgeDistribution({ perTarget: { 'web-1': { min: 3 } } }, spread)).toEqual([
      'expected at least 3 request(s) at web-1, web-1 answered 2 (web-2: 2, web-1: 2)',
    ]);
    expect(judgeDistribution({ perTarget: { 'web-3': { min: 1 } } }, spread)).toEqual([
      'expected at least 1 request(s) at web-3, web-3 answered 0 (web-2: 2, web-1: 2)',
    ]);
  });

  it('counts the different targets that answered, not the requests no target received', () => {
    const lost = [client(1, '127.0.0.1', { 'web-1': 1, [NO_TARGET]: 1 })];
    expect(judgeDistribution({ targets: { min: 2 } }, lost)).toEqual([
      `expected at least 2 different target(s) to answer, 1 did (web-1: 1, ${NO_TARGET}: 1)`,
    ]);
  });

  it('names each client that reached more targets than allowed, up to five', () => {
    const unpinned = Array.from({ length: 7 }, (_, i) => client(i + 1, `127.0.0.${i + 1}`, { 'web-1': 1, 'web-2': 1 }));
    const out = judgeDistribution({ targetsPerClient: { max: 1 } }, unpinned);
    expect(out[0]).toBe(
      'expected each client to reach at most 1 target(s), client-1 (127.0.0.1) reached 2 (web-1: 1, web-2: 1)',
    );
    expect(out).toHaveLength(6);
    expect(out[5]).toBe('…and 2 more client(s) like these');
    expect(judgeDistribution({ targetsPerClient: { min: 2 } }, unpinned)).toEqual([]);
  });
});

describe('sourceHashCounts', () => {
  it('is the IPv4 address modulo the number of targets (HAProxy balance source, map-based)', () => {
    const sixteen = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 1}`);
    expect(sourceHashCounts(sixteen, 2)).toEqual([8, 8]);
    expect(sourceHashCounts(['127.0.0.1', '127.0.0.1', '127.0.0.1'], 2)).toEqual([0, 3]);
    expect(sourceHashCounts(sixteen, 3)).toEqual([5, 5, 6]);
    expect(sourceHashCounts(['255.255.255.255'], 2)).toEqual([0, 1]);
  });

  it('refuses what is not an IPv4 address', () => {
    expect(() => sourceHashCounts(['::1'], 2)).toThrow(/not an IPv4 address/);
  });
});
