// What the engine says while it runs — steps, components' roles, emulation notes, LocalStack, the sandbox's Route 53
// — in English and Japanese. Pure.
import type { MessageParam } from '../../sandbox/messages.js';
import { MODE_JA } from './glossary.js';
import type { MessageTexts } from './message-texts.js';

type RunCode = Extract<
  keyof MessageTexts,
  | `note.${string}`
  | `role.${string}`
  | `step.${string}`
  | `deploy.${string}`
  | `localstack.${string}`
  | `r53.${string}`
  | `text.${string}`
  | `problem.${string}`
  | `seq.${string}`
  | `config.${string}`
  | `notice.${string}`
  | `elbv2.${string}`
  | `log.${string}`
  | 'scenario.text'
  | 'skip.client-ip-not-realized'
  | 'skip.needs-localstack'
>;
type Texts = Pick<MessageTexts, RunCode>;

const s = (value: MessageParam | undefined): string => (value === null || value === undefined ? '' : String(value));
/** A mutual TLS mode in Japanese prose: 検証, パススルー, オフ; 必須, オプション (CloudFront). */
const mode = (value: MessageParam | undefined): string => MODE_JA[s(value)] ?? s(value);
/** Lines of a multi-line step, indented under its name as the plain output shows them. */
const INDENT = '\n               ';

/** Why a cached template was not used (sandbox/synth/synth.ts SynthCacheProblem). */
const SYNTH_CACHE_PROBLEM: Record<string, { en: string; ja: string }> = {
  unreadable: { en: 'could not be read', ja: '読めません' },
  'no-digest': {
    en: 'has no digest beside it (written by an older version, or cut short)',
    ja: 'ダイジェストがありません (古いバージョンが書いたか、書き込みが途中で止まった)',
  },
  'digest-mismatch': {
    en: 'does not match its digest (edited or corrupted)',
    ja: 'ダイジェストと一致しません (編集されたか壊れている)',
  },
  'not-json': { en: 'is not valid JSON', ja: '正しい JSON ではありません' },
  'not-template': {
    en: 'is not a synthesized template (no resources with a Type)',
    ja: '合成されたテンプレートではありません (Type を持つリソースがない)',
  },
};

/** Why a PKI file was made again (certs/pki.ts PkiProblem). */
const PKI_PROBLEM: Record<string, { en: string; ja: string }> = {
  'manifest-invalid': {
    en: 'is not a valid PKI manifest: every certificate is made again',
    ja: 'は PKI のマニフェストとして正しくありません。すべての証明書を作り直します',
  },
  missing: { en: 'was deleted: made again', ja: 'は削除されていました。作り直します' },
  changed: { en: 'was edited or corrupted: made again', ja: 'は編集されたか壊れていました。作り直します' },
};

/** What the sandbox runs for a resource type LocalStack's free edition cannot create. */
const REALIZED_BY: Record<string, { en: string; ja: string }> = {
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    en: 'HAProxy (NLB TCP listeners), the NLB TLS emulator (NLB TLS listeners) or the ALB emulator (ALB) on 127.0.0.1',
    ja: '127.0.0.1 の HAProxy (NLB の TCP リスナー)、NLB TLS エミュレーター (NLB の TLS リスナー) または ALB エミュレーター (ALB)',
  },
  'AWS::ElasticLoadBalancingV2::Listener': {
    en: 'a listener of HAProxy, the NLB TLS emulator or the ALB emulator',
    ja: 'HAProxy、NLB TLS エミュレーターまたは ALB エミュレーターのリスナー',
  },
  'AWS::ElasticLoadBalancingV2::TargetGroup': {
    en: 'the local targets (nginx, echo) behind it',
    ja: 'その背後のローカルターゲット (nginx、エコー)',
  },
  'AWS::ElasticLoadBalancingV2::ListenerRule': {
    en: "the ALB emulator's rule engine",
    ja: 'ALB エミュレーターのルールエンジン',
  },
  'AWS::ElasticLoadBalancingV2::TrustStore': {
    en: "the ALB emulator's trust store (its CA bundle read from S3)",
    ja: 'ALB エミュレーターのトラストストア (CA バンドルは S3 から読む)',
  },
  'AWS::ElasticLoadBalancingV2::TrustStoreRevocation': {
    en: "the ALB emulator's revocation check (the CRL read from S3)",
    ja: 'ALB エミュレーターの失効確認 (CRL は S3 から読む)',
  },
  'AWS::ElasticLoadBalancing::LoadBalancer': { en: 'HAProxy (CLB) on 127.0.0.1', ja: '127.0.0.1 の HAProxy (CLB)' },
  'AWS::WAFv2::WebACL': {
    en: "the ALB emulator's AWS WAF (a documented subset of rule statements)",
    ja: 'ALB エミュレーターの AWS WAF (AWS のドキュメントに記載されたルールステートメントの一部)',
  },
  'AWS::WAFv2::WebACLAssociation': {
    en: 'the web ACL evaluated by the ALB emulator of that load balancer',
    ja: 'そのロードバランサーの ALB エミュレーターが評価するウェブ ACL',
  },
  'AWS::CloudFront::Distribution': {
    en: 'a small HTTPS server standing in for the distribution, serving its S3 origin from LocalStack',
    ja: 'ディストリビューションの代わりに LocalStack の S3 オリジンを配信する小さな HTTPS サーバー',
  },
  'AWS::CloudFront::Distribution (viewer mTLS)': {
    en: "the sandbox's CloudFront viewer-mTLS emulator on 127.0.0.1, in front of the scenario's origin",
    ja: 'シナリオのオリジンの前に置く、127.0.0.1 のサンドボックスの CloudFront ビューワー mTLS エミュレーター',
  },
  'AWS::CloudFront::TrustStore': {
    en: "the CA bundle the CloudFront emulator verifies viewers against, read from LocalStack's S3",
    ja: 'CloudFront エミュレーターがビューワーを検証する CA バンドル (LocalStack の S3 から読む)',
  },
  'AWS::CloudFront::ConnectionFunction': {
    en: 'code the CloudFront emulator runs for each new TLS connection, in an isolated node:vm context',
    ja: 'CloudFront エミュレーターが新しい TLS 接続ごとに、隔離した node:vm コンテキストで実行するコード',
  },
  'AWS::CloudFront::KeyValueStore': {
    en: "the key-value pairs a connection function reads with cf.kvs(), imported from LocalStack's S3",
    ja: '接続関数が cf.kvs() で読むキーと値 (LocalStack の S3 からインポート)',
  },
  'AWS::CloudFront::OriginRequestPolicy': {
    en: 'the headers the CloudFront emulator forwards to the origin',
    ja: 'CloudFront エミュレーターがオリジンへ転送するヘッダー',
  },
};

const BALANCER_EN: Record<string, string> = {
  application: 'the ALB emulator',
  classic: 'HAProxy standing in for the CLB',
  network: 'HAProxy standing in for the NLB',
};
const BALANCER_JA: Record<string, string> = {
  application: 'ALB エミュレーター',
  classic: 'CLB の代わりの HAProxy',
  network: 'NLB の代わりの HAProxy',
};

/** Why a resource LocalStack created matters to the sandbox. */
const USED_BY_SANDBOX: Record<string, { en: string; ja: string }> = {
  'AWS::SSM::Parameter': { en: ' (targets read it at start-up)', ja: ' (ターゲットが起動時に読む)' },
  'AWS::S3::Bucket': {
    en: ' (objects the sandbox needs are uploaded here and read back)',
    ja: ' (サンドボックスが必要なオブジェクトをここへ上げて読み戻す)',
  },
  'AWS::Route53::HealthCheck': {
    en: ' (stored only: LocalStack does not run it; the sandbox does)',
    ja: ' (保存のみ: LocalStack は実行せず、サンドボックスが実行する)',
  },
  'AWS::Route53::RecordSet': {
    en: ' (stored only: LocalStack answers no DNS; the sandbox resolves the name)',
    ja: ' (保存のみ: LocalStack は DNS に応答せず、サンドボックスが名前を解決する)',
  },
};

