import { assumed, cite, documented } from '../../sandbox/evidence.js';
import { sourceHashCounts } from '../../sandbox/distribution.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { ALB_TO_NLB_TRADEOFFS } from '../common/stories.js';

const NLB_DOC = cite('aws-nlb-stickiness', 'Sticky sessions: source IP; clients behind one NAT reach one target');
const ALB_DOC = cite('aws-alb-sticky', 'Duration-based cookies (AWSALB)');

/** 16 browsers, each sending 2 requests. */
const CLIENTS = 16;
const REQUESTS_PER_CLIENT = 2;
/** All of them behind one proxy (or NAT device): one source address. */
const BEHIND_ONE_PROXY = Array.from({ length: CLIENTS }, () => '127.0.0.1');
/** Each with an address of its own: 127.0.0.1 … 127.0.0.16 (every 127/8 address is local on Linux). */
const OWN_ADDRESSES = Array.from({ length: CLIENTS }, (_, index) => `127.0.0.${index + 1}`);

// Where source-IP stickiness puts the 16 addresses here: HAProxy's `balance source` (map-based) takes the IPv4
// address modulo the two targets, so 8 even and 8 odd addresses → 8 clients, 16 requests, per target.
const perAddressTarget = sourceHashCounts(OWN_ADDRESSES, 2).map((clients) => clients * REQUESTS_PER_CLIENT);
const requests = CLIENTS * REQUESTS_PER_CLIENT;

