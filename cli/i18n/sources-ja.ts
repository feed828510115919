// The sources' titles in Japanese (sandbox/sources.ts holds them as the pages name themselves, in English): a
// Japanese report cites every source in Japanese, and links AWS's own Japanese pages; the seed articles by their real
// (Japanese) titles. Pure.
import type { SourceId } from '../../sandbox/sources.js';
import { SEED_TITLES } from './glossary.js';

export const SOURCE_TITLES_JA: Record<SourceId, string> = {
  'seed-000': `「${SEED_TITLES['000']}」(2021 年)`,
  'seed-001': `「${SEED_TITLES['001']}」(2023 年)`,
  'seed-003': `「${SEED_TITLES['003']}」(2022 年)`,
  'seed-004': `「${SEED_TITLES['004']}」(2024 年)`,
  'nginx-ssl': 'nginx: ngx_http_ssl_module モジュール',
  'aws-tcp-passthrough': 'Network Load Balancer のリスナー',
  'aws-alb-http-headers': 'HTTP ヘッダーと Application Load Balancer',
  'aws-alb-no-mtls': 'Application Load Balancer のリスナー',
  'aws-alb-mtls': 'Application Load Balancer での TLS による相互認証',
  'aws-alb-mtls-passthrough': 'Application Load Balancer での TLS による相互認証',
  'aws-alb-connection-logs': 'Application Load Balancer の接続ログ',
  'aws-alb-mtls-requirements': 'Application Load Balancer での TLS による相互認証',
  'aws-alb-quotas': 'Application Load Balancer のクォータ',
  'aws-alb-trust-store-files': 'Application Load Balancer での TLS による相互認証',
  'aws-alb-security-policies': 'Application Load Balancer のセキュリティポリシー',
  'aws-alb-rule-conditions': 'リスナールールの条件タイプ',
  'aws-alb-rule-limits': 'Elastic Load Balancing API リファレンス: CreateRule、RuleCondition、RuleTransform',
  's2n-tls': 's2n-tls (ALB の相互 TLS が使う TLS ライブラリ。ソースとセキュリティポリシーのスナップショット)',
  'openssl-security-level': 'OpenSSL 3.0: SSL_CTX_set_security_level',
  'rfc-5280': 'RFC 5280 (X.509 公開鍵基盤の証明書と CRL のプロファイル)',
  'aws-alb-listener-rules': 'Application Load Balancer のリスナールール',
  'aws-alb-access-logs': 'Application Load Balancer のアクセスログ',
  'aws-clb-listeners': 'Classic Load Balancer のリスナー',
  'aws-alb-sticky': 'Application Load Balancer のスティッキーセッション',
  'aws-nlb-target-groups': 'Network Load Balancer のターゲットグループ属性の編集',
  'aws-nlb-alb-target': 'Application Load Balancer を Network Load Balancer のターゲットとして使用する',
  'aws-nlb-stickiness': 'Network Load Balancer のターゲットグループ属性の編集',
  'aws-clb-proxy-protocol': 'Classic Load Balancer のプロキシプロトコルのサポート設定',
  'aws-nlb-health-checks': 'Network Load Balancer ターゲットグループのヘルスチェック',
  'aws-waf': 'AWS WAF デベロッパーガイド: 保護できるリソース、ルールステートメント、ログ',
  'aws-route53-failover': 'Amazon Route 53 デベロッパーガイド: フェイルオーバールーティングとヘルスチェックの判定',
  'aws-ecs-ssm-secrets': 'Systems Manager パラメータを Amazon ECS の環境変数で渡す',
  'aws-nlb-security-policies': 'Network Load Balancer のセキュリティポリシー',
  'rfc-9151': 'RFC 9151、TLS と DTLS 1.2/1.3 の商用国家安全保障アルゴリズム (CNSA) スイートプロファイル',
  'aws-nlb-listener-rules': 'Network Load Balancer のリスナールール',
  'aws-elbv2-rule-condition':
    'Elastic Load Balancing API リファレンス: RuleCondition、SourceIpConditionConfig、CreateRule',
  'aws-nlb-mtls': 'Network Load Balancer での TLS による相互認証',
  'aws-nlb-mtls-launch': 'Network Load Balancer のドキュメント履歴',
  'aws-nlb-identity-filters': 'クライアント証明書の ID フィルター',
  'aws-elbv2-identity-filter-api': 'Elastic Load Balancing API リファレンス: ClientCertificateIdentityFilter',
  'aws-nlb-tls-listener': 'Network Load Balancer の TLS リスナー',
  'aws-nlb-access-logs': 'Network Load Balancer のアクセスログ',
  'openssl-alerts': 'OpenSSL 3.0 のソース: ssl/statem/statem_lib.c (証明書検証エラーから TLS アラートへの対応)',
  'rfc-8446-alerts': 'RFC 8446 (TLS 1.3): 6.2 エラーアラート',
  'aws-alb-header-modification': 'Application Load Balancer の HTTP ヘッダーの変更',
  'aws-alb-enable-header-modification': 'Application Load Balancer の HTTP ヘッダーの変更を有効にする',
  'aws-elbv2-listener-attribute': 'Elastic Load Balancing API リファレンス: ListenerAttribute',
  'aws-elbv2-load-balancer-attribute': 'Elastic Load Balancing API リファレンス: LoadBalancerAttribute',
  'aws-cf-viewer-mtls': 'Amazon CloudFront: CloudFront による相互 TLS 認証 (ビューワー mTLS)',
  'aws-cf-mtls-modes': 'Amazon CloudFront: 追加の検証モード',
  'aws-cf-mtls-settings': 'Amazon CloudFront: 追加設定の構成 (ビューワー mTLS)',
  'aws-cf-trust-stores': 'Amazon CloudFront: トラストストアと証明書の管理',
  'aws-cf-viewer-mtls-config': 'AWS CloudFormation: AWS::CloudFront::Distribution ViewerMtlsConfig',
  'aws-cf-mtls-headers': 'Amazon CloudFront: キャッシュポリシー用とオリジンに転送されるビューワー mTLS ヘッダー',
  'aws-cf-connection-functions': 'Amazon CloudFront: 相互 TLS (ビューワー) 検証用の接続関数のコードを書く',
  'aws-cf-connection-logs': 'Amazon CloudFront: 接続ログによるオブザーバビリティ',
  'aws-sts-get-certificate': 'AWS Security Token Service API リファレンス: GetCertificate',
  'aws-cf-origin-mtls': 'Amazon CloudFront: CloudFront のオリジン相互 TLS',
  'rfc-9440': 'RFC 9440: Client-Cert HTTP ヘッダーフィールド',
  'aws-cf-kvs-revocation': 'Amazon CloudFront: ステップ 2: 失効確認用の接続関数を作成する',
  'sandbox-assumptions': 'AWS のドキュメントに記載がない点についてのサンドボックスの仮定',
};