/** The ALB's handling of X-Amzn-Mtls-* headers a client sends itself, by mutual TLS mode. */
const CLIENT_HEADERS: Record<string, { en: string; ja: string }> = {
  verify: {
    en: "Client-sent X-Amzn-Mtls-* headers are dropped; the target receives exactly one value of each, the ALB's own, computed from the verified certificate.",
    ja: 'クライアントが送った X-Amzn-Mtls-* ヘッダーは取り除かれる。ターゲットは各ヘッダーを 1 つだけ、検証済み証明書から ALB が作った値で受け取る。',
  },
  passthrough: {
    en: 'Client-sent X-Amzn-Mtls-* headers are dropped; X-Amzn-Mtls-Clientcert carries the chain the client presented in the handshake, and is absent when it presented none.',
    ja: 'クライアントが送った X-Amzn-Mtls-* ヘッダーは取り除かれる。X-Amzn-Mtls-Clientcert はハンドシェイクでクライアントが提示したチェーンを運び、提示がなければ付かない。',
  },
  off: {
    en: 'With mutual authentication off the ALB generates no X-Amzn-Mtls-* headers; client-sent ones are forwarded like any other request header, so a target must not trust them.',
    ja: '相互認証がオフの ALB は X-Amzn-Mtls-* ヘッダーを作らない。クライアントが送ったものは他のヘッダーと同じく転送されるので、ターゲットはそれを信用してはいけない。',
  },
};

