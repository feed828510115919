// What `mtls-sandbox up` prints once a topology runs: each probe as a ready-to-paste command. Pure.
import type { UpSession } from '../sandbox/door.js';
import type { Lang } from '../sandbox/text.js';
import { t } from './i18n/index.js';

export function formatUpInstructions(session: UpSession, lang: Lang): string {
  const lines = ['', t('upRunning', lang)];
  for (const probe of session.probes) lines.push('', `  # ${probe.name}: ${probe.description}`, `  ${probe.command}`);
  for (const handshake of session.handshakes)
    lines.push(
      '',
      `  ${t(handshake.nlbTls ? 'upHandshakeNlb' : 'upHandshake', lang, { listener: handshake.listener })}`,
      `  ${handshake.command}`,
    );
  lines.push('', `  ${t('upCertificates', lang, { dir: session.pkiDir })}`, '', t('upStop', lang));
  return lines.join('\n');
}
