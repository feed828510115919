// Why the client got what it got, in the words of the part that decided it: nginx's error-log line and
// ssl_client_verify for a 400, the load balancer's tls_verify_status for a reset, and plainly "no client certificate
// was requested" where nobody asked for one (so a connection log's Success is not read as "verified"). Reads the
// record only. Pure.
import type { ProbeReport } from '../sandbox/report.js';
import type { Lang } from '../sandbox/text.js';
import { decisiveFacts, t } from './i18n/index.js';

/** The tls_verify_status of the probe's connection-log entry, if it has one. */
export function tlsVerifyStatus(probe: Pick<ProbeReport, 'connectionLog'>): string | null {
  const status = probe.connectionLog.find((entry) => entry.tls_verify_status !== undefined)?.tls_verify_status;
  return status === undefined ? null : String(status);
}

/** nginx's own words for the request (its error log), without the context nginx adds to every line. */
export function targetLogNote(probe: Pick<ProbeReport, 'target'>): string | null {
  const note = probe.target?.details.error_log;
  return note ? note.replace(/ while reading client request headers$/, '') : null;
}

/**
 * The reason behind the outcome, one sentence; null when the headline already says it all:
 * "web-1's error log: client sent no required SSL certificate (ssl_client_verify=NONE)",
 * "the load balancer's connection log: tls_verify_status=Failed:ClientCertMaxChainDepthExceeded".
 */
export function outcomeReason(probe: ProbeReport, lang: Lang): string | null {
  const code = probe.outcome.code;
  const note = targetLogNote(probe);
  const verify = probe.target?.details.ssl_client_verify;
  if (code === 'refused-by-target' && probe.target && note)
    return t(verify && verify !== '-' ? 'reasonTargetLogVerify' : 'reasonTargetLog', lang, {
      target: probe.target.name,
      note,
      verify: verify ?? '',
    });
  const status = tlsVerifyStatus(probe);
  if (
    status &&
    (code === 'reset-in-handshake' ||
      code === 'reset' ||
      code === 'tls-alert' ||
      !probe.handshake.clientCertificateRequested)
  )
    return certificateStatus(probe, lang);
  return null;
}

/**
 * What the load balancer's connection log says about the client certificate, honestly: a Success where no
 * certificate was requested means the connection was set up, not that anything was verified.
 */
export function certificateStatus(probe: ProbeReport, lang: Lang): string | null {
  const status = tlsVerifyStatus(probe);
  if (status === null) return null;
  if (!probe.handshake.clientCertificateRequested && /^success$/i.test(status))
    return t('reasonNotRequested', lang, { status });
  return t('reasonVerifyStatus', lang, { status });
}

/**
 * The decisive facts to show beside the reason: what the target saw, without the error-log line the reason already
 * says in full (so it is never repeated, cut, in the same view).
 */
export function factsBesideReason(probe: ProbeReport, lang: Lang, options: { short?: boolean } = {}): string[] {
  const reason = outcomeReason(probe, lang);
  const shown = reason
    ? {
        ...probe,
        outcome: { ...probe.outcome, targetSaw: probe.outcome.targetSaw.filter((seen) => seen.name !== 'error_log') },
      }
    : probe;
  return decisiveFacts(shown, lang, options);
}
