import { cite, documented } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeContext, type ProbeSpec } from '../../sandbox/scenario.js';
import { SITE_NAME } from './names.js';
import { ALB_TO_NLB_TRADEOFFS } from '../common/stories.js';

const targets = ['web-1', 'web-2'];
const PRIMARY = 'primary-nlb';
const SECONDARY = 'secondary-sorry-page';
/** Probes that go "through DNS": the sandbox resolves the name as Route 53 would answer at that moment. */
const viaDns = { loadBalancer: SITE_NAME, port: 443 };

const FAILOVER = cite('aws-route53-failover', 'How health checks decide; active-passive failover');
const FAIL_OPEN = cite('aws-nlb-health-checks');
const NGINX = cite('seed-000');

function route53(context: ProbeContext) {
  if (!context.route53)
    throw new Error('sorry-page-failover needs its Route 53 records realized (the stack defines them).');
  return context.route53;
}

const probes: ProbeSpec[] = [
  {
    name: 'primary-via-dns',
    description: {
      en: `${SITE_NAME} while the targets are up: the health check of the NLB passes, Route 53 answers the PRIMARY record (the NLB), and nginx behind it authenticates clientA — 200.`,
      ja: `ターゲットが稼働中の ${SITE_NAME}: NLB のヘルスチェックは成功し、Route 53 は PRIMARY レコード (NLB) を返す。背後の nginx が clientA を認証して 200 を返す。`,
    },
    via: viaDns,
    client: { certificate: 'clientA', method: 'GET' },
    expect: {
      status: 200,
      bodyIncludes: 'Hello from',
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
      target: { oneOf: targets, details: { ssl_client_verify: 'SUCCESS' } },
    },
    evidence: documented(FAILOVER, NGINX),
    before: async (context) => {
      await route53(context).waitForAnswer(SITE_NAME, PRIMARY);
    },
  },
  {
    name: 'nlb-with-every-target-down',
    description: {
      en: 'Both nginx targets are stopped. Straight to the NLB: with no healthy target an NLB fails open — it keeps routing to all targets — but every target is really down, so the client just gets a failed connection (here HAProxy closes it; on AWS the connection to the target fails). No sorry page at this level.',
      ja: 'nginx ターゲットを 2 台とも停止する。NLB に直接接続すると、正常なターゲットがない NLB はフェイルオープンし全ターゲットへ振り分け続けるが、ターゲットは本当に停止しているため、クライアントは接続失敗になるだけ (ここでは HAProxy が切断し、AWS ではターゲットへの接続が失敗する)。この段階ではソーリーページは出ない。',
    },
    via: { loadBalancer: 'Nlb', port: 443 },
    client: { certificate: 'clientA', method: 'GET' },
    expect: { status: null, target: null },
    evidence: documented(FAIL_OPEN),
    before: async (context) => {
      // Marked before stopping, so every check that fails comes after it on the timeline.
      route53(context).mark(
        'targets-down',
        `stopping ${targets.join(' and ')} (nginx): their ports will refuse connections — the NLB has no target that can take one`,
      );
      const started = performance.now();
      await context.stopTargets();
      context.step('stopped', `${targets.join(' and ')} stopped`, Math.round(performance.now() - started));
    },
  },
  {
    name: 'sorry-page-via-dns',
    description: {
      en: `${SITE_NAME} after the health check has failed FailureThreshold (3) times in a row: the sandbox's Route 53 marks it unhealthy and answers the SECONDARY record — CloudFront serving the sorry page from S3. Nobody asks for a client certificate there.`,
      ja: `ヘルスチェックが FailureThreshold (3) 回連続で失敗した後の ${SITE_NAME}: サンドボックスの Route 53 が異常と判定し SECONDARY レコード (S3 のソーリーページを配信する CloudFront) を返す。そこではクライアント証明書は要求されない。`,
    },
    via: viaDns,
    client: { certificate: 'clientA', method: 'GET' },
    expect: {
      status: 200,
      bodyIncludes: 'ただいまメンテナンス中です',
      responseHeaders: { server: 'AmazonS3' },
      handshake: { clientCertificateRequested: false },
      target: { oneOf: ['cloudfront-sorrysite'], details: { origin: 's3://SorryPageBucket/index.html' } },
    },
    evidence: documented(FAILOVER),
    before: async (context) => {
      await route53(context).waitForAnswer(SITE_NAME, SECONDARY);
    },
  },
  {
    name: 'primary-again-via-dns',
    description: {
      en: `The targets are started again. The NLB (still failing open) reaches them at once, the health check passes three times in a row, Route 53 marks it healthy and answers the PRIMARY record again: nginx, 200.`,
      ja: `ターゲットを再起動する。NLB (まだフェイルオープン中) はすぐにターゲットへ届き、ヘルスチェックが 3 回連続で成功すると Route 53 は正常と判定し、再び PRIMARY レコードを返す: nginx が 200。`,
    },
    via: viaDns,
    client: { certificate: 'clientA', method: 'GET' },
    expect: {
      status: 200,
      bodyIncludes: 'Hello from',
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
      target: { oneOf: targets, details: { ssl_client_verify: 'SUCCESS' } },
    },
    evidence: documented(FAILOVER),
    before: async (context) => {
      route53(context).mark('targets-up', `starting ${targets.join(' and ')} again on the same ports`);
      const started = performance.now();
      await context.startTargets();
      context.step(
        'started',
        `${targets.join(' and ')} accept connections again`,
        Math.round(performance.now() - started),
      );
      await route53(context).waitForAnswer(SITE_NAME, PRIMARY);
    },
  },
];