/**
 * The cited sections in Japanese: the heading of AWS's Japanese page where it has one, else what the section says.
 * Names of settings, headers, functions and files stay as they are. A section missing here is shown only when it is
 * a name (index.ts citationText), never as an English sentence in a Japanese citation.
 */
export const SECTIONS_JA: Record<string, string> = {
  'one Application Load Balancer per target group; it takes over the load balancing decision':
    'ターゲットグループごとに Application Load Balancer を 1 つ。負荷分散の判断はそちらが引き継ぐ',
  'Considerations: front-end policy chosen, backend policy not (TLS13 → ELBSecurityPolicy-TLS13-1-0-2021-06, else 2016-08); RFC 9151 policies':
    '考慮事項: 選べるのはフロントエンドのポリシーで、バックエンドのポリシーは選べない (TLS13 → ELBSecurityPolicy-TLS13-1-0-2021-06、それ以外は 2016-08)。RFC 9151 のポリシー',
  'ECDHE on secp384r1, AES-256-GCM, TLS_AES_256_GCM_SHA384': 'secp384r1 の ECDHE、AES-256-GCM、TLS_AES_256_GCM_SHA384',
  'Prerequisites: a dual-stack Network Load Balancer; Add a listener rule: source IP address type, forward':
    '前提条件: デュアルスタックの Network Load Balancer。リスナールールの追加: 送信元 IP アドレスタイプ、転送',
  'for NLB rules only source-ip, SourceIpConfig with IpAddressType ipv4 | ipv6; dual-stack NLB':
    'NLB のルールでは source-ip だけ、SourceIpConfig の IpAddressType は ipv4 か ipv6。デュアルスタックの NLB',
  'an X509-SVID: empty subject DN, one URI SAN with the SPIFFE ID, client and server authentication, 1 to 12 hours':
    'X509-SVID: サブジェクト DN は空、SPIFFE ID を持つ URI の SAN が 1 つ、クライアント認証とサーバー認証、1〜12 時間',
  'CloudFront acts as the client and presents its client certificate; it validates nothing of it':
    'CloudFront がクライアントとなり、自分のクライアント証明書を提示する。その証明書について CloudFront は何も検証しない',
  'curl -v: TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256 / prime256v1':
    'curl -v の出力: TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256 / prime256v1',
  'ECDHE on P-384; AES-256-GCM': 'P-384 の ECDHE、AES-256-GCM',
  'an empty subject DN and one URI SAN with the SPIFFE ID; 1 to 12 hours':
    'サブジェクト DN は空、SPIFFE ID を持つ URI の SAN が 1 つ、1〜12 時間',
  "If the client certificate doesn't contain the field": 'クライアント証明書にそのフィールドがない場合',
  'CloudFront acts as the client and presents its client certificate':
    'CloudFront がクライアントとなり、自分のクライアント証明書を提示する',
  '$ssl_client_s_dn, $ssl_client_verify (embedded variables)': '$ssl_client_s_dn、$ssl_client_verify (組み込み変数)',
  '2. Client-Cert and Client-Cert-Chain: byte sequences of the DER certificates':
    '2. Client-Cert と Client-Cert-Chain: DER 形式の証明書のバイト列',
  '6. Certification Path Validation': '6. 証明書パスの検証',
  '6.2 Error Alerts (access_denied, certificate_required)': '6.2 エラーアラート (access_denied、certificate_required)',
  'ALB server response header': 'ALB の Server レスポンスヘッダー',
  'Add response headers': 'レスポンスヘッダーの追加',
  'Before you begin › Requirements for certificates': '開始する前に › 証明書の要件',
  'CA bundle in S3, read once; PEM rules; supported keys and signatures':
    'S3 の CA バンドル (読み込みは 1 回)、PEM の規則、対応する鍵と署名',
  'CA certificate files; Configuring mutual TLS › Add a certificate revocation list':
    'CA 証明書ファイル、相互 TLS の設定 › 証明書失効リストを追加する',
  'Certificate expiration handling': '証明書の有効期限の扱い',
  'Certificate expiration handling, Certificate Authority advertisement': '証明書の有効期限の扱い、認証局名の通知',
  'Certificates (maximum certificate chain depth: 4)': '証明書 (証明書チェーンの最大の深さ: 4)',
  'Client IP preservation': 'クライアント IP の保持',
  'Client IP preservation (preserve_client_ip.enabled)': 'クライアント IP の保持 (preserve_client_ip.enabled)',
  'Configure header forwarding': 'ヘッダーの転送を設定する',
  'Connection log entries (tls_verify_status)': '接続ログのエントリ (tls_verify_status)',
  'Default callback behaviour (level 2: RSA keys of 2048 bits and more, no SHA-1 signatures)':
    '既定のコールバックの動作 (レベル 2: 2048 ビット以上の RSA 鍵、SHA-1 署名は不可)',
  'Duration-based cookies (AWSALB)': '期間ベースの Cookie (AWSALB)',
  'Error reason codes (tls_verify_status)': 'エラー理由コード (tls_verify_status)',
  'Field, MatchType (case), Value': 'Field、MatchType (大文字小文字)、Value',
  'HTTP header conditions': 'HTTP ヘッダーの条件',
  'HTTP headers (verify mode)': 'HTTP ヘッダー (検証モード)',
  'HTTPS listeners (TLS ends at the load balancer)': 'HTTPS リスナー (TLS はロードバランサーで終端)',
  'How health checks decide; active-passive failover': 'ヘルスチェックの判定、アクティブ/パッシブフェイルオーバー',
  'If the filter list is empty, the load balancer applies no filtering':
    'フィルターのリストが空ならロードバランサーは絞り込まない',
  'Key (routing.http.request.*.header_name, routing.http.response.*)':
    'Key (routing.http.request.*.header_name、routing.http.response.*)',
  'KeyValueStoreAssociations; import cf from "cloudfront"; await cf.kvs().exists(serial); deny()':
    'KeyValueStoreAssociations、cloudfront モジュールの import、await cf.kvs().exists(serial)、deny()',
  'Listener configuration (TCP listeners)': 'リスナーの設定 (TCP リスナー)',
  'Mode: required | optional | passthrough; TrustStoreConfig':
    'Mode: required | optional | passthrough、TrustStoreConfig',
  'Mutual TLS authentication for Network Load Balancers (November 19, 2026)':
    'Network Load Balancer の相互 TLS 認証 (2026 年 11 月 19 日)',
  'Mutual TLS passthrough': '相互 TLS パススルー',
  'Mutual TLS verify': '相互 TLS 検証',
  'Mutual TLS verify: certificate validation': '相互 TLS 検証: 証明書の検証',
  'Mutual TLS verify: certificate validation against the trust store':
    '相互 TLS 検証: トラストストアによる証明書の検証',
  'Mutual TLS verify: the trust store; HTTP headers (verify mode)':
    '相互 TLS 検証: トラストストア、HTTP ヘッダー (検証モード)',
  'Mutual authentication off (the default)': '相互認証オフ (既定値)',
  'Optional mode, Passthrough mode, headers forwarded to origin':
    'オプションモード、パススルーモード、オリジンに転送されるヘッダー',
  'Passthrough mode': 'パススルーモード',
  'Passthrough mode: headers forwarded to origin': 'パススルーモード: オリジンに転送されるヘッダー',
  'Prerequisites: HTTP/2, not HTTP/3': '前提条件と要件: HTTP/2 (HTTP/3 は不可)',
  'Proxy protocol (proxy_protocol_v2.enabled)': 'プロキシプロトコル (proxy_protocol_v2.enabled)',
  'Proxy protocol version 1 on the instance port': 'インスタンスポートでのプロキシプロトコル バージョン 1',
  'Rename mTLS/TLS headers': 'mTLS/TLS ヘッダーの名前を変更する',
  'Rename mTLS/TLS headers; Add response headers': 'mTLS/TLS ヘッダーの名前を変更する、レスポンスヘッダーの追加',
  'Resources you can protect (ALB, CloudFront… not NLB)': '保護できるリソース (ALB、CloudFront など。NLB は含まれない)',
  'Resources you can protect (ALB, CloudFront… not NLB); Block action (403)':
    '保護できるリソース (ALB、CloudFront など。NLB は含まれない)、Block アクション (403)',
  'Rule conditions': 'ルールの条件',
  'Rule statements, Block action (403), default action':
    'ルールステートメント、Block アクション (403)、デフォルトアクション',
  'Secrets are injected when the container starts': 'シークレットはコンテナの起動時に渡される',
  'Sticky sessions': 'スティッキーセッション',
  'Sticky sessions: source IP; clients behind one NAT reach one target':
    'スティッキーセッション: 送信元 IP。1 つの NAT の背後のクライアントは 1 つのターゲットに届く',
  'TCP listeners pass encrypted traffic through to the targets':
    'TCP リスナーは暗号化されたトラフィックをそのままターゲットへ渡す',
  'TCP/SSL protocols (TCP passes the connection through)': 'TCP/SSL プロトコル (TCP は接続をそのまま渡す)',
  'Target health status (fail open)': 'ターゲットのヘルスステータス (フェイルオープン)',
  'Task definition secrets from SSM; init.sh writes them before nginx starts':
    'タスク定義の secrets を SSM から取得し、nginx の起動前に init.sh がファイルに書く',
  'The load balancer admits a connection in the following order': 'ロードバランサーが接続を受け入れる順序',
  'no certificate in verify mode: curl (35) Recv failure: Connection reset by peer':
    '検証モードで証明書なし: curl (35) Recv failure: Connection reset by peer',
  'Ways out: nginx behind the ALB, or one private CA per client class':
    '回避策: ALB の背後に nginx を置く、またはクライアントの種類ごとにプライベート CA を分ける',
  'X-Forwarded-For (append mode, the default)': 'X-Forwarded-For (追加モード、既定値)',
  'connection log fields; connection error codes (Failed:…)': '接続ログのフィールド、接続エラーのコード (Failed:…)',
  'event structure; allow(), deny(), logCustomData(); deny by default':
    'イベントの構造、allow()、deny()、logCustomData()、既定は拒否',
  'header names, descriptions and example values': 'ヘッダー名、説明、値の例',
  'http-header conditions': 'http-header 条件',
  'log entry fields (no client certificate, no verify status)':
    'ログエントリのフィールド (クライアント証明書も検証結果もない)',
  'off by default, enabled on each listener (listener attributes)': '既定はオフ、リスナーごとに有効化 (リスナー属性)',
  'required ("verify") mode; prerequisites: HTTPS-only behaviors, HTTP/2 or HTTP/1.1, not HTTP/3':
    '必須 (検証) モード、前提条件と要件: HTTPS のみのキャッシュ動作、HTTP/2 か HTTP/1.1 (HTTP/3 は不可)',
  'the filters apply after trust-store validation passes': 'フィルターはトラストストアでの検証に通った後に適用される',
  'the server certificate ends the front-end connection; requests are decrypted before they go to targets':
    'サーバー証明書でフロントエンドの接続を終端し、リクエストは復号してからターゲットへ送る',
  'tls/s2n_x509_validator.c (chain depth; partial chains in the trust store)':
    'tls/s2n_x509_validator.c (チェーンの深さ、トラストストアの中間証明書)',
  'ssl_verify_client; error processing (400 pages)': 'ssl_verify_client、エラー処理 (400 のページ)',
  'HTTP header for passthrough mode; Certificate order for passthrough':
    'パススルーモードの HTTP ヘッダー、パススルーモードでの証明書の順序',
  'Mutual TLS verify: certificate validation, revocation, IgnoreClientCertificateExpiry':
    '相互 TLS 検証: 証明書の検証、失効確認、IgnoreClientCertificateExpiry',
  'verify mode only; trust store, then identity filters, then revocation':
    '検証モードのみ。トラストストア、次に ID フィルター、次に失効確認',
};
