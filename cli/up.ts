// What `mtls-sandbox up` prints once a topology runs: each load balancer's address and ready-to-paste curl commands.
import type { Pki } from '../certs/types.js';
import { buildCurlArgs, formatCommand } from '../sandbox/probe/curl-command.js';
import type { Realized } from '../sandbox/runtime/realize.js';
import { curlRequestFor } from '../sandbox/run.js';
import type { ScenarioDefinition } from '../sandbox/scenario.js';
import { pick, type Lang } from '../sandbox/text.js';

export function formatUpInstructions(scenario: ScenarioDefinition, realized: Realized, pki: Pki, lang: Lang): string {
  const lines = ['', lang === 'ja' ? '起動しました。手で試せるコマンド:' : 'Running. Try it by hand:'];
  for (const probe of scenario.probes) {
    const endpoint = realized.endpoint(probe.via.loadBalancer, probe.via.port);
    lines.push(
      '',
      `  # ${probe.name}: ${pick(probe.description, lang)}`,
      `  ${formatCommand(buildCurlArgs(curlRequestFor(probe, endpoint, pki)))}`,
    );
  }
  const endpoints = new Set(
    scenario.probes.map((probe) => {
      const e = realized.endpoint(probe.via.loadBalancer, probe.via.port);
      return `${e.host}:${e.port}`;
    }),
  );
  const { cert, key } = pki.clients.clientA;
  for (const endpoint of endpoints) {
    const sClient = formatCommand(['s_client', '-connect', endpoint, '-cert', cert, '-key', key], 'openssl');
    lines.push('', `  # the raw handshake, including which CA names the server asks for:`, `  ${sClient} </dev/null`);
  }
  lines.push(
    '',
    `  # certificates: ${pki.dir} (mtls-sandbox certs lists them)`,
    '',
    lang === 'ja'
      ? 'Ctrl-C (または別の端末で mtls-sandbox down) で停止します。'
      : 'Ctrl-C (or `mtls-sandbox down` in another terminal) stops everything.',
  );
  return lines.join('\n');
}