export default defineScenario({
  id: 'sorry-page-failover',
  title: {
    en: 'Route 53 failover to a sorry page when the NLB’s targets fail (LocalStack holds the records, the sandbox evaluates them)',
    ja: 'NLB のターゲット障害時に Route 53 フェイルオーバーでソーリーページへ (レコードは LocalStack、評価はサンドボックス)',
  },
  summary: {
    en: "Seed 003's design study found that its Route 53 failover to a sorry page (S3 + CloudFront) could stay after a move to an NLB, pointed at the NLB (the move had not yet been made). The nginx targets are stopped: the NLB fails open but reaches nothing, the TCP health check fails three times, the name switches to the sorry page; the targets come back and it switches back. A timeline shows each step on the sandbox's clock and on AWS's.",
    ja: '元記事 003 の検討では、NLB に移ってもソーリーページ (S3 + CloudFront) への Route 53 フェイルオーバーは、正常時の転送先を NLB に変えるだけでそのまま使える (移行はまだ実施していなかった)。nginx ターゲットを止めると、NLB はフェイルオープンするがどこにも届かず、TCP ヘルスチェックが 3 回失敗し、名前がソーリーページに切り替わる。ターゲットが戻ると元に戻る。各段階をサンドボックスの時計と AWS の時計で示すタイムラインが付く。',
  },
  story: ALB_TO_NLB_TRADEOFFS,
  seeds: ['003'],
  tags: [
    'nlb',
    'route53',
    'failover',
    'health-check',
    'sorry-page',
    'cloudfront',
    's3',
    'localstack',
    'fail-open',
    'timeline',
  ],
  stackModule: new URL('./stack.ts', import.meta.url),
  needs: { localstack: true },
  targets: {
    WebTargets: [
      { kind: 'nginx', name: 'web-1', profile: 'client-auth' },
      { kind: 'nginx', name: 'web-2', profile: 'client-auth' },
    ],
  },
  bucketFiles: { SorryPageBucket: { 'index.html': new URL('./sorry-page.html', import.meta.url) } },
  // Route 53's shortest RequestInterval is 10 s: at ×20 the sandbox checks every 0.5 s, so failing over (3 failed
  // checks) takes about 1.5 s instead of 30 s, and failing back as long again. MTLS_SANDBOX_TIME_SCALE=1: real time.
  timeScale: 20,
  probes,
  explain: {
    en: `What to notice:
- Who does what. LocalStack holds the stack: the failover record set (PRIMARY → the NLB with a health check, SECONDARY → the CloudFront distribution), the Route 53 health check (TCP 443, RequestInterval 10 s, FailureThreshold 3) and the S3 bucket with the sorry page — the run reads them back from its APIs. LocalStack's free Route 53 does not check endpoints (GetHealthCheckStatus gives a fixed "Success") and answers no DNS queries, and CloudFront and ELB are not in it at all. So the sandbox runs the health check itself against the realized NLB (HAProxy), with the interval and threshold LocalStack holds, decides the status, and resolves ${SITE_NAME} for each probe (curl --resolve shows the answer); a small HTTPS server stands in for CloudFront and serves the page from LocalStack's S3.
- Time is compressed ×20 for Route 53 only (MTLS_SANDBOX_TIME_SCALE=1 for real time): the 10 s interval is checked every 0.5 s. Each timeline line shows the sandbox clock and the AWS clock; on AWS, three failed checks take about 30 s, plus DNS caching (TTL) that this sandbox does not have.
- The timeline: targets stopped → three failed TCP checks (HAProxy closes the connection at once: no target can take it) → Healthy → Unhealthy → ${SITE_NAME} answers SECONDARY → the sorry page, 200 from the CloudFront stand-in, no client certificate asked → targets started → three passing checks → Healthy → PRIMARY again → nginx, 200.
- The NLB on its own fails open: with no healthy target it routes to all of them. That keeps traffic flowing when health checks are wrong, but when every target is really down the client only gets a failed connection — the NLB has no sorry page. The failover has to happen in DNS, before the NLB. (Fail open is also why traffic returns as soon as nginx is back, before the NLB's own checks call the targets healthy.)
- Why a TCP health check: nginx demands a client certificate, which Route 53's checkers do not have. An HTTPS check would get nginx's 400 and fail even while the site works; Route 53 needs a 2xx or 3xx. TCP only asks whether a connection can be made.
- Route 53 uses many checkers and calls an endpoint healthy when more than 18% of them say so; the sandbox has one. A record without a health check (the sorry page) is always healthy.`,
    ja: `注目点:
- 役割分担。LocalStack はスタックを保持する: フェイルオーバーのレコードセット (PRIMARY → ヘルスチェック付きの NLB、SECONDARY → CloudFront ディストリビューション)、Route 53 ヘルスチェック (TCP 443、RequestInterval 10 秒、FailureThreshold 3)、ソーリーページを置いた S3 バケット。実行時にはそれぞれの API から読み戻して表示する。LocalStack 無償版の Route 53 はエンドポイントを検査せず (GetHealthCheckStatus は固定の「Success」を返す)、DNS の問い合わせにも答えない。CloudFront と ELB はそもそも含まれない。そこでサンドボックスが、LocalStack が保持する間隔としきい値で、再現した NLB (HAProxy) に対して自らヘルスチェックを行い、状態を判定し、プローブごとに ${SITE_NAME} を解決する (curl --resolve に答えが出る)。CloudFront の代わりに小さな HTTPS サーバーが LocalStack の S3 からページを配信する。
- 時間は Route 53 に限り 20 倍に圧縮している (MTLS_SANDBOX_TIME_SCALE=1 で実時間): 10 秒間隔のチェックを 0.5 秒ごとに行う。タイムラインの各行にはサンドボックスの時計と AWS の時計を併記している。AWS では 3 回の失敗に約 30 秒かかり、さらに DNS キャッシュ (TTL) が加わる (このサンドボックスにはない)。
- タイムライン: ターゲット停止 → TCP チェック 3 回失敗 (HAProxy が即座に切断: 受けられるターゲットがない) → Healthy → Unhealthy → ${SITE_NAME} が SECONDARY を返す → ソーリーページ (CloudFront 代替から 200、クライアント証明書は要求されない) → ターゲット起動 → チェック 3 回成功 → Healthy → 再び PRIMARY → nginx が 200。
- NLB 単体はフェイルオープンする: 正常なターゲットがなければ全ターゲットへ振り分ける。ヘルスチェックの誤判定時にも通信を止めないためだが、全ターゲットが本当に停止していればクライアントは接続失敗になるだけで、NLB にソーリーページはない。切り替えは NLB の手前、DNS で行う必要がある (nginx が戻ると、NLB 自身のチェックが正常と判定する前から通信が戻るのもフェイルオープンのため)。
- TCP ヘルスチェックにした理由: nginx はクライアント証明書を要求するが、Route 53 のヘルスチェッカーは証明書を持たない。HTTPS チェックでは nginx の 400 を受け、サイトが動いていても失敗する (Route 53 は 2xx か 3xx を必要とする)。TCP は接続できるかだけを見る。
- Route 53 は多数のヘルスチェッカーを使い、18% を超えるチェッカーが正常と報告すれば正常とみなす。サンドボックスのチェッカーは 1 つである。ヘルスチェックのないレコード (ソーリーページ) は常に正常とみなされる。`,
  },
});