export default defineScenario({
  id: 'stickiness-cookie-vs-source-ip',
  title: {
    en: 'Sticky sessions: the ALB pins a browser by cookie, the NLB pins a source address',
    ja: 'スティッキーセッション: ALB は Cookie でブラウザを、NLB は送信元アドレスを固定する',
  },
  summary: {
    en: "Seed 003's trade-off: a move from ALB to NLB replaces cookie stickiness (AWSALB) with source-IP stickiness. 16 clients behind one proxy address all land on one NLB target, but spread across the ALB's targets, each kept on its own by its cookie.",
    ja: '元記事 003 が挙げたトレードオフ: ALB から NLB へ移ると、Cookie (AWSALB) によるスティッキーセッションが送信元 IP によるものに変わる。1 つのプロキシアドレスの背後にいる 16 クライアントは NLB では全員が同じターゲットに届くが、ALB ではターゲットに分散し、それぞれが自分の Cookie で同じターゲットに留まる。',
  },
  story: ALB_TO_NLB_TRADEOFFS,
  seeds: ['003'],
  tags: ['alb', 'nlb', 'stickiness', 'sticky-sessions', 'source-ip', 'cookie', 'distribution'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    AppTargets: [
      { kind: 'echo', name: 'app-1' },
      { kind: 'echo', name: 'app-2' },
    ],
    WebTargets: [
      { kind: 'nginx', name: 'web-1', profile: 'client-auth' },
      { kind: 'nginx', name: 'web-2', profile: 'client-auth' },
    ],
  },
  probes: [
    {
      name: 'nlb-clients-behind-one-proxy',
      description: {
        en: `${CLIENTS} clients behind one proxy address (all from 127.0.0.1), ${REQUESTS_PER_CLIENT} requests each, through the NLB with source-IP stickiness: one address, so every request reaches the same target — the other target gets nothing.`,
        ja: `1 つのプロキシアドレスの背後の ${CLIENTS} クライアント (全員 127.0.0.1 から)、各 ${REQUESTS_PER_CLIENT} リクエストを送信元 IP スティッキーの NLB 経由で送る。アドレスが 1 つなので全リクエストが同じターゲットに届き、もう一方のターゲットには何も届かない。`,
      },
      via: { loadBalancer: 'Nlb', port: 443 },
      client: {
        certificate: 'clientA',
        method: 'GET',
        sources: BEHIND_ONE_PROXY,
        repeat: REQUESTS_PER_CLIENT,
        keepCookies: true,
        clientsAtOnce: true,
      },
      expect: {
        status: 200,
        target: { oneOf: ['web-1', 'web-2'], details: { ssl_client_verify: 'SUCCESS' } },
        distribution: {
          targets: { min: 1, max: 1 },
          perTarget: { '*': { min: requests, max: requests } },
          targetsPerClient: { max: 1 },
        },
      },
      evidence: documented(NLB_DOC),
    },
    {
      name: 'nlb-clients-with-own-addresses',
      description: {
        en: `The same ${CLIENTS} clients, each from its own address (127.0.0.1–127.0.0.${CLIENTS}): every client stays on one target, and the clients spread — ${perAddressTarget.join(' and ')} requests, as the source-address hash puts them.`,
        ja: `同じ ${CLIENTS} クライアントがそれぞれ自分のアドレス (127.0.0.1〜127.0.0.${CLIENTS}) から送る。各クライアントは 1 つのターゲットに留まり、クライアント同士は分散する (送信元アドレスのハッシュどおり ${perAddressTarget.join(' と ')} リクエスト)。`,
      },
      via: { loadBalancer: 'Nlb', port: 443 },
      client: {
        certificate: 'clientA',
        method: 'GET',
        sources: OWN_ADDRESSES,
        repeat: REQUESTS_PER_CLIENT,
        keepCookies: true,
        clientsAtOnce: true,
      },
      expect: {
        status: 200,
        target: { oneOf: ['web-1', 'web-2'], details: { ssl_client_verify: 'SUCCESS' } },
        distribution: {
          targetsPerClient: { max: 1 },
          targets: { min: 2, max: 2 },
          perTarget: { '*': { min: Math.min(...perAddressTarget), max: Math.max(...perAddressTarget) } },
        },
      },
      evidence: assumed(
        {
          en: "AWS documents that one source address reaches one target, not the hash that spreads addresses; the per-target counts are the sandbox's (HAProxy balance source: the IPv4 address mod 2 — 8 even, 8 odd addresses).",
          ja: '1 つの送信元アドレスが 1 台のターゲットに届くことは AWS のドキュメントに記載されているが、アドレスを振り分けるハッシュは記載がない。ターゲットごとの件数はサンドボックスのもの (HAProxy balance source: IPv4 アドレスを 2 で割った余り — 偶数 8、奇数 8)。',
        },
        NLB_DOC,
      ),
    },
    {
      name: 'alb-clients-behind-one-proxy',
      description: {
        en: `The same ${CLIENTS} clients behind one proxy address, through the ALB with cookie stickiness, each keeping its cookies: their first requests are balanced round robin, the answer sets AWSALB, and each client's next request follows its cookie — the clients spread although they share an address.`,
        ja: `同じ ${CLIENTS} クライアントが 1 つのプロキシアドレスの背後から、Cookie スティッキーの ALB 経由で、それぞれ Cookie を保持して送る。最初のリクエストはラウンドロビンで振り分けられ、応答で AWSALB が設定され、次のリクエストは Cookie に従う。アドレスを共有していてもクライアントは分散する。`,
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: {
        certificate: null,
        method: 'GET',
        sources: BEHIND_ONE_PROXY,
        repeat: REQUESTS_PER_CLIENT,
        keepCookies: true,
        clientsAtOnce: true,
      },
      expect: {
        status: 200,
        target: { oneOf: ['app-1', 'app-2'] },
        // Round robin over two healthy targets alternates the 16 cookie-less first requests: 8 clients each; the
        // cookie then keeps each client where it started.
        distribution: {
          targetsPerClient: { max: 1 },
          targets: { min: 2, max: 2 },
          perTarget: { '*': { min: requests / 2, max: requests / 2 } },
        },
      },
      evidence: documented(ALB_DOC),
    },
    {
      name: 'alb-client-dropping-cookies',
      description: {
        en: 'One client that does not keep cookies (8 requests through the ALB): each request arrives without AWSALB, so each is balanced afresh — round robin alternates it between the targets. The cookie, not the address, is what pins a client on an ALB.',
        ja: 'Cookie を保持しないクライアント 1 つ (ALB 経由で 8 リクエスト): どのリクエストにも AWSALB がないため毎回あらためて振り分けられ、ラウンドロビンでターゲットを交互に行き来する。ALB でクライアントを固定するのはアドレスではなく Cookie である。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: null, method: 'GET', sources: ['127.0.0.1'], repeat: 8, keepCookies: false },
      expect: {
        status: 200,
        target: { oneOf: ['app-1', 'app-2'] },
        distribution: { targetsPerClient: { min: 2 }, perTarget: { '*': { min: 4, max: 4 } } },
      },
      evidence: documented(ALB_DOC),
    },
  ],
  explain: {
    en: `What to notice:
- NLB, clients behind one proxy: all ${requests} requests reached one target; the bar of the other is empty. Source-IP stickiness cannot tell the clients apart — AWS warns that everyone behind one NAT device lands on the same target (seed 003's worry about many users behind one proxy).
- NLB, clients with their own addresses: each client still stays on one target, and the clients spread. Which address lands where is the hash's business; here HAProxy takes the address modulo the two targets, so 8 even and 8 odd addresses split 16/16. AWS's hash is not documented: only "same address → same target" is AWS's promise.
- ALB, the same clients behind one proxy: they spread 16/16 and each stays put, because the ALB pins the browser, not the address — the first answer sets AWSALB (see "stickiness cookie" in the output), and the next request carries it.
- A client that drops its cookies is balanced request by request (round robin, the ALB's default algorithm): with an ALB, stickiness needs cookies.
- The NLB sets no cookie at all: it never sees HTTP (TCP passthrough, TLS ends at nginx), which is why it can only go by address.
- On macOS only 127.0.0.1 exists on the loopback interface, so every client shares one address: "nlb-clients-with-own-addresses" is skipped there (add addresses with \`sudo ifconfig lo0 alias 127.0.0.N up\` to run it), and source-IP stickiness puts every local client on one target — exactly the proxy case.`,
    ja: `注目点:
- NLB・1 つのプロキシの背後のクライアント: ${requests} リクエストすべてが 1 つのターゲットに届き、もう一方のバーは空になる。送信元 IP スティッキーではクライアントを区別できない。AWS も、同じ NAT デバイスの背後のクライアントはすべて同じターゲットに届くと注意している (大勢の利用者が 1 つのプロキシの背後にいる場合についての、元記事 003 の懸念)。
- NLB・各自のアドレスを持つクライアント: 各クライアントは 1 つのターゲットに留まり、クライアント同士は分散する。どのアドレスがどこへ行くかはハッシュ次第で、ここでは HAProxy がアドレスを 2 (ターゲット数) で割った余りで選ぶため、偶数 8 個・奇数 8 個のアドレスで 16/16 になる。AWS のハッシュは公開されておらず、AWS が保証するのは「同じアドレス → 同じターゲット」だけである。
- ALB・同じくプロキシの背後のクライアント: 16/16 に分散し、それぞれが同じターゲットに留まる。ALB が固定するのはアドレスではなくブラウザで、最初の応答で AWSALB が設定され (出力の「スティッキー Cookie」)、次のリクエストがそれを送る。
- Cookie を捨てるクライアントはリクエストごとに振り分けられる (ALB の既定アルゴリズムであるラウンドロビン)。ALB のスティッキーセッションには Cookie が必要である。
- NLB は Cookie を一切設定しない。HTTP を見ないため (TCP パススルー、TLS は nginx で終端) アドレスで判断するしかない。
- macOS のループバックには 127.0.0.1 しかないため、すべてのクライアントが 1 つのアドレスを共有する。「nlb-clients-with-own-addresses」はスキップされ (\`sudo ifconfig lo0 alias 127.0.0.N up\` でアドレスを追加すれば実行できる)、送信元 IP スティッキーではローカルのクライアント全員が 1 つのターゲットに届く。まさにプロキシの場合と同じである。`,
  },
});
