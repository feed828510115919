// What the NLB TLS listener does with an admitted connection: a new connection to a target of its target group
// (chosen by the flow hash, or the client's address with source IP stickiness), plain TCP or the NLB's own TLS when
// the group's protocol is TLS, from the client's address when client IP preservation is on, after a Proxy Protocol v2
// header when that is on; then bytes both ways until either side closes or the flow is idle past the NLB's timeout.
import net, { type Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import type { TargetGroupRuntime, TargetRuntime } from '../alb/targets.js';
import { faultFields, faultNote } from '../emulator/fault.js';
import type { Address } from '../emulator/shape.js';
import type { ConnectionLogEntry } from '../tls/connection-log.js';
import type { AcceptedConnection } from '../tls/tls-front.js';
import { flowTarget } from './flow-hash.js';
import { proxyProtocolV2Header } from './proxy-protocol.js';
import type { NlbTlsTargetGroup } from './tls-config.js';

/** The NLB's idle timeout for TCP flows, TLS listeners included (ELB "Listeners": tcp.idle_timeout.seconds 350). */
export const NLB_IDLE_TIMEOUT_MS = 350_000;

export interface ForwardContext {
  group: TargetGroupRuntime<NlbTlsTargetGroup>;
  config: NlbTlsTargetGroup;
  /** The address the client connected to (the PPv2 header's destination). */
  listenerAddress: Address;
  keyLog: { append(line: Buffer): void } | null;
  /** The TLS options of the backend security policy, towards a TLS target group. */
  backendTls: tls.ConnectionOptions;
  /** Holds every socket opened here until it closes, so the listener's close() ends them. */
  base: { track<T extends Socket>(socket: T): T };
}

/**
 * The connection to a target for an admitted client, then bytes both ways until either side closes. An unexpected
 * exception on the way ends this client's connection only, logged with the fault.
 */
export function forwardToTarget(client: TLSSocket, accepted: AcceptedConnection, ctx: ForwardContext): void {
  ctx.base.track(client);
  try {
    connectAndPipe(client, accepted, ctx);
  } catch (error) {
    const stage = 'forward';
    accepted.logSuccess({ target_connection: 'failed', notes: faultNote(stage, error), ...faultFields(stage, error) });
    client.destroy();
  }
}

function connectAndPipe(client: TLSSocket, accepted: AcceptedConnection, ctx: ForwardContext): void {
  const chosen = chooseTarget(ctx, accepted);
  if (!chosen) {
    accepted.logSuccess({ target: '-', notes: 'no target registered' });
    client.destroy();
    return;
  }
  const notes = forwardNotes(ctx, accepted);
  const { tcp, upstream } = connectTarget(chosen, client, accepted, ctx);
  const fields = {
    target: `${chosen.target.name} ${chosen.target.host}:${chosen.target.port}`,
    target_protocol: ctx.config.protocol,
    alpn_fe_protocol: client.alpnProtocol || '-',
  };
  let logged = false;
  const logOnce = (extra: Partial<ConnectionLogEntry> = {}) => {
    if (logged) return;
    logged = true;
    accepted.logSuccess({ ...fields, ...extra });
  };
  const end = (why?: string) => {
    if (why) logOnce({ target_connection: 'failed', notes: [...notes, why].join('; ') });
    client.destroy();
    upstream.destroy();
    tcp.destroy();
  };
  upstream.on('error', (err: Error) =>
    end(logged ? undefined : `the target did not accept the connection: ${err.message}`),
  );
  client.on('error', () => end());
  upstream.on('close', () => end());
  client.on('close', () => end());
  client.setTimeout(NLB_IDLE_TIMEOUT_MS, () => end());
  upstream.once(ctx.config.protocol === 'TLS' ? 'secureConnect' : 'connect', () => {
    try {
      logOnce({
        notes: notes.join('; '),
        ...(upstream instanceof tls.TLSSocket ? { alpn_be_protocol: upstream.alpnProtocol || '-' } : {}),
      });
      client.pipe(upstream);
      upstream.pipe(client);
    } catch (error) {
      if (logged) accepted.logFault('forward', error);
      else logOnce({ notes: faultNote('forward', error), ...faultFields('forward', error) });
      end();
    }
  });
}

/** The flow's target among the eligible ones (healthy, or all registered when none is: fail open). */
function chooseTarget(ctx: ForwardContext, accepted: AcceptedConnection): TargetRuntime | undefined {
  const pool = ctx.group.eligible();
  return pool[flowTarget(pool.length, accepted.clientIp, accepted.clientPort, ctx.config.sourceIpStickiness)];
}

/** What the connection log says about how the target was reached. */
function forwardNotes(ctx: ForwardContext, accepted: AcceptedConnection): string[] {
  const tg = ctx.config;
  return [
    ...(!ctx.group.hasHealthy() ? [`no healthy target in ${tg.id}: routed across all its targets (fail open)`] : []),
    ...(tg.preserveClientIp ? [`client IP preserved: connected to the target from ${accepted.clientIp}`] : []),
    ...(tg.proxyProtocolV2 ? ['Proxy Protocol v2 header sent (addresses only)'] : []),
    'nothing of the client certificate is sent to the target',
  ];
}

/** The TCP connection to the target (its PPv2 header first), and the NLB's own TLS over it for a TLS group. */
function connectTarget(
  chosen: TargetRuntime,
  client: TLSSocket,
  accepted: AcceptedConnection,
  ctx: ForwardContext,
): { tcp: Socket; upstream: Socket } {
  const tg = ctx.config;
  const { host, port } = chosen.target;
  const tcp = ctx.base.track(
    net.connect({
      host,
      port,
      noDelay: true,
      // Client IP preservation on loopback: every 127/8 address is local, so the client's own can be bound.
      ...(tg.preserveClientIp ? { localAddress: accepted.clientIp } : {}),
    }),
  );
  if (tg.proxyProtocolV2)
    tcp.write(
      proxyProtocolV2Header(
        { address: accepted.clientIp, port: accepted.clientPort },
        { address: ctx.listenerAddress.host, port: ctx.listenerAddress.port },
      ),
    );
  if (tg.protocol !== 'TLS') return { tcp, upstream: tcp };
  // The NLB's own TLS connection: no client certificate (it has none to give), the client's ALPN choice offered.
  const protocol = client.alpnProtocol;
  const upstream = ctx.base.track(
    tls.connect({
      socket: tcp,
      rejectUnauthorized: false,
      ...ctx.backendTls,
      ...(protocol ? { ALPNProtocols: [protocol] } : {}),
    }),
  );
  const keyLog = ctx.keyLog;
  if (keyLog) upstream.on('keylog', (line) => keyLog.append(line));
  return { tcp, upstream };
}
