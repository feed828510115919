// Why the compiler did not realize a resource or property (sandbox/model), and why the emulated AWS WAF skips a
// rule, in English and Japanese. Pure.
import type { MessageTexts } from './message-texts.js';

type ModelCode = Extract<keyof MessageTexts, `nr.${string}` | `waf.${string}`>;
type Texts = Pick<MessageTexts, ModelCode>;

const s = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** The resources AWS WAF can protect (AWS WAF Developer Guide, "Resources you can protect"); product names. */
const WAF_PROTECTABLE =
  'Application Load Balancer, CloudFront distribution, API Gateway REST API, AppSync GraphQL API, Cognito user pool, App Runner service, Verified Access instance, Amplify';
/** The same in the Japanese page's words (AWS WAF デベロッパーガイド). */
const WAF_PROTECTABLE_JA =
  'Application Load Balancer、CloudFront ディストリビューション、API Gateway REST API、AppSync GraphQL API、Cognito ユーザープール、App Runner サービス、Verified Access インスタンス、Amplify';

export const MODEL_MESSAGES: Texts = {
  'nr.networking': {
    en: () =>
      'networking: every component listens on 127.0.0.1, so loopback stands in for VPCs, subnets and security groups',
    ja: () =>
      'ネットワーク: すべてのコンポーネントが 127.0.0.1 で待ち受けるので、VPC・サブネット・セキュリティグループはループバックが代わりを務める',
  },
  'nr.instance': {
    en: () => "the instance's web server runs as a local process (the scenario's targets)",
    ja: () => 'インスタンスの Web サーバーはローカルのプロセスとして動く (シナリオのターゲット)',
  },
  'nr.iam': {
    en: () => 'permissions: the sandbox runs everything as you, locally; IAM is not evaluated',
    ja: () => '権限: サンドボックスはすべてを実行したユーザーの権限でローカルに動かすので、IAM は評価しない',
  },
  'nr.s3': {
    en: () => 'storage: objects are read from local files unless LocalStack runs',
    ja: () => 'ストレージ: LocalStack が動いていなければ、オブジェクトはローカルファイルから読む',
  },
  'nr.origin-access': {
    en: () =>
      'the CloudFront stand-in reads its S3 origin directly; origin access (request signing to S3) is not emulated',
    ja: () =>
      'CloudFront の代役は S3 オリジンを直接読む。オリジンアクセス (S3 へのリクエスト署名) はエミュレートしない',
  },
  'nr.cdk-metadata': {
    en: () => 'CDK bookkeeping, not infrastructure',
    ja: () => 'CDK の管理情報で、インフラではない',
  },
  'nr.lambda': {
    en: () => 'functions: the sandbox uses its echo target where a Lambda would stand',
    ja: () => '関数: Lambda の位置にはサンドボックスのエコーターゲットを置く',
  },
  'nr.custom': {
    en: () => 'custom resources run deployment code; the sandbox does not run it',
    ja: () => 'カスタムリソースはデプロイ時のコードを動かすが、サンドボックスは動かさない',
  },
  'nr.unknown-type': {
    en: () => 'the sandbox has no emulation for this resource type; it is not realized',
    ja: () => 'このリソースタイプのエミュレーションはないので、再現しない',
  },
  'nr.unused-property': {
    en: () => 'the sandbox does not emulate this property; it has no effect here',
    ja: () => 'このプロパティはエミュレートしないので、ここでは効果がない',
  },
  'nr.names': {
    en: () => 'names are local; the sandbox names components after construct paths',
    ja: () => '名前はローカル。サンドボックスはコンポーネントにコンストラクトのパスから名前を付ける',
  },
  'nr.tags': { en: () => 'tags have no effect on traffic', ja: () => 'タグは通信に影響しない' },
  'nr.cross-zone': {
    en: () => 'with one local address there are no zones to balance across',
    ja: () => 'ローカルアドレスは 1 つなので、振り分けるゾーンがない',
  },
  'nr.alpn': {
    en: () => 'ALPN policy: the ALB emulator always offers h2 and http/1.1, as an ALB does',
    ja: () => 'ALPN ポリシー: ALB エミュレーターは ALB と同じく常に h2 と http/1.1 を提案する',
  },
  'nr.outside-load-balancer': {
    en: () => 'refers to a load balancer outside this stack; the listener cannot be realized',
    ja: () => 'このスタックの外のロードバランサーを参照しているので、リスナーを再現できない',
  },
  'nr.outside-listener': {
    en: () => 'refers to a listener outside this stack; the rule cannot be realized',
    ja: () => 'このスタックの外のリスナーを参照しているので、ルールを再現できない',
  },
  'nr.rule-authentication': {
    en: (p) =>
      `the ${s(p.action)} action is not realized: it needs ${p.action === 'jwt-validation' ? "the token issuer's keys (a JWKS endpoint on the Internet)" : 'an identity provider on the Internet'}, and the sandbox runs offline. The ${p.rule === 'default' ? 'default rule' : `rule at priority ${s(p.rule)}`} keeps its place, so no other rule takes its requests; they get 503 from the sandbox, which is not what AWS answers`,
    ja: (p) =>
      `${s(p.action)} アクションは再現しない: ${p.action === 'jwt-validation' ? 'トークン発行者の鍵 (インターネット上の JWKS エンドポイント)' : 'インターネット上の ID プロバイダー'}が必要で、サンドボックスはオフラインで動くため。${p.rule === 'default' ? 'デフォルトルール' : `優先度 ${s(p.rule)} のルール`}は順位を保つので他のルールがそのリクエストを受けることはないが、リクエストにはサンドボックスが 503 を返す (AWS の応答ではない)`,
  },
  'nr.outside-trust-store': {
    en: () => 'refers to a trust store outside this stack',
    ja: () => 'このスタックの外のトラストストアを参照している',
  },
  'nr.parameter-metadata': {
    en: () => 'descriptions and tiers do not change what a reader gets',
    ja: () => '説明や階層は、読み手が受け取る値を変えない',
  },
  'nr.waf-visibility': {
    en: () => 'metrics and sampled requests are CloudWatch features; the emulator writes its own WAF log instead',
    ja: () => 'メトリクスとサンプルリクエストは CloudWatch の機能。エミュレーターは代わりに独自の WAF ログを書く',
  },
  'nr.waf-names': {
    en: () => 'names, descriptions and tags do not change what a rule matches',
    ja: () => '名前・説明・タグはルールの一致に影響しない',
  },
  'nr.waf-outside-acl': {
    en: () => 'refers to a web ACL outside this stack; the association cannot be realized',
    ja: () => 'このスタックの外のウェブ ACL を参照しているので、関連付けを再現できない',
  },
  'nr.waf-outside-resource': {
    en: () =>
      'refers to a resource outside this stack (or not a load balancer); the emulator only evaluates web ACLs on its ALBs',
    ja: () =>
      'このスタックの外のリソース (またはロードバランサー以外) を参照している。エミュレーターがウェブ ACL を評価するのは自分の ALB だけ',
  },
  'nr.waf-not-on-this-balancer': {
    en: (p) =>
      `AWS WAF cannot be associated with a ${p.kind === 'network' ? 'Network' : 'Classic'} Load Balancer (${s(p.path)}); it protects only: ${WAF_PROTECTABLE}. AWS rejects this association, so the sandbox does not realize it`,
    ja: (p) =>
      `AWS WAF は ${p.kind === 'network' ? 'Network' : 'Classic'} Load Balancer (${s(p.path)}) に関連付けられない。保護できるのは ${WAF_PROTECTABLE_JA} だけ。AWS はこの関連付けを拒否するので、サンドボックスも再現しない`,
  },
  'nr.waf-scope': {
    en: (p) =>
      `web ACL ${s(p.acl)} has Scope ${s(p.scope)}; only a REGIONAL web ACL can be associated with an Application Load Balancer`,
    ja: (p) =>
      `ウェブ ACL ${s(p.acl)} の Scope は ${s(p.scope)}。Application Load Balancer に関連付けられるのは REGIONAL のウェブ ACL だけ`,
  },
  'nr.waf-rule-skipped': {
    en: (_, inner) => `${inner('en')}; the emulator skips this rule`,
    ja: (_, inner) => `${inner('ja')}。エミュレーターはこのルールを飛ばす`,
  },
  'waf.rule-without-action': {
    en: () => 'a rule without its own Action (a rule group reference) is not emulated',
    ja: () => '自身の Action を持たないルール (ルールグループの参照) はエミュレートしない',
  },
  'waf.managed-group': {
    en: (p) =>
      `the managed rule group ${s(p.vendor)}/${s(p.name)} is not emulated (its rules are AWS's and not published); write the check as a SqliMatchStatement or ByteMatchStatement to see it here`,
    ja: (p) =>
      `マネージドルールグループ ${s(p.vendor)}/${s(p.name)} はエミュレートしない (ルールは AWS のもので公開されていない)。ここで確かめるには SqliMatchStatement か ByteMatchStatement で書く`,
  },
  'waf.rule-group-reference': {
    en: () => 'rule group references are not emulated',
    ja: () => 'ルールグループの参照はエミュレートしない',
  },
  'waf.allow-custom-handling': {
    en: () => 'Allow with CustomRequestHandling (inserted headers) is not emulated',
    ja: () => 'CustomRequestHandling 付きの Allow (ヘッダーの挿入) はエミュレートしない',
  },
  'waf.block-custom-response': {
    en: () => 'Block with a custom response body or headers is not emulated (only ResponseCode is)',
    ja: () => 'カスタムのレスポンス本文やヘッダー付きの Block はエミュレートしない (ResponseCode だけ)',
  },
  'waf.unsupported-action': {
    en: (p) => `rule action ${s(p.action)} (CAPTCHA/Challenge need a browser token) is not emulated`,
    ja: (p) =>
      `ルールのアクション ${s(p.action)} (CAPTCHA/Challenge はブラウザーのトークンが必要) はエミュレートしない`,
  },
  'waf.no-statement': { en: () => 'the rule has no statement', ja: () => 'ルールにステートメントがない' },
  'waf.unknown-positional': {
    en: (p) => `ByteMatchStatement PositionalConstraint "${s(p.positional)}" is not known`,
    ja: (p) => `ByteMatchStatement の PositionalConstraint "${s(p.positional)}" は未知の値`,
  },
  'waf.byte-needs-search': {
    en: () => 'ByteMatchStatement needs SearchString or SearchStringBase64',
    ja: () => 'ByteMatchStatement には SearchString か SearchStringBase64 が必要',
  },
  'waf.unsupported-statement': {
    en: (p) =>
      `${p.type === null ? 'an empty statement' : s(p.type)} is not in the emulated subset (SqliMatchStatement, ByteMatchStatement, And/Or/Not of them)`,
    ja: (p) =>
      `${p.type === null ? '空のステートメント' : s(p.type)} はエミュレートする範囲 (SqliMatchStatement、ByteMatchStatement とその And/Or/Not) の外`,
  },
  'waf.unsupported-field': {
    en: (p) => `FieldToMatch ${p.field === null ? '(none)' : s(p.field)} is not emulated (QueryString and UriPath are)`,
    ja: (p) =>
      `FieldToMatch ${p.field === null ? '(なし)' : s(p.field)} はエミュレートしない (QueryString と UriPath のみ)`,
  },
  'waf.unsupported-transform': {
    en: (p) => `text transformation ${s(p.type)} is not emulated (${s(p.supported)} are)`,
    ja: (p) => `テキスト変換 ${s(p.type)} はエミュレートしない (${s(p.supported)} のみ)`,
  },
  'nr.r53-routing': {
    en: () =>
      'only failover routing (and simple records) are resolved by the sandbox; this record is answered as if it were simple',
    ja: () =>
      'サンドボックスが解決するのはフェイルオーバールーティング (とシンプルレコード) だけ。このレコードはシンプルとして応答する',
  },
  'nr.r53-alias-health': {
    en: () => "the sandbox does not evaluate the alias target's own health; only the record's health check decides",
    ja: () => 'エイリアス先自体のヘルスは評価しない。決めるのはレコードのヘルスチェックだけ',
  },
  'nr.r53-zone-settings': {
    en: () => 'zone settings do not change how the sandbox answers for its records',
    ja: () => 'ゾーンの設定は、サンドボックスがレコードに応答する内容を変えない',
  },
  'nr.r53-comment': { en: () => 'comments do not change answers', ja: () => 'コメントは応答を変えない' },
  'nr.r53-ttl': {
    en: () => 'TTL: the sandbox resolves the record at each probe, so there is no resolver cache to expire',
    ja: () => 'TTL: サンドボックスはプローブのたびにレコードを解決するので、期限切れになるリゾルバーキャッシュがない',
  },
  'nr.r53-health-tags': { en: () => 'tags have no effect on health', ja: () => 'タグはヘルスに影響しない' },
  'nr.r53-check-type': {
    en: (p) =>
      `health check type ${p.type === null ? '(none)' : s(p.type)} is not evaluated by the sandbox (TCP, HTTP and HTTPS are); records that use it are treated as healthy`,
    ja: (p) =>
      `ヘルスチェックのタイプ ${p.type === null ? '(なし)' : s(p.type)} は評価しない (TCP・HTTP・HTTPS のみ)。これを使うレコードは正常として扱う`,
  },
  'nr.r53-unreachable': {
    en: (p) =>
      `checks ${s(p.endpoint)}, which is not a load balancer of this stack; the sandbox cannot reach it and counts every check as failed`,
    ja: (p) =>
      `${s(p.endpoint)} を調べるが、これはこのスタックのロードバランサーではない。サンドボックスは到達できないので、すべてのチェックを失敗とする`,
  },
  'nr.r53-no-effect': {
    en: () => 'has no effect on the health status the sandbox evaluates',
    ja: () => 'サンドボックスが評価するヘルス状態に影響しない',
  },
  'nr.r53-one-checker': {
    en: () => "one local checker stands in for Route 53's health checkers in several regions",
    ja: () => '複数リージョンにある Route 53 のヘルスチェッカーの代わりに、ローカルのチェッカー 1 つが調べる',
  },
  'nr.r53-not-used': {
    en: (p) => `not used by a ${s(p.type)} health check in the sandbox`,
    ja: (p) => `サンドボックスの ${s(p.type)} ヘルスチェックでは使わない`,
  },
  'nr.cf-tags': { en: () => 'tags have no effect on what is served', ja: () => 'タグは配信内容に影響しない' },
  'nr.cf-setting': {
    en: () => "the sandbox's CloudFront stand-in serves the origin's objects as they are; this setting is not emulated",
    ja: () =>
      'サンドボックスの CloudFront の代役はオリジンのオブジェクトをそのまま配信する。この設定はエミュレートしない',
  },
  'nr.cf-caching': {
    en: () => 'caching, compression and viewer policies are not emulated: every request goes to the origin',
    ja: () => 'キャッシュ・圧縮・ビューワーポリシーはエミュレートしない: すべてのリクエストがオリジンへ行く',
  },
  'nr.cf-first-origin': { en: () => 'only the first origin is served', ja: () => '配信するのは最初のオリジンだけ' },
  'nr.cf-mtls-setting': {
    en: () =>
      "the sandbox's CloudFront emulator realizes viewer mutual TLS, the origin and its origin request policy; this setting is not emulated",
    ja: () =>
      'サンドボックスの CloudFront エミュレーターが再現するのはビューワー相互 TLS、オリジン、オリジンリクエストポリシーだけ。この設定はエミュレートしない',
  },
  'nr.cf-ocsp': {
    en: () => 'OCSP revocation checks are not emulated: the sandbox has no OCSP responder',
    ja: () => 'OCSP による失効確認はエミュレートしない: サンドボックスには OCSP レスポンダーがない',
  },
  'nr.cf-managed-policy': {
    en: () =>
      'a managed origin request policy (by id) is not emulated: name an AWS::CloudFront::OriginRequestPolicy of the stack',
    ja: () =>
      'マネージドのオリジンリクエストポリシー (ID 指定) はエミュレートしない: スタックの AWS::CloudFront::OriginRequestPolicy を指定する',
  },
};
