// What the installed HAProxy can do beyond the basics. NLB client IP preservation is realized with
// `source 0.0.0.0 usesrc clientip`, which HAProxy accepts only when built with transparent proxy support
// (Linux builds: "+TPROXY" in `haproxy -vv`; macOS builds have none, and the keyword is a configuration error there).
//
// Verified on Linux with HAProxy 2.6 on loopback: HAProxy first asks for IP_TRANSPARENT (refused with EPERM without
// CAP_NET_ADMIN), then falls back to IP_FREEBIND and binds the connection to the target to the client's address.
// Every 127/8 address is local, so that bind succeeds without root and replies come back without TPROXY routing
// or iptables rules: the target sees the client's own address, as behind an NLB that preserves it.
import { type Message, msg } from '../messages.js';
import { execa } from 'execa';
import { findTool } from './binaries.js';

let support: Promise<Message | null> | undefined;

/** null when this HAProxy can take the client's address as its source (usesrc clientip); else why not. */
export function haproxyClientIpProblem(): Promise<Message | null> {
  support ??= (async () => {
    let haproxy: string;
    try {
      haproxy = findTool('haproxy');
    } catch {
      // No HAProxy on this host (e.g. it runs in a container): starting it is what reports a missing one.
      return null;
    }
    const result = await execa(haproxy, ['-vv'], { reject: false, all: true });
    return transparentProblem(String(result.all ?? ''));
  })();
  return support;
}

/** Pure: reads `haproxy -vv` output. */
export function transparentProblem(versionOutput: string): Message | null {
  if (/\+TPROXY\b/.test(versionOutput) || /Built with transparent proxy support/.test(versionOutput)) return null;
  return msg('problem.haproxy-no-tproxy');
}
