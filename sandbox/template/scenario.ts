// A CloudFormation template as a scenario (--template FILE): stand-ins for its targets and objects (stand-ins.ts),
// the certificate matrix on its TLS listeners (matrix.ts) and routing probes derived from its listener rules
// (routing.ts), each judged only where the sandbox's model of AWS predicts the outcome. Pure: the compiled topology
// in, a ScenarioDefinition out.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CfnTemplate } from '../model/cfn.js';
import type { Topology } from '../model/topology.js';
import { defineScenario, defineStory, type PkiObject, type ProbeSpec, type ScenarioDefinition } from '../scenario.js';
import type { Text } from '../text.js';
import { distributionProbes } from './cloudfront.js';
import { forwardsToAlb, matrixProbes } from './matrix.js';
import { routingProbes, type UnprobedRule } from './routing.js';
import { slug } from './slug.js';
import { standIns } from './stand-ins.js';

export { MATRIX_CERTIFICATES } from './matrix.js';
export { slug } from './slug.js';

export const TEMPLATES = defineStory({
  id: 'your-templates',
  order: 2000,
  title: { en: 'Your own infrastructure (--template)', ja: '自作のインフラ (--template)' },
});

/** What a template run needs beside the template: where it came from. */
export interface TemplateSource {
  file: string;
  stackName: string;
}

export function templateScenario(
  template: CfnTemplate,
  source: TemplateSource,
  topology: Topology,
): ScenarioDefinition {
  const name = basename(source.file).replace(/\.(template\.)?(json|ya?ml)$/i, '');
  const id = `template-${slug(name) || 'stack'}`;
  const targets = standIns(topology);
  const unprobed: UnprobedRule[] = [];
  const probes: ProbeSpec[] = [];
  for (const balancer of topology.loadBalancers)
    for (const listener of balancer.listeners) {
      probes.push(...matrixProbes(balancer, listener, topology));
      const routing = routingProbes(balancer, listener, topology, targets);
      probes.push(...routing.probes, ...throughNlb(balancer, listener, topology, targets));
      unprobed.push(...routing.unprobed);
    }
  for (const distribution of topology.cloudFront?.distributions ?? [])
    probes.push(...distributionProbes(distribution, targets));
  return defineScenario({
    id,
    title: { en: `Your template ${basename(source.file)}`, ja: `指定したテンプレート ${basename(source.file)}` },
    summary: {
      en: `${source.file}, realized with stand-ins for what cannot run here, probed on every listener: client certificates where TLS is, the routing of every listener rule where an ALB is.`,
      ja: `${source.file} を、ここで動かせないものを代役に置き換えて再現し、すべてのリスナーをプローブする: TLS にはクライアント証明書を、ALB ではすべてのリスナールールのルーティングを。`,
    },
    story: TEMPLATES,
    seeds: [],
    tags: ['template'],
    stackModule: pathToFileURL(source.file),
    synthesized: { template, stackName: source.stackName },
    origin: { kind: 'template', file: source.file },
    targets,
    objects: objectStandIns(topology),
    probes: uniquelyNamed(probes),
    explain: explanation(probes, unprobed),
  });
}

/** Two construct paths can slug alike ("A/B", "A-B"): each probe keeps a name of its own. */
function uniquelyNamed(probes: ProbeSpec[]): ProbeSpec[] {
  const taken = new Set<string>();
  return probes.map((probe) => {
    let name = probe.name;
    for (let n = 2; taken.has(name); n += 1) name = `${probe.name}-${n}`;
    taken.add(name);
    return name === probe.name ? probe : { ...probe, name };
  });
}

/** An NLB TCP listener forwarding to an ALB of the template: the ALB's routing probes, sent through the NLB. */
function throughNlb(
  balancer: Topology['loadBalancers'][number],
  listener: Topology['loadBalancers'][number]['listeners'][number],
  topology: Topology,
  targets: ReturnType<typeof standIns>,
): ProbeSpec[] {
  if (balancer.kind !== 'network' || listener.protocol !== 'TCP' || !forwardsToAlb(listener, topology)) return [];
  const action = listener.defaultActions[0];
  const group = topology.targetGroups.find(
    (candidate) => action?.type === 'forward' && candidate.logicalId === action.targetGroups[0]?.targetGroupId,
  );
  const alb = topology.loadBalancers.find((candidate) => candidate.logicalId === group?.targets[0]?.id);
  const port = group?.targets[0]?.port ?? group?.port;
  const albListener = alb?.listeners.find((candidate) => candidate.port === port);
  if (!alb || !albListener) return [];
  return routingProbes(alb, albListener, topology, targets, { balancer, listener }).probes;
}

