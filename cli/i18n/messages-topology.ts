// What the command line says when the runtime cannot realize a topology as the scenario wrote it (TopologyError),
// when AWS's API would refuse a resource (AwsApiError), or when a scenario's stack does not synthesize
// (StackSourceError), and what a scenario's probes name that does not exist (ScenarioCheckError), in English and
// Japanese. The English is the error's own message; the Japanese is polite, as a
// message addressed to the user (です・ます). Pure.
import type { MessageTexts } from './message-texts.js';

type TopologyCode = Extract<keyof MessageTexts, `topo.${string}` | `check.${string}`>;
type Texts = Pick<MessageTexts, TopologyCode>;

const s = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const none = (value: unknown, lang: 'en' | 'ja'): string => s(value) || (lang === 'ja' ? 'なし' : 'none');
/** ' Did you mean "clientA"?' / 「もしかして "clientA" ですか？」, when there is a close name. */
const nearEn = (near: unknown, quote = true): string =>
  near === null || near === undefined ? '' : ` Did you mean ${quote ? `"${s(near)}"` : s(near)}?`;
const nearJa = (near: unknown, quote = true): string =>
  near === null || near === undefined ? '' : `もしかして ${quote ? `"${s(near)}"` : s(near)} ですか？`;

export const TOPOLOGY_MESSAGES: Texts = {
  'topo.aws-refuses': {
    en: (p) =>
      `${s(p.resource)}: ${s(p.operation)} would fail with ${s(p.code)} ("${s(p.awsMessage)}", HTTP 400): ${s(p.detail)}.${p.assumed ? " AWS documents the rule but not which error breaking it gives; this one is the sandbox's assumption (docs/aws-facts.md)." : ''}`,
    ja: (p) =>
      `${s(p.resource)}: ${s(p.operation)} は ${s(p.code)} で失敗します ("${s(p.awsMessage)}"、HTTP 400): ${s(p.detail)}。${p.assumed ? 'この規則は AWS のドキュメントに記載されていますが、違反したときのエラーは記載されていません。このエラーはサンドボックスの仮定です (docs/aws-facts.md)。' : ''}`,
  },
  'topo.stack-no-synth': {
    en: (p) => `Scenario ${s(p.scenario)}: its stack does not synthesize: ${s(p.where)}: ${s(p.reason)}`,
    ja: (p) => `シナリオ ${s(p.scenario)}: スタックを合成できません: ${s(p.where)}: ${s(p.reason)}`,
  },
  'topo.alb-protocol': {
    en: (p) =>
      `${s(p.path)} listener ${s(p.port)} uses ${s(p.protocol)}; an Application Load Balancer listener is HTTP or HTTPS.`,
    ja: (p) =>
      `${s(p.path)} のリスナー ${s(p.port)} は ${s(p.protocol)} を使っています。Application Load Balancer のリスナーは HTTP か HTTPS です。`,
  },
  'topo.not-a-group': {
    en: (p) =>
      `${s(p.path)} listener ${s(p.port)} forwards to ${s(p.group)}, which is not a target group of this stack.`,
    ja: (p) =>
      `${s(p.path)} のリスナー ${s(p.port)} の転送先 ${s(p.group)} は、このスタックのターゲットグループではありません。`,
  },
  'topo.no-trust-store': {
    en: (p) =>
      `A verify-mode listener names trust store ${s(p.id) || '(none)'}, which is not in this stack. Verify mode needs a TrustStoreArn.`,
    ja: (p) =>
      `検証モードのリスナーが指すトラストストア ${s(p.id) || '(なし)'} は、このスタックにありません。検証モードには TrustStoreArn が必要です。`,
  },
  'topo.trust-store-object': {
    en: (p) =>
      `Trust store ${s(p.store)} reads S3 object "${s(p.key)}", but the scenario does not say what it holds. Add objects: { '${s(p.key)}': 'privateCA' } (or another PKI file) to the scenario.`,
    ja: (p) =>
      `トラストストア ${s(p.store)} は S3 オブジェクト "${s(p.key)}" を読みますが、その中身がシナリオに書かれていません。シナリオに objects: { '${s(p.key)}': 'privateCA' } (またはほかの PKI ファイル) を加えてください。`,
  },
  'topo.kvs-object': {
    en: (p) =>
      `KeyValueStore ${s(p.store)} imports S3 object "${s(p.key)}", but the scenario does not say what it holds. Add objects: { '${s(p.key)}': 'revoked-serials.kvs' } to the scenario.`,
    ja: (p) =>
      `KeyValueStore ${s(p.store)} は S3 オブジェクト "${s(p.key)}" をインポートしますが、その中身がシナリオに書かれていません。シナリオに objects: { '${s(p.key)}': 'revoked-serials.kvs' } を加えてください。`,
  },
  'topo.kvs-not-json': {
    en: (p) => `KeyValueStore ${s(p.store)}: its import file is not JSON: ${s(p.error)}`,
    ja: (p) => `KeyValueStore ${s(p.store)}: インポートするファイルが JSON ではありません: ${s(p.error)}`,
  },
  'topo.kvs-no-data': {
    en: (p) => `KeyValueStore ${s(p.store)}: its import file has no "data" list of {key, value} pairs`,
    ja: (p) => `KeyValueStore ${s(p.store)}: インポートするファイルに {key, value} の組の "data" リストがありません`,
  },
  'topo.proxy-mixed': {
    en: (p) =>
      `${s(p.name)} stands behind one target group that sends Proxy Protocol and another that does not; give each group its own backends.`,
    ja: (p) =>
      `${s(p.name)} は Proxy Protocol を送るターゲットグループと送らないターゲットグループの両方の後ろにあります。グループごとに別のバックエンドを割り当ててください。`,
  },
  'topo.echo-proxy': {
    en: (p) =>
      `${s(p.name)} is an echo target, which cannot read the Proxy Protocol header its target group sends; use an nginx target.`,
    ja: (p) =>
      `${s(p.name)} はエコーターゲットで、ターゲットグループが送る Proxy Protocol ヘッダーを読めません。nginx のターゲットを使ってください。`,
  },
  'topo.ssm-needs-localstack': {
    en: (p) =>
      `${s(p.name)} reads its certificates from SSM Parameter Store, which needs LocalStack (run with --localstack auto or host).`,
    ja: (p) =>
      `${s(p.name)} は証明書を SSM Parameter Store から読むため、LocalStack が必要です (--localstack auto か host で実行してください)。`,
  },
  'topo.no-backends': {
    en: (p) =>
      `Scenario ${s(p.scenario)} says nothing about what stands behind ${s(p.group)}. Add targets["${s(p.group)}"] with one backend per registered target.`,
    ja: (p) =>
      `シナリオ ${s(p.scenario)} には ${s(p.group)} の後ろに何があるかが書かれていません。登録されたターゲットごとにバックエンドを 1 つずつ、targets["${s(p.group)}"] に加えてください。`,
  },
  'topo.backend-count': {
    en: (p) =>
      `${s(p.group)} registers ${s(p.count)} targets in the stack but the scenario maps ${s(p.backends)} backends to it; make them match.`,
    ja: (p) =>
      `${s(p.group)} はスタックでターゲットを ${s(p.count)} 個登録していますが、シナリオが割り当てるバックエンドは ${s(p.backends)} 個です。数を合わせてください。`,
  },
  'topo.no-listener': {
    en: (p) =>
      `No listener ${s(p.path)}:${s(p.port)} in this scenario's topology (listeners: ${none(p.known, 'en')}). Check the probe's "via".`,
    ja: (p) =>
      `このシナリオの構成にリスナー ${s(p.path)}:${s(p.port)} はありません (リスナー: ${none(p.known, 'ja')})。プローブの "via" を確認してください。`,
  },
  'topo.no-nginx': {
    en: (p) => `No nginx target "${s(p.name)}" to ${s(p.verb)} (targets: ${none(p.known, 'en')}).`,
    ja: (p) =>
      `${p.verb === 'stop' ? '止める' : p.verb === 'start' ? '起動する' : '再起動する'} nginx のターゲット "${s(p.name)}" がありません (ターゲット: ${none(p.known, 'ja')})。`,
  },
  'topo.nlb-tls-group': {
    en: (p) =>
      `${s(p.path)} listener TLS:${s(p.port)} forwards to ${s(p.group)}, a ${s(p.protocol)} target group; an NLB TLS listener's target group is TCP or TLS.`,
    ja: (p) =>
      `${s(p.path)} のリスナー TLS:${s(p.port)} の転送先 ${s(p.group)} は ${s(p.protocol)} のターゲットグループです。NLB の TLS リスナーのターゲットグループは TCP か TLS です。`,
  },
  'topo.weighted': {
    en: (p) =>
      `${s(p.path)} listener ${s(p.port)} rule ${s(p.rule)} forwards to ${s(p.count)} weighted target groups; the sandbox realizes a rule that forwards to one target group.`,
    ja: (p) =>
      `${s(p.path)} のリスナー ${s(p.port)} のルール ${s(p.rule)} は重み付きで ${s(p.count)} 個のターゲットグループに転送します。サンドボックスが再現するのは 1 つのターゲットグループに転送するルールです。`,
  },
  'topo.nlb-protocol': {
    en: (p) =>
      `${s(p.path)} listener ${s(p.port)} uses ${s(p.protocol)}; the sandbox realizes NLB TCP listeners (HAProxy) and TLS listeners (its NLB TLS emulator), not UDP or TCP_UDP.`,
    ja: (p) =>
      `${s(p.path)} のリスナー ${s(p.port)} は ${s(p.protocol)} を使っています。サンドボックスが再現するのは NLB の TCP リスナー (HAProxy) と TLS リスナー (NLB TLS エミュレーター) で、UDP と TCP_UDP は再現しません。`,
  },
  'topo.clb-protocol': {
    en: (p) =>
      `${s(p.path)} listener ${s(p.port)} uses ${s(p.protocol)}; the sandbox realizes CLB TCP listeners (TLS passthrough). An SSL listener would end the handshake at the load balancer and no client certificate would reach the target.`,
    ja: (p) =>
      `${s(p.path)} のリスナー ${s(p.port)} は ${s(p.protocol)} を使っています。サンドボックスが再現するのは CLB の TCP リスナー (TLS のパススルー) です。SSL リスナーではハンドシェイクがロードバランサーで終わり、クライアント証明書はターゲットに届きません。`,
  },
  'topo.nlb-default': {
    en: (p) => `${s(p.path)} listener ${s(p.port)}: an NLB listener's default action must forward to a target group.`,
    ja: (p) =>
      `${s(p.path)} のリスナー ${s(p.port)}: NLB のリスナーのデフォルトアクションはターゲットグループへの転送でなければなりません。`,
  },
  'topo.alb-no-listener': {
    en: (p) =>
      `${s(p.path)} listener ${s(p.port)} forwards to ALB ${s(p.alb)} on port ${s(p.albPort)}, which has no listener there.`,
    ja: (p) =>
      `${s(p.path)} のリスナー ${s(p.port)} は ALB ${s(p.alb)} のポート ${s(p.albPort)} に転送しますが、そこにリスナーはありません。`,
  },
  'topo.origin-no-listener': {
    en: (p) =>
      `${s(p.distribution)}'s origin is ${s(p.balancerId)}'s DNS name, port ${s(p.port)}, but ${p.balancer ? `${s(p.balancer)} has no listener on ${s(p.port)}` : 'that is not a load balancer of this stack'}; point the origin at a listener the stack has.`,
    ja: (p) =>
      `${s(p.distribution)} のオリジンは ${s(p.balancerId)} の DNS 名のポート ${s(p.port)} ですが、${p.balancer ? `${s(p.balancer)} にはポート ${s(p.port)} のリスナーがありません` : 'それはこのスタックのロードバランサーではありません'}。オリジンはスタックにあるリスナーに向けてください。`,
  },
  // What a scenario's probes name that does not exist (sandbox/scenario-checks.ts).
  'check.certificate': {
    en: (p) =>
      `probe "${s(p.probe)}" presents certificate "${s(p.certificate)}", which the sandbox does not have.${nearEn(p.near)} Certificates: ${s(p.known)}.`,
    ja: (p) =>
      `プローブ "${s(p.probe)}" が提示する証明書 "${s(p.certificate)}" はサンドボックスにありません。${nearJa(p.near)}証明書: ${s(p.known)}。`,
  },
  'check.assumed-why': {
    en: (p) =>
      `probe "${s(p.probe)}" rests on an assumption without saying why: write assumed({ en: '…', ja: '…' }, …sources).`,
    ja: (p) =>
      `プローブ "${s(p.probe)}" は仮定に基づいていますが、その理由がありません。\`assumed({ en: '…', ja: '…' }, …sources)\` と書いてください。`,
  },
  'check.load-balancer': {
    en: (p) =>
      `probe "${s(p.probe)}" calls load balancer "${s(p.loadBalancer)}", which the stack does not have.${nearEn(p.near)} Load balancers (by construct path): ${none(p.known, 'en')}.`,
    ja: (p) =>
      `プローブ "${s(p.probe)}" が呼ぶロードバランサー "${s(p.loadBalancer)}" はスタックにありません。${nearJa(p.near)}ロードバランサー (コンストラクトのパス): ${none(p.known, 'ja')}。`,
  },
  'check.port': {
    en: (p) =>
      `probe "${s(p.probe)}" calls ${s(p.loadBalancer)} on port ${s(p.port)}, where it has no listener.${nearEn(p.near, false)} Its listeners: ${none(p.known, 'en')}.`,
    ja: (p) =>
      `プローブ "${s(p.probe)}" は ${s(p.loadBalancer)} のポート ${s(p.port)} を呼びますが、そこにリスナーはありません。${nearJa(p.near, false)}リスナー: ${none(p.known, 'ja')}。`,
  },
  'check.target': {
    en: (p) =>
      `probe "${s(p.probe)}" expects target "${s(p.name)}", which nothing in the scenario is called (its targets).${nearEn(p.near)} Targets: ${none(p.known, 'en')}.`,
    ja: (p) =>
      `プローブ "${s(p.probe)}" が期待するターゲット "${s(p.name)}" は、シナリオ (の targets) のどれの名前でもありません。${nearJa(p.near)}ターゲット: ${none(p.known, 'ja')}。`,
  },
  'check.targets': {
    en: (p) =>
      `targets names "${s(p.path)}", which is no target group of the stack.${nearEn(p.near)} Target groups (by construct path): ${none(p.known, 'en')}.`,
    ja: (p) =>
      `targets が指す "${s(p.path)}" はスタックのターゲットグループではありません。${nearJa(p.near)}ターゲットグループ (コンストラクトのパス): ${none(p.known, 'ja')}。`,
  },
};