export const RUN_MESSAGES: Texts = {
  'scenario.text': { en: (p) => s(p.text), ja: (p) => s(p.text) },
  'text.command': { en: (p) => s(p.command), ja: (p) => s(p.command) },
  'text.lines': {
    en: (_p, _inner, parts) => parts('en').join(INDENT),
    ja: (_p, _inner, parts) => parts('ja').join(INDENT),
  },
  'problem.haproxy-no-tproxy': {
    en: () =>
      'this HAProxy was built without transparent proxy support (no "+TPROXY" in `haproxy -vv`; macOS builds never have it), so it cannot connect to a target from the client\'s address (`source 0.0.0.0 usesrc clientip`) and client IP preservation cannot be shown here. Use a Linux machine (Debian/Ubuntu haproxy has it).',
    ja: () =>
      'この HAProxy は透過プロキシ対応なしでビルドされています (`haproxy -vv` に "+TPROXY" がありません。macOS のビルドには常にありません)。そのためクライアントのアドレスからターゲットへ接続できず (`source 0.0.0.0 usesrc clientip`)、クライアント IP の保持をここでは示せません。Linux マシンを使ってください (Debian/Ubuntu の haproxy は対応しています)。',
  },
  'skip.client-ip-not-realized': {
    en: (p, inner) => `${s(p.where)} preserves the client's IP address, but ${inner('en')}`,
    ja: (p, inner) => `${s(p.where)} はクライアントの IP アドレスを保持しますが、${inner('ja')}`,
  },
  'skip.needs-localstack': {
    en: (_p, inner) =>
      `needs LocalStack (its stack keeps state in AWS services — SSM parameters, S3 objects, Route 53 records — that the run deploys and reads back), and LocalStack is off: ${inner('en')}. Run with --localstack auto or host (install it with \`bash scripts/setup-localstack.sh\`).`,
    ja: (_p, inner) =>
      `LocalStack が必要ですが (スタックが AWS のサービス — SSM パラメータ・S3 オブジェクト・Route 53 レコード — に状態を持ち、実行時にデプロイして読み戻すため)、LocalStack はオフです: ${inner('ja')}。--localstack auto か host で実行してください (インストールは \`bash scripts/setup-localstack.sh\`)。`,
  },

  // Emulation notes
  'note.alb-limits': {
    en: () =>
      'ALB emulator: not reproduced — the default "defensive" desync mode (a request with both Content-Length and Transfer-Encoding gets 400), security-policy signature algorithms (versions, ciphers and key exchange groups are reproduced), the maximum client certificate size, WebSockets (docs/aws-facts.md).',
    ja: () =>
      'ALB エミュレーター: 再現していないもの — 既定の "defensive" デシンク緩和モード (Content-Length と Transfer-Encoding の両方を持つリクエストは 400)、セキュリティポリシーの署名アルゴリズム (バージョン・暗号・鍵交換グループは再現)、クライアント証明書の最大サイズ、WebSocket (docs/aws-facts.md)。',
  },
  'note.alb-pq-groups': {
    en: (p) =>
      `${s(p.balancer)} ${s(p.protocol) || 'HTTPS'}:${p.port} ${s(p.policy)}: node's OpenSSL ${s(p.openssl)} cannot do ML-KEM, so the hybrid post-quantum groups ${s(p.groups)} are not offered; the listener falls back to the policy's classical groups, as the ALB does for a client without ML-KEM`,
    ja: (p) =>
      `${s(p.balancer)} ${s(p.protocol) || 'HTTPS'}:${p.port} ${s(p.policy)}: node の OpenSSL ${s(p.openssl)} は ML-KEM を扱えないため、ハイブリッド耐量子グループ ${s(p.groups)} は提案しない。リスナーはポリシーの従来のグループに戻る (ML-KEM を持たないクライアントに対して ALB がするのと同じ)`,
  },
  'note.alb-waf': {
    en: (p) =>
      `${s(p.balancer)}: AWS WAF web ACL ${s(p.acl)} evaluated by the emulator before the listener rules — a subset: SqliMatchStatement and ByteMatchStatement (and And/Or/Not) on the query string or URI path, transformations NONE/URL_DECODE/LOWERCASE/COMPRESS_WHITE_SPACE, actions Allow/Block/Count; Block answers 403 with the ALB's own error page (AWS documents the status, not the body). SQL injection is found with the emulator's own signatures, not AWS's engine.${p.skipped ? ` Skipped (not realized): ${s(p.skipped)}.` : ''}`,
    ja: (p) =>
      `${s(p.balancer)}: AWS WAF のウェブ ACL ${s(p.acl)} はリスナールールより前にエミュレーターが評価する — 一部のみ: クエリ文字列か URI パスに対する SqliMatchStatement と ByteMatchStatement (とその And/Or/Not)、変換は NONE/URL_DECODE/LOWERCASE/COMPRESS_WHITE_SPACE、アクションは Allow/Block/Count。Block は ALB 自身のエラーページで 403 を返す (AWS のドキュメントに記載があるのはステータスで、本文ではない)。SQL インジェクションの検出は AWS のエンジンではなくエミュレーター独自のシグネチャによる。${p.skipped ? ` 飛ばしたルール (再現していない): ${s(p.skipped)}。` : ''}`,
  },
  'note.alb-client-mtls-headers': {
    en: (p) =>
      `${s(p.balancer)} ${s(p.protocol)}:${s(p.port)}: ${CLIENT_HEADERS[s(p.mode)]?.en ?? ''}${p.inferred ? ' (inferred: AWS does not document this)' : ''}`,
    ja: (p) =>
      `${s(p.balancer)} ${s(p.protocol)}:${s(p.port)}: ${CLIENT_HEADERS[s(p.mode)]?.ja ?? ''}${p.inferred ? ' (仮定: AWS のドキュメントに記載なし)' : ''}`,
  },
  'note.alb-header-modification': {
    en: (p) =>
      `${s(p.balancer)} ${s(p.protocol)}:${s(p.port)}: header modification realized from ListenerAttributes${p.renames ? ` — renamed request headers: ${s(p.renames)}` : ''}${p.responses ? ` — response headers on every response, the target's own value replaced: ${s(p.responses)}` : ''}${p.server === false ? " — the ALB's Server header removed" : ''}${p.tlsInfo ? ' — X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite added (load balancer attribute), values as OpenSSL names them' : ''}${p.tlsKx ? " — x-amzn-tls-kx added (load balancer attribute), the negotiated group in IANA naming; a client's own copy is dropped" : ''}. Assumed (AWS is silent): a client's own copy of a renamed header is dropped as its X-Amzn-Mtls-* copies are; the Server header removed is the ALB's own, a target's passes.`,
    ja: (p) =>
      `${s(p.balancer)} ${s(p.protocol)}:${s(p.port)}: ListenerAttributes のヘッダー変更を再現${p.renames ? ` — 名前を変えたリクエストヘッダー: ${s(p.renames)}` : ''}${p.responses ? ` — すべてのレスポンスに付け、ターゲット自身の値を置き換えるレスポンスヘッダー: ${s(p.responses)}` : ''}${p.server === false ? ' — ALB の Server ヘッダーを削除' : ''}${p.tlsInfo ? ' — X-Amzn-Tls-Version と X-Amzn-Tls-Cipher-Suite を追加 (ロードバランサー属性)、値は OpenSSL の名前' : ''}${p.tlsKx ? ' — x-amzn-tls-kx を追加 (ロードバランサー属性)、値はネゴシエートしたグループの IANA 名。クライアント自身のコピーは捨てる' : ''}。仮定 (AWS のドキュメントに記載なし): 名前を変えたヘッダーをクライアントが自分で送ると、X-Amzn-Mtls-* と同様に捨てる。削除する Server ヘッダーは ALB 自身のもので、ターゲットのものは通す。`,
  },
  'note.client-ip-not-realized': {
    en: (p, inner) => `${s(p.where)}: client IP preservation not realized — ${inner('en')}`,
    ja: (p, inner) => `${s(p.where)}: クライアント IP の保持は再現していない — ${inner('ja')}`,
  },
  'note.cloudfront-origin-mtls': {
    en: (p) =>
      `${s(p.path)}: origin mTLS realized — CloudFront presents a client certificate (CN=cloudfront-origin.example.org, signed by originClientCA; it stands in for the ACM certificate OriginMtlsConfig names) in its TLS handshake with the origin ${s(p.origin)}, and validates nothing of it; the origin does that.`,
    ja: (p) =>
      `${s(p.path)}: オリジン mTLS を再現 — CloudFront はオリジン ${s(p.origin)} との TLS ハンドシェイクでクライアント証明書 (CN=cloudfront-origin.example.org、originClientCA が署名。OriginMtlsConfig が指す ACM 証明書の代わり) を提示し、その検証は何もしない。検証はオリジンの仕事。`,
  },
  'note.nlb-listener-rules': {
    en: (p) =>
      `${s(p.where)}: listener rules realized with HAProxy — ${s(p.rules)} (source-ip by address family, before the default action). The dual-stack listener also listens on ::1 at the same port; a client's family is the family of the address it reached.`,
    ja: (p) =>
      `${s(p.where)}: リスナールールは HAProxy で再現 — ${s(p.rules)} (送信元のアドレスファミリーで判定し、デフォルトアクションより先に評価)。デュアルスタックのリスナーは同じポートで ::1 でも待ち受ける。クライアントのファミリーは、接続先アドレスのファミリー。`,
  },
  'note.nlb-tls-rules-not-realized': {
    en: (p) =>
      `${s(p.where)}: listener rules not realized — the sandbox's NLB TLS listener forwards every connection to the default action's target group, so rules ${s(p.rules)} are not applied; AWS would apply them (rules work on TLS listeners too). Rules on NLB TCP listeners are realized (HAProxy).`,
    ja: (p) =>
      `${s(p.where)}: リスナールールは再現していない — サンドボックスの NLB TLS リスナーはすべての接続をデフォルトアクションのターゲットグループへ送るため、ルール ${s(p.rules)} は適用しない。AWS では適用される (ルールは TLS リスナーにも効く)。NLB の TCP リスナーのルールは再現する (HAProxy)。`,
  },
  'note.client-ip-realized': {
    en: (p) =>
      `${s(p.where)}: client IP preservation realized with HAProxy \`source 0.0.0.0 usesrc clientip\` — it connects to the target from the client's own loopback address (every 127/8 address is local on Linux, so no root or TPROXY routing is needed).`,
    ja: (p) =>
      `${s(p.where)}: クライアント IP の保持は HAProxy の \`source 0.0.0.0 usesrc clientip\` で再現 — クライアント自身のループバックアドレスからターゲットへ接続する (Linux では 127/8 のアドレスはすべてローカルなので、root も TPROXY のルーティングも要らない)。`,
  },
  'note.proxy-protocol': {
    en: (p) =>
      `${s(p.where)}: Proxy Protocol ${s(p.version)} realized with HAProxy \`${p.version === 'v2' ? 'send-proxy-v2' : 'send-proxy'}\`; the nginx targets listen with \`proxy_protocol\` and log the client as $proxy_protocol_addr.`,
    ja: (p) =>
      `${s(p.where)}: Proxy Protocol ${s(p.version)} は HAProxy の \`${p.version === 'v2' ? 'send-proxy-v2' : 'send-proxy'}\` で再現。nginx のターゲットは \`proxy_protocol\` 付きで待ち受け、クライアントを $proxy_protocol_addr として記録する。`,
  },
  'note.nlb-tls': {
    en: (p) =>
      `${s(p.where)}: TLS ends at the sandbox's NLB TLS listener emulator (the ALB emulator's TLS front, trust store and verifier, sandbox/tls/), then a new ${s(p.targetProtocol)} connection goes to the target.${
        p.verify
          ? ' Assumed where AWS is silent: a refused client gets a fatal TLS alert that names the failure (access_denied when no identity filter matches), not a reset; the connection log is the sandbox’s own (log: sandbox-nlb-connection-log), modelled on ALB connection logs; IgnoreClientCertificateExpiry and AdvertiseTrustStoreCaNames act as on an ALB; no session resumption.'
          : ''
      } Nothing of a client certificate reaches the target: AWS documents no header, TLV or other channel for it.`,
    ja: (p) =>
      `${s(p.where)}: TLS はサンドボックスの NLB TLS リスナーエミュレーター (ALB エミュレーターの TLS フロント・トラストストア・検証器、sandbox/tls/) で終端し、ターゲットへは新しい ${s(p.targetProtocol)} 接続を張る。${
        p.verify
          ? 'AWS のドキュメントに記載がない点の仮定: 拒否されたクライアントはリセットではなく失敗を表す致命的 TLS アラートを受け取る (どの ID フィルターにも一致しなければ access_denied)。接続ログはサンドボックス独自のもの (log: sandbox-nlb-connection-log) で ALB の接続ログを手本にしている。IgnoreClientCertificateExpiry と AdvertiseTrustStoreCaNames は ALB と同じに働く。セッション再開はしない。'
          : ''
      }クライアント証明書の情報はターゲットに一切届かない: それを伝えるヘッダーや TLV などの手段は AWS のドキュメントに記載がない。`,
  },
  'note.nlb-client-ip-realized': {
    en: (p) =>
      `${s(p.where)}: client IP preservation realized by the NLB TLS emulator — it connects to the target from the client's own loopback address (every 127/8 address is local on Linux).`,
    ja: (p) =>
      `${s(p.where)}: クライアント IP の保持は NLB TLS エミュレーターが再現 — クライアント自身のループバックアドレスからターゲットへ接続する (Linux では 127/8 のアドレスはすべてローカル)。`,
  },
  'note.nlb-proxy-protocol': {
    en: (p) =>
      `${s(p.where)}: Proxy Protocol v2 realized by the NLB TLS emulator — a binary header with the client's and the load balancer's addresses before the stream (addresses only, no certificate TLVs); the nginx targets listen with \`proxy_protocol\`.`,
    ja: (p) =>
      `${s(p.where)}: Proxy Protocol v2 は NLB TLS エミュレーターが再現 — ストリームの前にクライアントとロードバランサーのアドレスを持つバイナリヘッダーを置く (アドレスのみ、証明書の TLV はない)。nginx のターゲットは \`proxy_protocol\` 付きで待ち受ける。`,
  },
  'note.cloudfront-standin': {
    en: (p) =>
      `${s(p.path)}: CloudFront is not in LocalStack's free edition; a small HTTPS server stands in for the distribution (no caching, no edge locations, the sandbox's localhost certificate), with ${p.localstack ? "objects read from LocalStack's S3 at each request, as CloudFront reads its origin" : 'objects read from the scenario’s files (no LocalStack)'}.`,
    ja: (p) =>
      `${s(p.path)}: CloudFront は LocalStack の無償版にないので、小さな HTTPS サーバーがディストリビューションの代わりを務める (キャッシュなし、エッジロケーションなし、サンドボックスの localhost 証明書)。${p.localstack ? 'オブジェクトは CloudFront がオリジンを読むように、リクエストのたびに LocalStack の S3 から読む' : 'オブジェクトはシナリオのファイルから読む (LocalStack なし)'}。`,
  },
  'note.cloudfront-mtls': {
    en: (p) =>
      `${s(p.path)}: CloudFront is not in LocalStack's free edition; the sandbox's own emulator plays the distribution's edge for viewer mTLS (${s(p.mode)} mode) on the shared TLS front and verifier, with the sandbox's localhost certificate, no caching and no edge locations. A refused connection ends with a TLS alert that names the failure (assumed: CloudFront documents only "a TLS connection error"); the connection log has CloudFront's fields and codes, but tlsSni only for connections that succeed.${p.function ? ' The connection function runs in an isolated node:vm context with 200 ms instead of the documented 5 ms (a shared host); its KeyValueStore is the imported file, read-only, and cf.kvs() offers only exists() and get().' : ''} The origin gets only the headers the origin request policy forwards; other headers CloudFront adds to origin requests (Via, X-Amz-Cf-Id, X-Forwarded-For) are not emulated.`,
    ja: (p) =>
      `${s(p.path)}: CloudFront は LocalStack の無償版にないので、サンドボックス独自のエミュレーターが共有の TLS フロントと検証器を使い、ビューワー mTLS (${mode(p.mode)}モード) のエッジの役を担う。証明書はサンドボックスの localhost 証明書、キャッシュなし、エッジロケーションなし。拒否した接続は失敗を表す TLS アラートで打ち切る (仮定: CloudFront のドキュメントには「TLS 接続エラー」としか記載がない)。接続ログは CloudFront のフィールドとコードを持つが、tlsSni は成功した接続にだけ入る。${p.function ? '接続関数は隔離した node:vm コンテキストで、ドキュメントに記載の 5 ms ではなく 200 ms の制限で動かす (共有ホストのため)。KeyValueStore はインポートしたファイルそのもの (読み取り専用) で、cf.kvs() が提供するのは exists() と get() だけ。' : ''}オリジンに届くのはオリジンリクエストポリシーが転送するヘッダーだけで、CloudFront がオリジンへのリクエストに加えるその他のヘッダー (Via、X-Amz-Cf-Id、X-Forwarded-For) はエミュレートしない。`,
  },
  'log.emulator-fault': {
    en: (p) =>
      `the emulator failed in its ${s(p.stage) || 'request path'} (${s(p.error) || 'an unexpected error'}): only this ${p.connection ? 'connection was closed' : `request was answered ${p.status ?? 500}, as a load balancer answers its own failure (500) or a failure towards the target (502)`}; every other client was served as before`,
    ja: (p) =>
      `エミュレーターが ${s(p.stage) || 'リクエスト処理'} で失敗した (${s(p.error) || '予期しないエラー'}): 影響はこの${p.connection ? '接続だけで、その接続は閉じた' : `リクエストだけで、ロードバランサーが自身の失敗 (500) またはターゲットへの失敗 (502) に答えるように ${p.status ?? 500} で答えた`}。他のクライアントはそれまでどおり処理した`,
  },
  'note.route53': {
    en: (p) =>
      `Route 53: ${p.localstack ? "LocalStack's Route 53 holds the records and health checks (deployed with the stack and read back), but its free edition neither checks endpoints nor answers DNS queries" : 'without LocalStack the records and health checks come from the template'}; the sandbox runs the health checks against the realized endpoints with one checker (Route 53 uses many, healthy when more than 18% say so) and resolves each probe's name itself (curl --resolve), at the moment of the probe.`,
    ja: (p) =>
      `Route 53: ${p.localstack ? 'LocalStack の Route 53 がレコードとヘルスチェックを保持する (スタックと一緒にデプロイし読み戻す) が、無償版はエンドポイントを調べず DNS にも応答しない' : 'LocalStack なしでは、レコードとヘルスチェックはテンプレートから取る'}。サンドボックスは再現したエンドポイントに対してチェッカー 1 つでヘルスチェックを行い (Route 53 は多数を使い、18% を超えれば正常)、各プローブの名前をその時点で自分で解決する (curl --resolve)。`,
  },
  'note.time-scale': {
    en: (p) =>
      p.scale === 1
        ? 'Time: real time.'
        : `Time is compressed ×${s(p.scale)} for Route 53 only: its health checks run ${s(p.scale)} times as often as their RequestInterval says; curl, nginx, HAProxy and the NLB's own target health checks run in real time. Every timeline line shows the sandbox clock and the AWS clock (×${s(p.scale)}).`,
    ja: (p) =>
      p.scale === 1
        ? '時間: 実時間。'
        : `時間は Route 53 だけ ×${s(p.scale)} に圧縮: そのヘルスチェックは RequestInterval の ${s(p.scale)} 倍の頻度で動く。curl・nginx・HAProxy・NLB 自身のターゲットヘルスチェックは実時間。タイムラインの各行はサンドボックスの時計と AWS の時計 (×${s(p.scale)}) の両方を示す。`,
  },

  // What each component stands in for
  'role.target': {
    en: (p) => `target ${s(p.target)} of ${s(p.group)}`,
    ja: (p) => `${s(p.group)} のターゲット ${s(p.target)}`,
  },
  'role.alb': {
    en: (p, _inner, parts) => (parts('en').length ? `ALB ${s(p.path)}: ${parts('en').join('; ')}` : `ALB ${s(p.path)}`),
    ja: (p, _inner, parts) => (parts('ja').length ? `ALB ${s(p.path)}: ${parts('ja').join('。')}` : `ALB ${s(p.path)}`),
  },
  'role.alb-listener': {
    en: (p) => {
      const extras = [
        p.ignoreExpiry ? 'IgnoreClientCertificateExpiry' : '',
        p.advertise ? 'AdvertiseTrustStoreCaNames on' : '',
        p.rules ? `${s(p.rules)} rule(s)` : '',
      ].filter(Boolean);
      const certificate = p.certificates
        ? `; the sandbox's localhost certificate stands in for ${s(p.certificates)}`
        : '';
      const waf = p.webAcl ? `; AWS WAF web ACL ${s(p.webAcl)} inspects each request first` : '';
      return `listener ${s(p.protocol)}:${s(p.port)}, mutual TLS ${s(p.mode)}${extras.length ? ` (${extras.join(', ')})` : ''} — TLS ends at the ALB${certificate}${waf}`;
    },
    ja: (p) => {
      const extras = [
        p.ignoreExpiry ? 'IgnoreClientCertificateExpiry' : '',
        p.advertise ? 'AdvertiseTrustStoreCaNames オン' : '',
        p.rules ? `ルール ${s(p.rules)} 件` : '',
      ].filter(Boolean);
      const certificate = p.certificates ? `。${s(p.certificates)} の代わりにサンドボックスの localhost 証明書` : '';
      const waf = p.webAcl ? `。AWS WAF のウェブ ACL ${s(p.webAcl)} が各リクエストを先に検査` : '';
      return `リスナー ${s(p.protocol)}:${s(p.port)}、相互 TLS ${mode(p.mode)}モード${extras.length ? ` (${extras.join('、')})` : ''} — TLS は ALB で終端${certificate}${waf}`;
    },
  },
  'role.passthrough': {
    en: (p, _inner, parts) =>
      parts('en').length ? `${s(p.kind)} ${s(p.path)}: ${parts('en').join('; ')}` : `${s(p.kind)} ${s(p.path)}`,
    ja: (p, _inner, parts) =>
      parts('ja').length ? `${s(p.kind)} ${s(p.path)}: ${parts('ja').join('。')}` : `${s(p.kind)} ${s(p.path)}`,
  },
  'role.passthrough-listener': {
    en: (p) =>
      `${s(p.kind)} ${s(p.path)} listener ${s(p.protocol)}:${s(p.port)} → ${p.instances ? `instances ${s(p.instances)}` : `target group ${s(p.group)}`} (TCP passthrough: TLS ends at the target)`,
    ja: (p) =>
      `${s(p.kind)} ${s(p.path)} リスナー ${s(p.protocol)}:${s(p.port)} → ${p.instances ? `インスタンス ${s(p.instances)}` : `ターゲットグループ ${s(p.group)}`} (TCP パススルー: TLS はターゲットで終端)`,
  },
  'role.nlb-tls': {
    en: (p, _inner, parts) =>
      parts('en').length
        ? `NLB ${s(p.path)} (TLS listeners: the sandbox's NLB TLS emulator): ${parts('en').join('; ')}`
        : `NLB ${s(p.path)} (TLS listeners: the sandbox's NLB TLS emulator)`,
    ja: (p, _inner, parts) =>
      parts('ja').length
        ? `NLB ${s(p.path)} (TLS リスナー: サンドボックスの NLB TLS エミュレーター): ${parts('ja').join('。')}`
        : `NLB ${s(p.path)} (TLS リスナー: サンドボックスの NLB TLS エミュレーター)`,
  },
  'role.nlb-tls-listener': {
    en: (p) => {
      const mutual =
        p.mode === 'verify'
          ? `mutual TLS verify, ${p.filters === null ? 'no identity filters' : `${s(p.filters)} identity filter(s)`}${p.ignoreExpiry ? ', IgnoreClientCertificateExpiry' : ''}${p.advertise ? ', AdvertiseTrustStoreCaNames on' : ''}`
          : 'no mutual TLS';
      const certificate = p.certificates
        ? `; the sandbox's localhost certificate stands in for ${s(p.certificates)}`
        : '';
      return `listener TLS:${s(p.port)} → target group ${s(p.group)} over ${s(p.targetProtocol)}, ${mutual}, ALPN ${p.alpn ? s(p.alpn) : 'none'} — TLS ends at the NLB${certificate}`;
    },
    ja: (p) => {
      const mutual =
        p.mode === 'verify'
          ? `相互 TLS 検証、${p.filters === null ? 'ID フィルターなし' : `ID フィルター ${s(p.filters)} 件`}${p.ignoreExpiry ? '、IgnoreClientCertificateExpiry' : ''}${p.advertise ? '、AdvertiseTrustStoreCaNames オン' : ''}`
          : '相互 TLS なし';
      const certificate = p.certificates ? `。${s(p.certificates)} の代わりにサンドボックスの localhost 証明書` : '';
      return `リスナー TLS:${s(p.port)} → ターゲットグループ ${s(p.group)} (${s(p.targetProtocol)})、${mutual}、ALPN ${p.alpn ? s(p.alpn) : 'なし'} — TLS は NLB で終端${certificate}`;
    },
  },
  'role.cloudfront': {
    en: (p) => `CloudFront ${s(p.path)} (stand-in): serves s3://${p.bucket ? s(p.bucket) : '?'} over HTTPS`,
    ja: (p) => `CloudFront ${s(p.path)} (代役): s3://${p.bucket ? s(p.bucket) : '?'} を HTTPS で配信`,
  },
  'role.cloudfront-running': {
    en: (_p, _inner, parts) => parts('en').join('; '),
    ja: (_p, _inner, parts) => parts('ja').join('。'),
  },
  'role.cloudfront-mtls': {
    en: (p) =>
      `CloudFront ${s(p.path)} (emulator): viewer mTLS ${s(p.mode)}${p.ignoreExpiry ? ', IgnoreCertificateExpiry' : ''}${p.advertise ? ', CA names advertised' : ''}${p.function ? `, connection function ${s(p.function)}` : ''} → origin ${s(p.origin)}; origin request policy forwards ${p.headers ? s(p.headers) : 'no viewer headers'}`,
    ja: (p) =>
      `CloudFront ${s(p.path)} (エミュレーター): ビューワー mTLS ${mode(p.mode)}モード${p.ignoreExpiry ? '、IgnoreCertificateExpiry' : ''}${p.advertise ? '、CA 名を通知' : ''}${p.function ? `、接続関数 ${s(p.function)}` : ''} → オリジン ${s(p.origin)}。オリジンリクエストポリシーが転送するのは ${p.headers ? s(p.headers) : 'ビューワーのヘッダーなし'}`,
  },
  'role.cloudfront-origin': {
    en: (p) => `origin ${s(p.origin)} of CloudFront ${s(p.path)}`,
    ja: (p) => `CloudFront ${s(p.path)} のオリジン ${s(p.origin)}`,
  },
  'role.cloudfront-source': {
    en: (p) =>
      `${p.localstack ? "objects read from LocalStack's S3 at each request, as CloudFront reads its origin" : 'objects read from the scenario’s files (no LocalStack)'}; default root object ${p.root ? s(p.root) : '(none)'}`,
    ja: (p) =>
      `${p.localstack ? 'オブジェクトはリクエストのたびに LocalStack の S3 から読む' : 'オブジェクトはシナリオのファイルから読む (LocalStack なし)'}。既定のルートオブジェクト ${p.root ? s(p.root) : '(なし)'}`,
  },
  'role.route53': {
    en: (p, _inner, parts) =>
      `Route 53 as the sandbox evaluates it — health checks ${parts('en').join(', ') || 'none'}; answers for ${s(p.names)}; time scale ×${s(p.scale)}${p.scale === 1 ? '' : ' (MTLS_SANDBOX_TIME_SCALE=1 for real time)'}`,
    ja: (p, _inner, parts) =>
      `サンドボックスが評価する Route 53 — ヘルスチェック ${parts('ja').join('、') || 'なし'}。${s(p.names)} に応答。時間倍率 ×${s(p.scale)}${p.scale === 1 ? '' : ' (実時間にするには MTLS_SANDBOX_TIME_SCALE=1)'}`,
  },
  'role.route53-check': {
    en: (p) => `${s(p.check)} ${s(p.type)}:${s(p.port)} every ${s(p.every)} s (${s(p.interval)} s on AWS)`,
    ja: (p) => `${s(p.check)} ${s(p.type)}:${s(p.port)} を ${s(p.every)} 秒ごと (AWS では ${s(p.interval)} 秒)`,
  },

  // Steps of a run
  'step.synth-cached': {
    en: (p) => `template from cache (${s(p.file)})`,
    ja: (p) => `キャッシュのテンプレート (${s(p.file)})`,
  },
  'step.synth-template': {
    en: (p) => `the template as given (${s(p.file)}): nothing to synthesize`,
    ja: (p) => `与えられたテンプレート (${s(p.file)}): 合成は不要`,
  },
  'step.synth-fresh': { en: () => 'CDK stack synthesized in process', ja: () => 'CDK スタックをプロセス内で合成' },
  'step.synth-remade': {
    en: (p) =>
      `the cached template ${s(p.file)} ${SYNTH_CACHE_PROBLEM[String(p.problem)]?.en ?? 'was not valid'}: synthesized again`,
    ja: (p) =>
      `キャッシュのテンプレート ${s(p.file)} は${SYNTH_CACHE_PROBLEM[String(p.problem)]?.ja ?? '有効ではありません'}。合成し直しました`,
  },
  'notice.pki-remade': {
    en: (p) => `${s(p.file)} ${PKI_PROBLEM[String(p.problem)]?.en ?? 'was not valid: made again'}`,
    ja: (p) => `${s(p.file)} ${PKI_PROBLEM[String(p.problem)]?.ja ?? 'は有効ではありません。作り直します'}`,
  },
  'step.compile': {
    en: (p) =>
      `${s(p.balancers)} load balancer(s), ${s(p.groups)} target group(s), ${s(p.notRealized)} resource(s)/propert(ies) not realized`,
    ja: (p) =>
      `ロードバランサー ${s(p.balancers)}、ターゲットグループ ${s(p.groups)}、再現していないリソース/プロパティ ${s(p.notRealized)}`,
  },
  'step.start': {
    en: (p) => `${s(p.components)} component(s) ready`,
    ja: (p) => `コンポーネント ${s(p.components)} 個が準備完了`,
  },
  'step.stack-event': {
    en: (p) => `${s(p.status).padEnd(18)} ${s(p.type)} ${s(p.path)}`,
    ja: (p) => `${s(p.status).padEnd(18)} ${s(p.type)} ${s(p.path)}`,
  },
  'step.deploy-failed-optional': {
    en: (p) =>
      `cdklocal deploy of ${s(p.stack)} failed (exit ${s(p.exit)}); full output in ${s(p.log)}:\n    ${s(p.tail)}\n    (this scenario does not need LocalStack; it runs without the deployment)`,
    ja: (p) =>
      `${s(p.stack)} の cdklocal deploy が失敗 (終了コード ${s(p.exit)})。出力全体は ${s(p.log)}:\n    ${s(p.tail)}\n    (このシナリオは LocalStack を必要としないので、デプロイなしで実行する)`,
  },
  'step.deployed': {
    en: (p) =>
      `${s(p.stack)} deployed with cdklocal: ${s(p.localstack)} resource(s) created in LocalStack, ${s(p.sandbox)} realized by the sandbox${p.elbv2 ? " (ELBv2 is not in LocalStack's free edition)" : ''}, ${s(p.none)} neither`,
    ja: (p) =>
      `${s(p.stack)} を cdklocal でデプロイ: LocalStack が作成 ${s(p.localstack)}、サンドボックスが再現 ${s(p.sandbox)}${p.elbv2 ? ' (ELBv2 は LocalStack の無償版にない)' : ''}、どちらでもない ${s(p.none)}`,
  },
  'step.deploy-reused': {
    en: (p) =>
      `${s(p.stack)} is already in this LocalStack with the same template: not deployed again (${s(p.localstack)} resource(s) in LocalStack, ${s(p.sandbox)} realized by the sandbox, ${s(p.none)} neither)`,
    ja: (p) =>
      `${s(p.stack)} は同じテンプレートでこの LocalStack にすでにあるので再デプロイしない (LocalStack ${s(p.localstack)}、サンドボックスが再現 ${s(p.sandbox)}、どちらでもない ${s(p.none)})`,
  },
  'step.resource': {
    en: (p, inner) =>
      `${p.where === 'localstack' ? 'LocalStack' : p.where === 'sandbox' ? 'sandbox   ' : 'neither   '} ${s(p.type)} ${s(p.path)} — ${inner('en')}`,
    ja: (p, inner) =>
      `${p.where === 'localstack' ? 'LocalStack' : p.where === 'sandbox' ? 'サンドボックス' : 'どちらでもない'} ${s(p.type)} ${s(p.path)} — ${inner('ja')}`,
  },
  'step.trust-store-objects': {
    en: (p) =>
      `trust store objects LocalStack S3 (${s(p.endpoint)}): uploaded from the PKI and read back: ${s(p.objects)}${p.standIn ? ' (stand-in bucket: the stack was not deployed; --deploy-all deploys it)' : ''}`,
    ja: (p) =>
      `トラストストアのオブジェクト: LocalStack の S3 (${s(p.endpoint)}) に PKI から上げて読み戻した: ${s(p.objects)}${p.standIn ? ' (代わりのバケット: スタックはデプロイしていない。--deploy-all でデプロイする)' : ''}`,
  },
  'step.init': {
    en: (p, inner) => `${s(p.target)}: ${inner('en')}`,
    ja: (p, inner) => `${s(p.target)}: ${inner('ja')}`,
  },

  // The stack's deployment, resource by resource
  'deploy.realized-by': {
    en: (p) =>
      p.balancer
        ? `${p.type === 'AWS::ElasticLoadBalancingV2::Listener' ? 'a listener of ' : ''}${BALANCER_EN[s(p.balancer)] ?? ''}${p.type === 'AWS::ElasticLoadBalancingV2::Listener' ? '' : ' on 127.0.0.1'}`
        : (REALIZED_BY[s(p.type)]?.en ?? ''),
    ja: (p) =>
      p.balancer
        ? `${p.type === 'AWS::ElasticLoadBalancingV2::Listener' ? `${BALANCER_JA[s(p.balancer)] ?? ''}のリスナー` : `127.0.0.1 の${BALANCER_JA[s(p.balancer)] ?? ''}`}`
        : (REALIZED_BY[s(p.type)]?.ja ?? ''),
  },
  'deploy.not-in-stack': {
    en: (_p, inner) => `not in the deployed stack${inner('en') ? `; the sandbox realizes it: ${inner('en')}` : ''}`,
    ja: (_p, inner) => `デプロイしたスタックにない${inner('ja') ? `。サンドボックスが再現する: ${inner('ja')}` : ''}`,
  },
  'deploy.free-edition-realized': {
    en: (_p, inner) =>
      `not in LocalStack's free edition (accepted there as a no-op); the sandbox realizes it: ${inner('en')}`,
    ja: (_p, inner) => `LocalStack の無償版にない (何もしない形で受け付ける)。サンドボックスが再現する: ${inner('ja')}`,
  },
  'deploy.free-edition-not-realized': {
    en: (_p, inner) =>
      `not in LocalStack's free edition (accepted there as a no-op); not realized locally either: ${inner('en')}`,
    ja: (_p, inner) => `LocalStack の無償版にない (何もしない形で受け付ける)。ローカルでも再現しない: ${inner('ja')}`,
  },
  'deploy.no-stand-in': { en: () => 'no local stand-in', ja: () => 'ローカルの代役なし' },
  'deploy.created': {
    en: (p) => `created in LocalStack: ${s(p.id)}${USED_BY_SANDBOX[s(p.type)]?.en ?? ''}`,
    ja: (p) => `LocalStack が作成: ${s(p.id)}${USED_BY_SANDBOX[s(p.type)]?.ja ?? ''}`,
  },
  'deploy.status': {
    en: (p) => `${s(p.status)}${p.reason ? `: ${s(p.reason)}` : ''}`,
    ja: (p) => `${s(p.status)}${p.reason ? `: ${s(p.reason)}` : ''}`,
  },

  // LocalStack
  'localstack.session': {
    en: (p, inner) => `LocalStack: ${s(p.mode)} — ${inner('en')}`,
    ja: (p, inner) => `LocalStack: ${s(p.mode)} — ${inner('ja')}`,
  },
  'localstack.off': { en: () => '--localstack off', ja: () => '--localstack off' },
  'localstack.none': { en: () => 'the run has no LocalStack', ja: () => 'この実行には LocalStack がない' },
  'localstack.not-needed': {
    en: () => 'auto: no selected scenario needs LocalStack, so none was started',
    ja: () => 'auto: 選んだシナリオはどれも LocalStack を必要としないので、起動していない',
  },
  'localstack.external': {
    en: (p) =>
      `${s(p.request)}: used the LocalStack already running at ${s(p.endpoint)} (not started or stopped by the sandbox)`,
    ja: (p) =>
      `${s(p.request)}: ${s(p.endpoint)} で既に動いている LocalStack を使った (サンドボックスは起動も停止もしない)`,
  },
  'localstack.kept': {
    en: (p) =>
      `${s(p.request)}: used the sandbox's kept LocalStack at ${s(p.endpoint)} (keeper pid ${s(p.pid)}; it stays after the run: \`mtls-sandbox localstack stop\`)`,
    ja: (p) =>
      `${s(p.request)}: ${s(p.endpoint)} で動き続けているサンドボックスの LocalStack を使った (保持プロセス pid ${s(p.pid)}。実行後も残る: \`mtls-sandbox localstack stop\`)`,
  },
  'localstack.not-installed': {
    en: (p) =>
      `auto: no LocalStack running at ${s(p.endpoint)} and none installed for host mode (${s(p.venv)}); install it with \`${s(p.command)}\``,
    ja: (p) =>
      `auto: ${s(p.endpoint)} で動いている LocalStack はなく、ホストモード用にもインストールされていない (${s(p.venv)})。\`${s(p.command)}\` でインストールしてください`,
  },
  'localstack.starting-host': {
    en: (p) => `starting LocalStack (host mode, ${s(p.venv)}) on 127.0.0.1:${s(p.port)}…`,
    ja: (p) => `LocalStack を起動中 (ホストモード、${s(p.venv)}) 127.0.0.1:${s(p.port)}…`,
  },
  'localstack.starting-docker': {
    en: (p) => `starting LocalStack (docker mode) on 127.0.0.1:${s(p.port)}…`,
    ja: (p) => `LocalStack を起動中 (docker モード) 127.0.0.1:${s(p.port)}…`,
  },
  'localstack.started-host': {
    en: (p) =>
      `${s(p.request)}: ${p.request === 'auto' ? `no LocalStack was running at ${s(p.endpoint)}, so ` : ''}started one from ${s(p.venv)} (ready in ${s(p.seconds)} s; log ${s(p.log)})`,
    ja: (p) =>
      `${s(p.request)}: ${p.request === 'auto' ? `${s(p.endpoint)} で LocalStack が動いていなかったので、` : ''}${s(p.venv)} から起動した (${s(p.seconds)} 秒で準備完了。ログ ${s(p.log)})`,
  },
  'localstack.started-docker': {
    en: (p) =>
      `docker: started container ${s(p.container)} from ${s(p.image)}${p.standIn ? ' (local stand-in running the host venv)' : ''} (ready in ${s(p.seconds)} s; log ${s(p.log)} when it stops)`,
    ja: (p) =>
      `docker: ${s(p.image)}${p.standIn ? ' (ホストの venv を動かすローカルの代役)' : ''} からコンテナ ${s(p.container)} を起動した (${s(p.seconds)} 秒で準備完了。停止時のログ ${s(p.log)})`,
  },
  'localstack.role': {
    en: (p, inner) => `AWS APIs (${s(p.services)}): ${inner('en')}`,
    ja: (p, inner) => `AWS API (${s(p.services)}): ${inner('ja')}`,
  },
  'localstack.role-external': { en: () => 'already running; used as is', ja: () => '既に動いているものをそのまま使う' },
  'localstack.role-host': {
    en: (p) => `host mode (venv), pid ${s(p.pid)}`,
    ja: (p) => `ホストモード (venv)、pid ${s(p.pid)}`,
  },
  'localstack.role-docker': {
    en: (p) =>
      `docker mode, container ${s(p.container)}, image ${s(p.image)}${p.standIn ? ', a local stand-in running the host venv' : ''}`,
    ja: (p) =>
      `docker モード、コンテナ ${s(p.container)}、イメージ ${s(p.image)}${p.standIn ? ' (ホストの venv を動かすローカルの代役)' : ''}`,
  },
  'localstack.zone-exists': {
    en: (p) => `hosted zone ${s(p.name)} exists (${s(p.id)})`,
    ja: (p) => `ホストゾーン ${s(p.name)} は存在する (${s(p.id)})`,
  },
  'localstack.zone-created': {
    en: (p) =>
      `aws route53 create-hosted-zone --name ${s(p.name)} --caller-reference … → ${s(p.id)} (the stack's records name this zone by HostedZoneName: it exists before the stack, as in seed 003)`,
    ja: (p) =>
      `aws route53 create-hosted-zone --name ${s(p.name)} --caller-reference … → ${s(p.id)} (スタックのレコードは HostedZoneName でこのゾーンを指す。元記事 003 の既存システムと同じく、ゾーンはスタックより前からある)`,
  },
  'localstack.route53-holds': {
    en: (_p, _inner, parts) => `LocalStack's Route 53 holds:${INDENT}${parts('en').join(INDENT)}`,
    ja: (_p, _inner, parts) => `LocalStack の Route 53 が保持するもの:${INDENT}${parts('ja').join(INDENT)}`,
  },
  'localstack.held-check': {
    en: (p) =>
      `health check ${s(p.check)} = ${s(p.id)}: ${s(p.type)} port ${s(p.port)}, RequestInterval ${s(p.interval)} s, FailureThreshold ${s(p.threshold)}, FullyQualifiedDomainName ${s(p.fqdn)} (LocalStack could not resolve the NLB's DNSName, which is not in its free edition)`,
    ja: (p) =>
      `ヘルスチェック ${s(p.check)} = ${s(p.id)}: ${s(p.type)} ポート ${s(p.port)}、RequestInterval ${s(p.interval)} 秒、FailureThreshold ${s(p.threshold)}、FullyQualifiedDomainName ${s(p.fqdn)} (NLB は無償版にないので、LocalStack はその DNSName を解決できなかった)`,
  },
  'localstack.held-status': {
    en: (p) =>
      `GetHealthCheckStatus ${s(p.id)} → "${s(p.answer)}": a fixed answer — LocalStack does not check the endpoint, so the sandbox does`,
    ja: (p) =>
      `GetHealthCheckStatus ${s(p.id)} → "${s(p.answer)}": 固定の応答 — LocalStack はエンドポイントを調べないので、サンドボックスが調べる`,
  },
  'localstack.held-record': {
    en: (p) =>
      `record ${s(p.name)} ${s(p.type)}${p.failover ? ` ${s(p.failover)}` : ''}${p.set ? ` (${s(p.set)})` : ''}${p.check ? ` health check ${s(p.check)}` : ''}${p.alias ? ` alias → ${s(p.alias)}` : ''}`,
    ja: (p) =>
      `レコード ${s(p.name)} ${s(p.type)}${p.failover ? ` ${s(p.failover)}` : ''}${p.set ? ` (${s(p.set)})` : ''}${p.check ? ` ヘルスチェック ${s(p.check)}` : ''}${p.alias ? ` エイリアス → ${s(p.alias)}` : ''}`,
  },
  'localstack.ssm-put': {
    en: (p) => `${s(p.command)} (version ${s(p.version)})`,
    ja: (p) => `${s(p.command)} (バージョン ${s(p.version)})`,
  },
  'localstack.ssm-init': {
    en: (p) =>
      `GetParameters ${s(p.versions)} → environment → sh ${s(p.script)} wrote ${s(p.dir)}/{server_cert.cer,server_key.key,client_cert.pem}`,
    ja: (p) =>
      `GetParameters ${s(p.versions)} → 環境変数 → sh ${s(p.script)} が ${s(p.dir)}/{server_cert.cer,server_key.key,client_cert.pem} を書いた`,
  },

  // The sandbox's Route 53
  'r53.at': {
    en: (p, inner) =>
      `${p.scale === 1 ? `+${s(p.seconds)} s` : `+${s(p.seconds)} s (≈ +${s(p.awsSeconds)} s on AWS at ×${s(p.scale)})`} ${inner('en')}`,
    ja: (p, inner) =>
      `${p.scale === 1 ? `+${s(p.seconds)} 秒` : `+${s(p.seconds)} 秒 (AWS では ≈ +${s(p.awsSeconds)} 秒、×${s(p.scale)})`} ${inner('ja')}`,
  },
  'r53.check-start': {
    en: (p, inner) =>
      `health check ${s(p.check)}${p.held ? ` (${s(p.held)}, as LocalStack's Route 53 holds it)` : ''}: ${s(p.type)} port ${s(p.port)} on ${inner('en')}, RequestInterval ${s(p.interval)} s, FailureThreshold ${s(p.threshold)}${p.inverted ? ', inverted' : ''} — the sandbox checks every ${s(p.every)} s (time scale ×${s(p.scale)}); a new health check is healthy until the checks say otherwise`,
    ja: (p, inner) =>
      `ヘルスチェック ${s(p.check)}${p.held ? ` (${s(p.held)}、LocalStack の Route 53 が保持する設定)` : ''}: ${inner('ja')} の ${s(p.type)} ポート ${s(p.port)}、RequestInterval ${s(p.interval)} 秒、FailureThreshold ${s(p.threshold)}${p.inverted ? '、反転' : ''} — サンドボックスは ${s(p.every)} 秒ごとに調べる (時間倍率 ×${s(p.scale)})。新しいヘルスチェックはチェックが否定するまで正常`,
  },
  'r53.check-disabled': {
    en: (p) => `health check ${s(p.check)} is disabled: Route 53 stops checking and considers it healthy`,
    ja: (p) => `ヘルスチェック ${s(p.check)} は無効: Route 53 は調べるのをやめ、正常とみなす`,
  },
  'r53.endpoint': { en: (p) => `${s(p.label)} at ${s(p.address)}`, ja: (p) => `${s(p.address)} の ${s(p.label)}` },
  'r53.endpoint-unreachable': {
    en: (p) => `${s(p.endpoint)} is not reachable from the sandbox`,
    ja: (p) => `${s(p.endpoint)} にはサンドボックスから到達できない`,
  },
  'r53.endpoint-no-listener': {
    en: (p) => `no local listener for ${s(p.endpoint)} on port ${s(p.port)}`,
    ja: (p) => `${s(p.endpoint)} のポート ${s(p.port)} にローカルのリスナーがない`,
  },
  'r53.check': {
    en: (p, inner) =>
      `health check ${s(p.check)} ${p.passed ? 'passed' : 'failed'}${p.inverted ? ' (inverted)' : ''} (${p.against ? `${s(p.count)}/${s(p.threshold)} towards ${s(p.towards)}` : `status stays ${s(p.status)}`}): ${inner('en')}`,
    ja: (p, inner) =>
      `ヘルスチェック ${s(p.check)} ${p.passed ? '成功' : '失敗'}${p.inverted ? ' (反転)' : ''} (${p.against ? `${s(p.towards)} へ ${s(p.count)}/${s(p.threshold)}` : `状態は ${s(p.status)} のまま`}): ${inner('ja')}`,
  },
  'r53.status': {
    en: (p) =>
      `health check ${s(p.check)}: ${s(p.from)} → ${s(p.to)} after ${s(p.threshold)} consecutive ${p.passing ? 'passing' : 'failing'} checks (FailureThreshold ${s(p.threshold)})`,
    ja: (p) =>
      `ヘルスチェック ${s(p.check)}: ${s(p.threshold)} 回連続の${p.passing ? '成功' : '失敗'}で ${s(p.from)} → ${s(p.to)} (FailureThreshold ${s(p.threshold)})`,
  },
  'r53.answers': {
    en: (p, inner) =>
      `${s(p.name)} ${p.now ? 'now answers' : 'answers'} ${p.failover ? s(p.failover) : 'A'}${p.set ? ` (${s(p.set)})` : ''} → ${s(p.label)}: ${inner('en')}`,
    ja: (p, inner) =>
      `${s(p.name)} は${p.now ? 'これから' : ''} ${p.failover ? s(p.failover) : 'A'}${p.set ? ` (${s(p.set)})` : ''} で応答 → ${s(p.label)}: ${inner('ja')}`,
  },
  'r53.simple-record': { en: () => 'a simple record', ja: () => 'シンプルレコード' },
  'r53.primary-healthy': {
    en: () => 'PRIMARY: its health check is healthy',
    ja: () => 'PRIMARY: ヘルスチェックが正常',
  },
  'r53.primary-unchecked': {
    en: () => 'PRIMARY: it has no health check, so it is always healthy',
    ja: () => 'PRIMARY: ヘルスチェックがないので常に正常',
  },
  'r53.secondary-primary-unhealthy': {
    en: () => 'SECONDARY: the PRIMARY record is unhealthy',
    ja: () => 'SECONDARY: PRIMARY レコードが異常',
  },
  'r53.secondary-no-primary': {
    en: () => 'SECONDARY: there is no PRIMARY record',
    ja: () => 'SECONDARY: PRIMARY レコードがない',
  },
  'r53.all-unhealthy': {
    en: () =>
      'every record of the group is unhealthy, so Route 53 treats them all as healthy and answers as the routing policy says',
    ja: () =>
      'グループのすべてのレコードが異常なので、Route 53 はすべてを正常とみなし、ルーティングポリシーどおりに応答する',
  },
  'r53.tcp-timeout': {
    en: (p) => `no TCP connection within ${s(p.ms)} ms`,
    ja: (p) => `${s(p.ms)} ms 以内に TCP 接続できない`,
  },
  'r53.tcp-held': {
    en: () => 'TCP connection established (and held open)',
    ja: () => 'TCP 接続を確立 (開いたまま保持)',
  },
  'r53.tcp-closed-at-once': {
    en: () =>
      'TCP connection closed by the load balancer at once: no target accepted it (an NLB would pass the handshake to a target; HAProxy accepts it first)',
    ja: () =>
      'TCP 接続がロードバランサーにすぐ閉じられた: どのターゲットも受け付けなかった (NLB ならハンドシェイクをターゲットへ渡す。HAProxy は先に受け付ける)',
  },
  'r53.http-status': {
    en: (p) =>
      `HTTP ${s(p.status)}${Number(p.status) >= 200 && Number(p.status) < 400 ? '' : ' (Route 53 needs 2xx or 3xx)'}`,
    ja: (p) =>
      `HTTP ${s(p.status)}${Number(p.status) >= 200 && Number(p.status) < 400 ? '' : ' (Route 53 は 2xx か 3xx が必要)'}`,
  },
  'r53.connect-timeout': {
    en: (p) => `no connection within ${s(p.ms)} ms`,
    ja: (p) => `${s(p.ms)} ms 以内に接続できない`,
  },
  'r53.http-timeout': {
    en: (p) => `no HTTP status within ${s(p.ms)} ms of connecting`,
    ja: (p) => `接続から ${s(p.ms)} ms 以内に HTTP ステータスがない`,
  },
  'r53.refused': { en: () => 'connection refused', ja: () => '接続を拒否された' },
  'r53.socket-error': { en: (p) => s(p.error), ja: (p) => s(p.error) },
  'seq.relay': {
    en: () => 'relays the TCP stream: TLS runs between client and target',
    ja: () => 'TCP をそのまま中継: TLS はクライアントとターゲットの間',
  },
  'seq.verify': {
    en: (p) =>
      p.mode === 'verify'
        ? `checks the certificate against its trust store: ${s(p.status)}`
        : `passes the certificate on unchecked (${s(p.status)})`,
    ja: (p) =>
      p.mode === 'verify' ? `トラストストアで証明書を検証: ${s(p.status)}` : `証明書を検証せずに渡す (${s(p.status)})`,
  },
  'seq.waf': {
    en: (p) => `AWS WAF: ${s(p.action)} (${s(p.rule)})`,
    ja: (p) => `AWS WAF: ${s(p.action)} (${s(p.rule)})`,
  },
  'seq.rule': {
    en: (p) => `rule ${s(p.priority)} matches (${s(p.conditions)}) → ${s(p.action)}`,
    ja: (p) => `ルール ${s(p.priority)} に一致 (${s(p.conditions)}) → ${s(p.action)}`,
  },
  'seq.default-rule': {
    en: (p) =>
      `${Number(p.checked) > 0 ? `no rule matches (${s(p.checked)} checked)` : 'no rules'} → default action: ${s(p.action)}`,
    ja: (p) =>
      `${Number(p.checked) > 0 ? `どのルールにも一致しない (${s(p.checked)} 件を評価)` : 'ルールなし'} → デフォルトアクション: ${s(p.action)}`,
  },
  'seq.forward': {
    en: (p) => `${s(p.method) || 'request'} ${s(p.path)}${p.headers ? ` + ${s(p.headers)}` : ''}`.replace(/ +/g, ' '),
    ja: (p) =>
      `${s(p.method) || 'リクエスト'} ${s(p.path)}${p.headers ? ` + ${s(p.headers)}` : ''}`.replace(/ +/g, ' '),
  },
  'seq.target-answer': {
    en: (p) => (p.status ? `HTTP ${s(p.status)}` : 'answer'),
    ja: (p) => (p.status ? `HTTP ${s(p.status)}` : '応答'),
  },
  'seq.target-verify': {
    en: (p) => `nginx verifies: ssl_client_verify=${s(p.result)}`,
    ja: (p) => `nginx が検証: ssl_client_verify=${s(p.result)}`,
  },
  'config.cdk-listener': {
    en: (p) => `the listener ${s(p.path)} in the stack`,
    ja: (p) => `スタックのリスナー ${s(p.path)}`,
  },
  'config.cdk-rule': {
    en: (p) => `the rule that matched: ${s(p.path)} (priority ${s(p.priority)})`,
    ja: (p) => `一致したルール: ${s(p.path)} (優先度 ${s(p.priority)})`,
  },
  'config.nginx': {
    en: (p) => `nginx on ${s(p.target)}, as the sandbox rendered it`,
    ja: (p) => `${s(p.target)} の nginx (サンドボックスが生成した設定)`,
  },
  'config.haproxy': {
    en: (p) => `HAProxy standing in for the listener ${s(p.port)}`,
    ja: (p) => `リスナー ${s(p.port)} の代わりの HAProxy`,
  },
  'config.live-listener': {
    en: (p) => `${s(p.listener)} as the ELBv2 API holds it now (▸ changed since the stack)`,
    ja: (p) => `ELBv2 API が今保持している ${s(p.listener)} (▸ はスタックから変わった行)`,
  },
  'elbv2.rule-created': {
    en: (p) => `listener ${s(p.listener)}: rule added at priority ${s(p.priority)}, by ${s(p.action)}`,
    ja: (p) => `リスナー ${s(p.listener)}: 優先度 ${s(p.priority)} にルールを追加 (${s(p.action)})`,
  },
  'elbv2.rule-modified': {
    en: (p) => `listener ${s(p.listener)}: rule at priority ${s(p.priority)} changed, by ${s(p.action)}`,
    ja: (p) => `リスナー ${s(p.listener)}: 優先度 ${s(p.priority)} のルールを変更 (${s(p.action)})`,
  },
  'elbv2.rule-deleted': {
    en: (p) => `listener ${s(p.listener)}: rule at priority ${s(p.priority)} deleted, by ${s(p.action)}`,
    ja: (p) => `リスナー ${s(p.listener)}: 優先度 ${s(p.priority)} のルールを削除 (${s(p.action)})`,
  },
  'elbv2.priorities-set': {
    en: (p) => `listener ${s(p.listener)}: rule priorities changed, by ${s(p.action)}`,
    ja: (p) => `リスナー ${s(p.listener)}: ルールの優先度を変更 (${s(p.action)})`,
  },
  'elbv2.default-actions': {
    en: (p) => `listener ${s(p.listener)}: default action changed, by ${s(p.action)}`,
    ja: (p) => `リスナー ${s(p.listener)}: デフォルトアクションを変更 (${s(p.action)})`,
  },
  'elbv2.mutual-mode': {
    en: (p) => `listener ${s(p.listener)}: mutual authentication ${s(p.from)} → ${s(p.to)}, by ${s(p.action)}`,
    ja: (p) => `リスナー ${s(p.listener)}: 相互認証 ${mode(p.from)} → ${mode(p.to)} (${s(p.action)})`,
  },
  'elbv2.stickiness': {
    en: (p) =>
      `target group ${s(p.group)}: stickiness ${p.enabled ? `on (${s(p.seconds)} s)` : 'off'}, by ${s(p.action)}`,
    ja: (p) =>
      `ターゲットグループ ${s(p.group)}: スティッキーセッション ${p.enabled ? `オン (${s(p.seconds)} 秒)` : 'オフ'} (${s(p.action)})`,
  },
  'elbv2.revocations-added': {
    en: (p) =>
      `listener ${s(p.listener)}: trust store ${s(p.store)} now revokes ${s(p.entries)} more certificate(s), by ${s(p.action)}`,
    ja: (p) =>
      `リスナー ${s(p.listener)}: トラストストア ${s(p.store)} の失効証明書が ${s(p.entries)} 件増えた (${s(p.action)})`,
  },
  'elbv2.targets-registered': {
    en: (p) => `target group ${s(p.group)}: ${s(p.targets)} registered, by ${s(p.action)}`,
    ja: (p) => `ターゲットグループ ${s(p.group)}: ${s(p.targets)} を登録 (${s(p.action)})`,
  },
  'elbv2.targets-deregistered': {
    en: (p) => `target group ${s(p.group)}: ${s(p.targets)} deregistered, by ${s(p.action)}`,
    ja: (p) => `ターゲットグループ ${s(p.group)}: ${s(p.targets)} の登録を解除 (${s(p.action)})`,
  },
  'elbv2.trust-store-bundle': {
    en: (p) =>
      `listener ${s(p.listener)}: trust store ${s(p.store)} now holds ${s(p.cas)} CA certificate(s), by ${s(p.action)}`,
    ja: (p) =>
      `リスナー ${s(p.listener)}: トラストストア ${s(p.store)} の CA 証明書が ${s(p.cas)} 件になった (${s(p.action)})`,
  },
  'elbv2.revocations-removed': {
    en: (p) =>
      `listener ${s(p.listener)}: ${s(p.count)} revocation list(s) removed from trust store ${s(p.store)}, by ${s(p.action)}`,
    ja: (p) =>
      `リスナー ${s(p.listener)}: トラストストア ${s(p.store)} から失効リストを ${s(p.count)} 件削除 (${s(p.action)})`,
  },
};
