import { english } from '../../cli/testing/english.js';
import { describe, expect, it } from 'vitest';
import { transparentProblem } from './haproxy-features.js';

describe('transparentProblem', () => {
  it('accepts a build with +TPROXY (Debian 12: HAProxy 2.6)', () => {
    expect(
      transparentProblem(
        'Feature list : +EPOLL -KQUEUE +NETFILTER +TPROXY -WURFL\nBuilt with transparent proxy support using: IP_TRANSPARENT IPV6_TRANSPARENT IP_FREEBIND',
      ),
    ).toBeNull();
  });

  it('refuses a build without it and says why and where it works', () => {
    expect(english(transparentProblem('Feature list : -EPOLL +KQUEUE -TPROXY'))).toMatch(
      /without transparent proxy support.*usesrc clientip.*Linux/,
    );
  });
});
