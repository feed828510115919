// A template nobody here wrote (--template), in English and Japanese: why a CloudFormation value cannot be resolved
// (sandbox/model/cfn.ts), the findings on its resources (sandbox/model/compile.ts, realizable.ts) and what stands in
// for what (sandbox/template/). Pure.
import type { MessageTexts } from './message-texts.js';

type TemplateCode = Extract<keyof MessageTexts, `cfn.${string}` | `tpl.${string}`>;
type Texts = Pick<MessageTexts, TemplateCode>;

const s = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export const TEMPLATE_MESSAGES: Texts = {
  'cfn.too-deep': {
    en: (p) => `the value is nested more than ${s(p.max)} levels deep, more than the sandbox reads`,
    ja: (p) => `値の入れ子が ${s(p.max)} 段を超えていて、サンドボックスが読む深さを超えている`,
  },
  'cfn.not-a-list': {
    en: (p) => `${s(p.fn)} needs a list here`,
    ja: (p) => `${s(p.fn)} にはここでリストが必要`,
  },
  'cfn.import-value': {
    en: () => 'Fn::ImportValue reads an export of another stack, which is not here',
    ja: () => 'Fn::ImportValue は別のスタックのエクスポートを読むが、それはここにない',
  },
  'cfn.unsupported-function': {
    en: (p) => `${s(p.fn)} is not an intrinsic function the sandbox resolves`,
    ja: (p) => `${s(p.fn)} はサンドボックスが解決する組み込み関数ではない`,
  },
  'cfn.ref-not-a-name': {
    en: () => 'Ref takes the name of a parameter or a resource',
    ja: () => 'Ref にはパラメーターかリソースの名前を指定する',
  },
  'cfn.undefined-ref': {
    en: (p) =>
      `Ref names ${s(p.name)}, which is neither a parameter nor a resource of the template (CloudFormation: "Unresolved resource dependencies [${s(p.name)}]")`,
    ja: (p) =>
      `Ref が指す ${s(p.name)} はテンプレートのパラメーターでもリソースでもない (CloudFormation: "Unresolved resource dependencies [${s(p.name)}]")`,
  },
  'cfn.parameter-no-value': {
    en: (p) =>
      `parameter ${s(p.name)} has no value: it has no Default (CloudFormation: "Parameters: [${s(p.name)}] must have values"); give one with --parameters ${s(p.name)}=VALUE`,
    ja: (p) =>
      `パラメーター ${s(p.name)} に値がない: Default がない (CloudFormation: "Parameters: [${s(p.name)}] must have values")。--parameters ${s(p.name)}=値 で与える`,
  },
  'cfn.parameter-ssm': {
    en: (p) =>
      `parameter ${s(p.name)} takes its value from SSM Parameter Store (${s(p.key)}), which the sandbox does not read; give the value with --parameters ${s(p.name)}=VALUE`,
    ja: (p) =>
      `パラメーター ${s(p.name)} の値は SSM パラメーターストア (${s(p.key)}) から読まれるが、サンドボックスはそれを読まない。--parameters ${s(p.name)}=値 で値を与える`,
  },
  'cfn.getatt-shape': {
    en: () => 'Fn::GetAtt takes [resource, attribute] or "resource.attribute"',
    ja: () => 'Fn::GetAtt には [リソース, 属性] か "リソース.属性" を指定する',
  },
  'cfn.getatt-undefined': {
    en: (p) =>
      `Fn::GetAtt names ${s(p.name)}, which is not a resource of the template (CloudFormation: "Template error: instance of Fn::GetAtt references undefined resource ${s(p.name)}")`,
    ja: (p) =>
      `Fn::GetAtt が指す ${s(p.name)} はテンプレートのリソースではない (CloudFormation: "Template error: instance of Fn::GetAtt references undefined resource ${s(p.name)}")`,
  },
  'cfn.join-shape': {
    en: () => 'Fn::Join takes [separator, list]',
    ja: () => 'Fn::Join には [区切り文字, リスト] を指定する',
  },
  'cfn.select-shape': {
    en: () => 'Fn::Select takes [index, list]',
    ja: () => 'Fn::Select には [インデックス, リスト] を指定する',
  },
  'cfn.select-range': {
    en: (p) =>
      `Fn::Select index ${s(p.index)} is out of range: the list has ${s(p.length)} item(s) (CloudFormation: "Template error: Fn::Select cannot select nonexistent value at index ${s(p.index)}")`,
    ja: (p) =>
      `Fn::Select のインデックス ${s(p.index)} は範囲外: リストの要素は ${s(p.length)} 個 (CloudFormation: "Template error: Fn::Select cannot select nonexistent value at index ${s(p.index)}")`,
  },
  'cfn.split-shape': {
    en: () => 'Fn::Split takes [delimiter, string] with a delimiter that is not empty',
    ja: () => 'Fn::Split には空でない区切り文字と文字列を [区切り文字, 文字列] で指定する',
  },
  'cfn.sub-shape': {
    en: () => 'Fn::Sub takes a string, or [string, { variable: value }]',
    ja: () => 'Fn::Sub には文字列か [文字列, { 変数: 値 }] を指定する',
  },
  'cfn.sub-undefined': {
    en: (p) =>
      `Fn::Sub names \${${s(p.name)}}, which is neither a variable of it, a parameter, a resource nor a pseudo parameter (CloudFormation refuses the template)`,
    ja: (p) =>
      `Fn::Sub の \${${s(p.name)}} は Fn::Sub の変数でも、パラメーター・リソース・擬似パラメーターでもない (CloudFormation はテンプレートを拒否する)`,
  },
  'cfn.findinmap-shape': {
    en: () => 'Fn::FindInMap takes [map, top-level key, second-level key]',
    ja: () => 'Fn::FindInMap には [マップ, 第1キー, 第2キー] を指定する',
  },
  'cfn.findinmap-missing': {
    en: (p) => `Mappings has no ${s(p.map)} → ${s(p.top)} → ${s(p.second)}`,
    ja: (p) => `Mappings に ${s(p.map)} → ${s(p.top)} → ${s(p.second)} がない`,
  },
  'cfn.if-shape': {
    en: () => 'Fn::If takes [condition name, value if true, value if false]',
    ja: () => 'Fn::If には [条件名, 真のときの値, 偽のときの値] を指定する',
  },
  'cfn.condition-undefined': {
    en: (p) => `condition ${s(p.name)} is not declared in the template's Conditions`,
    ja: (p) => `条件 ${s(p.name)} はテンプレートの Conditions に宣言されていない`,
  },
  'cfn.condition-circular': {
    en: (p) => `the conditions refer to each other in a circle: ${s(p.names)}`,
    ja: (p) => `条件が循環して参照し合っている: ${s(p.names)}`,
  },
  'cfn.condition-shape': {
    en: () => 'a condition is Fn::Equals, Fn::And, Fn::Or, Fn::Not or { Condition: name }',
    ja: () => '条件は Fn::Equals・Fn::And・Fn::Or・Fn::Not・{ Condition: 名前 } のいずれか',
  },
  'cfn.equals-shape': {
    en: () => 'Fn::Equals takes [value, value]',
    ja: () => 'Fn::Equals には [値, 値] を指定する',
  },
  'cfn.and-or-shape': {
    en: (p) => `${s(p.fn)} takes between 2 and 10 conditions`,
    ja: (p) => `${s(p.fn)} には 2 個から 10 個の条件を指定する`,
  },
  'cfn.not-shape': {
    en: () => 'Fn::Not takes [condition]',
    ja: () => 'Fn::Not には [条件] を指定する',
  },
  'cfn.novalue-in-string': {
    en: (p) => `AWS::NoValue cannot stand inside ${s(p.fn)}`,
    ja: (p) => `AWS::NoValue は ${s(p.fn)} の中には置けない`,
  },
  'cfn.not-a-string': {
    en: (p) => `${s(p.fn)} needs a string here, not a list or an object`,
    ja: (p) => `${s(p.fn)} にはここで文字列が必要 (リストやオブジェクトではない)`,
  },
  'tpl.certificate': {
    en: () =>
      "a certificate is not issued here: the sandbox's localhost certificate (its CA is sandboxServerCA) stands in for it on every listener that names it",
    ja: () =>
      '証明書はここでは発行しない: それを指定するすべてのリスナーで、サンドボックスの localhost 証明書 (CA は sandboxServerCA) が代わりを務める',
  },
  'tpl.condition-false': {
    en: (p) =>
      `not created: its Condition ${s(p.condition)} is false with these parameters, so CloudFormation skips it`,
    ja: (p) => `作成されない: Condition ${s(p.condition)} がこのパラメーターでは偽なので、CloudFormation は作らない`,
  },
  'tpl.unresolvable': {
    en: (p, inner) =>
      `not realized: ${p.property === null ? 'a value' : s(p.property)} cannot be resolved — ${inner('en')}; the rest of the template still runs`,
    ja: (p, inner) =>
      `再現しない: ${p.property === null ? '値' : s(p.property)} を解決できない — ${inner('ja')}。テンプレートの残りは動かす`,
  },
  'tpl.refused': {
    en: (p) =>
      `AWS would refuse it: ${s(p.operation)} fails with ${s(p.code)} ("${s(p.awsMessage)}"): ${s(p.detail)}.${p.assumed ? " (The rule is documented; the error wording is the sandbox's assumption.)" : ''} It is not realized; the rest of the template still runs`,
    ja: (p) =>
      `AWS はこれを拒否する: ${s(p.operation)} が ${s(p.code)} で失敗する ("${s(p.awsMessage)}"): ${s(p.detail)}。${p.assumed ? '(規則は AWS のドキュメントに記載されているが、エラーの文言はサンドボックスの仮定。)' : ''}再現せず、テンプレートの残りは動かす`,
  },
  'tpl.not-evaluable': {
    en: (p) => `not realized: the sandbox cannot evaluate it — ${s(p.detail)}; the rest of the template still runs`,
    ja: (p) => `再現しない: サンドボックスはこれを評価できない — ${s(p.detail)}。テンプレートの残りは動かす`,
  },
  'tpl.gateway': {
    en: () =>
      'not realized: a Gateway Load Balancer passes packets to appliances over GENEVE; no TLS or client certificate is involved, and the sandbox does not emulate it',
    ja: () =>
      '再現しない: Gateway Load Balancer は GENEVE でアプライアンスにパケットを渡すだけで、TLS もクライアント証明書も関わらない。サンドボックスはエミュレートしない',
  },
  'tpl.needs': {
    en: (p) => `not realized: it needs ${s(p.id)}, which is not realized (see its own line)`,
    ja: (p) => `再現しない: ${s(p.id)} が必要だが、それが再現されていない (その行を参照)`,
  },
  'tpl.outside-target-group': {
    en: (p) =>
      `not realized: it forwards to ${s(p.id)}, which is not a target group of this template (another stack's ARN); the sandbox has nothing to stand behind it`,
    ja: (p) =>
      `再現しない: 転送先の ${s(p.id)} はこのテンプレートのターゲットグループではない (別スタックの ARN)。サンドボックスはその後ろに置くものがない`,
  },
  'tpl.outside-trust-store': {
    en: (p) =>
      `not realized: its verify mode names trust store ${p.id === null ? '(none)' : s(p.id)}, which is not in this template; the sandbox cannot know which CAs it holds`,
    ja: (p) =>
      `再現しない: 検証モードが指すトラストストア ${p.id === null ? '(なし)' : s(p.id)} はこのテンプレートにないので、どの CA を含むか分からない`,
  },
  'tpl.clb-listener': {
    en: (p) =>
      `not realized: the sandbox realizes a Classic Load Balancer's TCP listeners (TLS passing through to the instances), not ${s(p.protocol)}:${s(p.port)}`,
    ja: (p) =>
      `再現しない: Classic Load Balancer では TCP リスナー (インスタンスまで TLS をそのまま通す TCP パススルー) だけを再現し、${s(p.protocol)}:${s(p.port)} は再現しない`,
  },
  'tpl.udp-listener': {
    en: (p) =>
      `not realized: ${s(p.protocol)}:${s(p.port)} carries UDP, which has no TLS or client certificates to show`,
    ja: (p) => `再現しない: ${s(p.protocol)}:${s(p.port)} は UDP を運ぶもので、示すべき TLS もクライアント証明書もない`,
  },
  'tpl.alb-target-tls': {
    en: (p) =>
      `not realized: ${s(p.group)} registers an Application Load Balancer, which an NLB reaches only through a TCP listener`,
    ja: (p) =>
      `再現しない: ${s(p.group)} は Application Load Balancer を登録しているが、NLB がそこに届くのは TCP リスナーからだけ`,
  },
  'tpl.alb-target-missing': {
    en: (p) =>
      `not realized: ${s(p.group)} registers the Application Load Balancer ${p.id === null ? '(none)' : s(p.id)}, which is not realized from this template`,
    ja: (p) =>
      `再現しない: ${s(p.group)} が登録する Application Load Balancer ${p.id === null ? '(なし)' : s(p.id)} はこのテンプレートから再現されていない`,
  },
  'tpl.alb-target-port': {
    en: (p) => `not realized: ${s(p.group)} sends to port ${s(p.port)} of ${s(p.alb)}, which has no listener there`,
    ja: (p) => `再現しない: ${s(p.group)} は ${s(p.alb)} のポート ${s(p.port)} に送るが、そこにリスナーがない`,
  },
  'tpl.stand-in-empty': {
    en: (p, inner) =>
      `${inner('en') ? `${inner('en')} — ` : ''}a stand-in target: the template registers no targets in ${s(p.group)}; ${p.kind === 'network' ? 'an NLB has nowhere to send a connection' : 'AWS would answer 503'} until targets register`,
    ja: (p, inner) =>
      `${inner('ja') ? `${inner('ja')} — ` : ''}代役のターゲット: テンプレートは ${s(p.group)} にターゲットを登録していない。ターゲットが登録されるまで、${p.kind === 'network' ? 'NLB には接続の送り先がない' : 'AWS は 503 を返す'}`,
  },
  'tpl.stand-in-registered': {
    en: (p, inner) =>
      `${inner('en') ? `${inner('en')} — ` : ''}a stand-in for ${s(p.target)} of ${s(p.group)}: your application is not run, so what answers is the stand-in`,
    ja: (p, inner) =>
      `${inner('ja') ? `${inner('ja')} — ` : ''}${s(p.group)} の ${s(p.target)} の代役: あなたのアプリケーションは動かさないので、応答するのは代役`,
  },
  'tpl.stand-in-origin': {
    en: (p, inner) =>
      `${inner('en') ? `${inner('en')} — ` : ''}a stand-in origin for ${s(p.origin)}: the sandbox cannot run ${s(p.what)}, so what the origin answers is the stand-in's, not AWS's`,
    ja: (p, inner) =>
      `${inner('ja') ? `${inner('ja')} — ` : ''}${s(p.origin)} の代役のオリジン: サンドボックスは ${s(p.what)} を動かせないので、オリジンの応答は AWS のものではなく代役のもの`,
  },
};