/** A trust store's CA bundle holds the sandbox's privateCA; its CRLs are privateCA's (which lists "revoked"). */
function objectStandIns(topology: Topology): Record<string, PkiObject> {
  // No prototype: an S3 key from the template is a key like any other.
  const objects: Record<string, PkiObject> = Object.create(null);
  for (const store of topology.trustStores) {
    objects[store.bundle.key] = 'privateCA';
    for (const revocation of store.revocations) objects[revocation.key] = 'privateCA.crl';
  }
  // CloudFront trust stores alike: the sandbox's privateCA stands in for the CA bundle. A KeyValueStore's import file
  // holds the sandbox's revoked serials: what your connection function reads there is a stand-in (its probes are
  // observed only).
  for (const store of topology.cloudFront?.trustStores ?? []) objects[store.bundle.key] = 'privateCA';
  for (const store of topology.cloudFront?.keyValueStores ?? [])
    if (store.importKey) objects[store.importKey] = 'revoked-serials.kvs';
  return objects;
}

const WHY_UNPROBED: Record<UnprobedRule['why']['why'], Text> = {
  regex: {
    en: 'it has only RegexValues, and the sandbox does not derive a request from a regular expression',
    ja: 'RegexValues しかなく、サンドボックスは正規表現からリクエストを導出しない',
  },
  unsendable: { en: 'curl cannot send its values as written', ja: 'その値を curl でそのまま送れない' },
  source: {
    en: 'its source-ip condition names no address this machine can send from (loopback only)',
    ja: 'source-ip 条件がこのマシンから送れるアドレス (ループバックのみ) を含まない',
  },
};

function explanation(probes: ProbeSpec[], unprobed: UnprobedRule[]): Text {
  const judged = probes.filter((probe) => !probe.unjudged).length;
  const rules = unprobed.map((entry) => ({
    en: `\n- ${entry.listener}, rule ${entry.priority}: no request derived — its ${entry.why.field} condition: ${WHY_UNPROBED[entry.why.why].en}.`,
    ja: `\n- ${entry.listener} の優先度 ${entry.priority} のルール: リクエストを導出しない — ${entry.why.field} 条件: ${WHY_UNPROBED[entry.why.why].ja}。`,
  }));
  const nothing =
    judged === 0
      ? {
          en: `\n- Nothing in this template could be judged against AWS: ${probes.length === 0 ? 'it has no listener the sandbox probes' : 'every probe is observed only'}. The run shows what happened; it does not say that AWS would do the same.`,
          ja: `\n- このテンプレートには AWS と比べて判定できるものがない: ${probes.length === 0 ? 'サンドボックスがプローブするリスナーがない' : 'すべてのプローブが判定なし (記録のみ)'}。実行結果は何が起きたかを示すが、AWS でも同じになるとは言わない。`,
        }
      : { en: '', ja: '' };
  return {
    en: `What stood in for what:
- Targets: an echo server per registered target (nginx where the target speaks TLS or is sent Proxy Protocol), one when the template registers none; each says so on its line, and its answer is never judged as AWS's: a forward is judged by which target group it reaches, not by the stand-in's status. Your own application is not run.
- Trust store CA bundles hold the sandbox's privateCA, their revocation lists privateCA's CRL (which lists "revoked"); listener certificates are the sandbox's localhost certificate.
- TLS listeners and CloudFront distributions with viewer mTLS get the certificate matrix; ALB listeners (HTTP and HTTPS) get a request for each listener rule and one that no rule should match, judged by the rule model: which rule, which action, which status.
- Probes marked "observed only" have no expectation: the sandbox's model of AWS predicts nothing there, so they are not compared with AWS.
- Everything the template holds that the sandbox does not realize is listed under "not realized", with why.${rules.map((rule) => rule.en).join('')}${nothing.en}`,
    ja: `代役:
- ターゲット: 登録されたターゲットごとにエコーサーバー (ターゲットが TLS を話すか Proxy Protocol を受ける場合は nginx)、登録がなければ 1 つ。それぞれ行にそう書かれ、その応答を AWS のものとして判定することはない: 転送はどのターゲットグループに届いたかで判定し、代役のステータスでは判定しない。テンプレートのアプリケーションそのものは動かさない。
- トラストストアの CA バンドルはサンドボックスの privateCA、失効リストは privateCA の CRL ("revoked" を含む)。リスナー証明書はサンドボックスの localhost 証明書。
- TLS リスナーとビューワー mTLS の CloudFront ディストリビューションには証明書マトリクス、ALB リスナー (HTTP・HTTPS) にはリスナールールごとのリクエストとどのルールにも一致しないリクエストを送り、ルールモデルで判定する: どのルール、どのアクション、どのステータスか。
- 「判定なし」のプローブには期待値がない。サンドボックスの AWS モデルがそこで何も予測しないので、AWS とは比較しない。判定されるプローブには、どのシナリオとも同じく根拠が付く。
- テンプレートのうちサンドボックスが再現しないものはすべて、「ここでは再現しないもの」に理由とともに載る。${rules.map((rule) => rule.ja).join('')}${nothing.ja}`,
  };
}
