// What `mtls-sandbox up` prints once a topology runs: each probe as a ready-to-paste command. Pure.
import { dirname } from 'node:path';
import type { Elbv2ApiAccess, UpSession } from '../sandbox/door.js';
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
  if (session.elbv2Api) lines.push(...elbv2Lines(session.elbv2Api, lang));
  lines.push('', `  ${t('upCertificates', lang, { dir: session.pkiDir })}`, '', t('upStop', lang));
  return lines.join('\n');
}

/** The environment to paste, the ARNs and one command to start from. */
function elbv2Lines(api: Elbv2ApiAccess, lang: Lang): string[] {
  const lines = ['', `  ${t('upElbv2Api', lang)}`];
  for (const [name, value] of Object.entries(api.env)) lines.push(`  export ${name}=${value}`);
  if (api.awsCli) lines.push(`  export PATH=${dirname(api.awsCli)}:$PATH  ${t('upElbv2Cli', lang)}`);
  for (const balancer of api.loadBalancers) {
    lines.push(`  ${t('upElbv2Arn', lang, { what: 'load balancer', name: balancer.path, arn: balancer.arn })}`);
    for (const listener of balancer.listeners)
      lines.push(`  ${t('upElbv2Arn', lang, { what: 'listener', name: listener.label, arn: listener.arn })}`);
  }
  for (const group of api.targetGroups)
    lines.push(`  ${t('upElbv2Arn', lang, { what: 'target group', name: group.name, arn: group.arn })}`);
  for (const store of api.trustStores)
    lines.push(`  ${t('upElbv2Arn', lang, { what: 'trust store', name: store.name, arn: store.arn })}`);
  if (api.objectsDir) lines.push(`  ${t('upElbv2Objects', lang, { dir: api.objectsDir })}`);
  const first = api.loadBalancers[0]?.listeners[0];
  if (first)
    lines.push(
      `  ${t('upElbv2Try', lang)}`,
      `  aws elbv2 describe-rules --listener-arn ${first.arn} --endpoint-url ${api.endpoint}`,
    );
  return lines;
}
