import { cite, documented, type EvidenceSpec } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import { ALB_TO_NLB_TRADEOFFS } from '../common/stories.js';

/** A client with an address of its own, so that it differs from the load balancers' (127.0.0.1 here). */
const CLIENT = '127.0.0.23';
/** What every load balancer's own address is on loopback: HAProxy and the ALB emulator connect from 127.0.0.1. */
const LOAD_BALANCER = '127.0.0.1';

const ALB_DOC = documented(cite('aws-alb-http-headers', 'X-Forwarded-For (append mode, the default)'));
const PRESERVE_DOC = documented(cite('aws-nlb-target-groups', 'Client IP preservation (preserve_client_ip.enabled)'));
const PPV2_DOC = documented(cite('aws-nlb-target-groups', 'Proxy protocol (proxy_protocol_v2.enabled)'));
const PPV1_DOC = documented(cite('aws-clb-proxy-protocol', 'Proxy protocol version 1 on the instance port'));
const NLB_RULES_DOC = documented(
  cite('aws-nlb-listener-rules', 'dual-stack Network Load Balancer'),
  cite('aws-elbv2-rule-condition', 'IpAddressType'),
);
/** An IPv6 client: it reaches the dual-stack NLB on its IPv6 address (::1 here). */
const IPV6_CLIENT = '::1';

/** clientA through a TCP passthrough listener: nginx does the TLS and the client auth, and logs who it saw. */
function nginxProbe(
  name: string,
  description: ProbeSpec['description'],
  port: number,
  loadBalancer: string,
  target: string,
  seen: { remote_addr: string; proxy_protocol_addr: string },
  evidence: EvidenceSpec,
): ProbeSpec {
  return {
    name,
    description,
    via: { loadBalancer, port },
    client: { certificate: 'clientA', method: 'GET', sourceAddress: CLIENT },
    expect: {
      status: 200,
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
      target: {
        oneOf: [target],
        details: { ...seen, ssl_client_verify: 'SUCCESS' },
        headers: { 'x-forwarded-for': null },
      },
    },
    evidence,
  };
}

export default defineScenario({
  id: 'client-ip-visibility',
  title: {
    en: "Who the target sees: the ALB's address and X-Forwarded-For, or the client itself behind an NLB",
    ja: 'ターゲットから見えるもの: ALB のアドレスと X-Forwarded-For か、NLB 越しのクライアント自身か',
  },
  summary: {
    en: `Seed 003's trade-off: behind the ALB the target's peer is the ALB and the client is in X-Forwarded-For; behind an NLB that preserves client IPs the target sees the client's own address (${CLIENT} here); with Proxy Protocol (NLB v2, CLB v1) it sees the load balancer and reads the client from the header.`,
    ja: `元記事 003 が挙げたトレードオフ: ALB の背後ではターゲットの接続相手は ALB で、クライアントは X-Forwarded-For に現れる。クライアント IP を保持する NLB の背後ではターゲットはクライアント自身のアドレス (ここでは ${CLIENT}) を見る。Proxy Protocol (NLB は v2、CLB は v1) ではロードバランサーのアドレスが見え、クライアントはヘッダーから読む。`,
  },
  story: ALB_TO_NLB_TRADEOFFS,
  seeds: ['003'],
  tags: ['alb', 'nlb', 'clb', 'client-ip', 'x-forwarded-for', 'proxy-protocol', 'client-ip-preservation'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    AppTargets: [{ kind: 'echo', name: 'app-1' }],
    PreservedTargets: [{ kind: 'nginx', name: 'web-preserved', profile: 'client-auth' }],
    IpTargets: [{ kind: 'nginx', name: 'web-ip-target', profile: 'client-auth' }],
    ProxyV2Targets: [{ kind: 'nginx', name: 'web-proxy-v2', profile: 'client-auth' }],
    Clb: [{ kind: 'nginx', name: 'web-clb-proxy-v1', profile: 'client-auth' }],
    Ipv4Targets: [{ kind: 'nginx', name: 'web-ipv4', profile: 'client-auth' }],
    Ipv6Targets: [{ kind: 'nginx', name: 'web-ipv6', profile: 'client-auth' }],
  },
  probes: [
    {
      name: 'alb-x-forwarded-for',
      description: {
        en: `From ${CLIENT} through the ALB: the target's peer is the ALB (${LOAD_BALANCER}); the client's address arrives only in X-Forwarded-For.`,
        ja: `${CLIENT} から ALB 経由: ターゲットの接続相手は ALB (${LOAD_BALANCER})。クライアントのアドレスは X-Forwarded-For にだけ届く。`,
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: null, method: 'GET', sourceAddress: CLIENT },
      expect: {
        status: 200,
        target: { oneOf: ['app-1'], details: { remote_addr: LOAD_BALANCER }, headers: { 'x-forwarded-for': CLIENT } },
      },
      evidence: ALB_DOC,
    },
    {
      name: 'alb-x-forwarded-for-appended',
      description: {
        en: `The same client sends its own X-Forwarded-For: 203.0.113.7. In append mode the ALB adds the address it saw at the end — only the right-most entry is the ALB's word; anything left of it is what the client claimed.`,
        ja: `同じクライアントが自分で X-Forwarded-For: 203.0.113.7 を送る。append モードの ALB は自分が見たアドレスを末尾に追加する。ALB が保証するのは最も右の値だけで、それより左はクライアントの自己申告である。`,
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: {
        certificate: null,
        method: 'GET',
        sourceAddress: CLIENT,
        headers: { 'X-Forwarded-For': '203.0.113.7' },
      },
      expect: {
        status: 200,
        target: {
          oneOf: ['app-1'],
          details: { remote_addr: LOAD_BALANCER },
          headers: { 'x-forwarded-for': `203.0.113.7, ${CLIENT}` },
        },
      },
      evidence: ALB_DOC,
    },
    nginxProbe(
      'nlb-client-ip-preserved',
      {
        en: `From ${CLIENT} through the NLB to a target group with client IP preservation: nginx's peer is ${CLIENT} itself — no header to parse, no X-Forwarded-For (the NLB never sees HTTP).`,
        ja: `${CLIENT} から、クライアント IP 保持が有効なターゲットグループへ NLB 経由: nginx の接続相手は ${CLIENT} そのもの。解析するヘッダーも X-Forwarded-For もない (NLB は HTTP を見ない)。`,
      },
      443,
      'Nlb',
      'web-preserved',
      { remote_addr: CLIENT, proxy_protocol_addr: '' },
      PRESERVE_DOC,
    ),
    nginxProbe(
      'nlb-ip-targets-default',
      {
        en: `The same NLB, a target group of IP targets without the attribute: preservation is off by default for IP targets of a TCP group, so nginx sees the NLB's address (${LOAD_BALANCER}) and the client's is lost.`,
        ja: `同じ NLB で、属性を指定しない IP ターゲットのターゲットグループ: TCP の IP ターゲットではクライアント IP 保持は既定で無効のため、nginx には NLB のアドレス (${LOAD_BALANCER}) が見え、クライアントのアドレスは失われる。`,
      },
      8443,
      'Nlb',
      'web-ip-target',
      { remote_addr: LOAD_BALANCER, proxy_protocol_addr: '' },
      PRESERVE_DOC,
    ),
    nginxProbe(
      'nlb-proxy-protocol-v2',
      {
        en: `The same NLB, a target group with Proxy Protocol v2: nginx's peer is the NLB (${LOAD_BALANCER}); the binary header before the TLS bytes names ${CLIENT}, and nginx (listen … proxy_protocol) logs it as $proxy_protocol_addr.`,
        ja: `同じ NLB で、Proxy Protocol v2 を有効にしたターゲットグループ: nginx の接続相手は NLB (${LOAD_BALANCER})。TLS のバイト列の前に付くバイナリヘッダーが ${CLIENT} を伝え、nginx (listen … proxy_protocol) はそれを $proxy_protocol_addr に記録する。`,
      },
      9443,
      'Nlb',
      'web-proxy-v2',
      { remote_addr: LOAD_BALANCER, proxy_protocol_addr: CLIENT },
      PPV2_DOC,
    ),
    nginxProbe(
      'clb-proxy-protocol-v1',
      {
        en: `From ${CLIENT} through the CLB's TCP listener with Proxy Protocol on the instance port: the peer is the CLB (${LOAD_BALANCER}); the human-readable v1 line "PROXY TCP4 ${CLIENT} …" carries the client.`,
        ja: `${CLIENT} から、インスタンスポートで Proxy Protocol を有効にした CLB の TCP リスナー経由: 接続相手は CLB (${LOAD_BALANCER})。人が読める v1 の行「PROXY TCP4 ${CLIENT} …」がクライアントを伝える。`,
      },
      443,
      'Clb',
      'web-clb-proxy-v1',
      { remote_addr: LOAD_BALANCER, proxy_protocol_addr: CLIENT },
      PPV1_DOC,
    ),
    nginxProbe(
      'nlb-rule-ipv4-client',
      {
        en: `A dual-stack NLB with one listener rule (July 2026): source-ip with IpAddressType ipv6 forwards to the IPv6 group. ${CLIENT} comes over IPv4, matches no rule and gets the default action's target group.`,
        ja: `リスナールールを 1 つ持つデュアルスタックの NLB (2026 年 7 月): IpAddressType ipv6 の source-ip は IPv6 用のグループへ転送する。${CLIENT} は IPv4 で来るのでどのルールにも一致せず、デフォルトアクションのターゲットグループへ行く。`,
      },
      443,
      'NlbDualStack',
      'web-ipv4',
      { remote_addr: LOAD_BALANCER, proxy_protocol_addr: '' },
      NLB_RULES_DOC,
    ),
    {
      ...nginxProbe(
        'nlb-rule-ipv6-client',
        {
          en: 'The same listener from ::1, an IPv6 client: the rule matches its address type and the connection goes to the IPv6 group. An NLB routes by address family only; CIDR blocks (Values) are an ALB rule’s.',
          ja: '同じリスナーに ::1、IPv6 のクライアントから: ルールがアドレスタイプに一致し、接続は IPv6 用のグループへ行く。NLB が振り分けに使うのはアドレスファミリーだけで、CIDR (Values) は ALB のルールのもの。',
        },
        443,
        'NlbDualStack',
        'web-ipv6',
        { remote_addr: LOAD_BALANCER, proxy_protocol_addr: '' },
        NLB_RULES_DOC,
      ),
      client: { certificate: 'clientA', method: 'GET', sourceAddress: IPV6_CLIENT },
    },
  ],
  explain: {
    en: `What to notice (the client is ${CLIENT}; every load balancer here connects from ${LOAD_BALANCER}):
- ALB: remote_addr is the ALB; the client is only in X-Forwarded-For — seed 003's team logged X-Forwarded-For for exactly this reason. A client can send its own X-Forwarded-For; the ALB appends, so trust only the right-most entries added by systems you control.
- NLB with client IP preservation: nginx's peer is ${CLIENT} itself, so the access log is right without any header (seed 003: "X-Forwarded-For is no longer needed"). It is the default for instance targets; the sandbox realizes it with HAProxy \`source 0.0.0.0 usesrc clientip\` — on Linux every 127/8 address is local, so no root and no TPROXY routing are needed.
- NLB with IP targets (e.g. ECS tasks in awsvpc mode) and no attribute: preservation is off, nginx sees only the NLB. Turn preservation on, or use Proxy Protocol v2.
- Proxy Protocol (NLB v2, CLB v1): the peer stays the load balancer; the client arrives in a header written before the TLS ClientHello. The target must expect it (nginx \`listen … ssl proxy_protocol\`), or the TLS handshake breaks; \`$proxy_protocol_addr\` holds the client. To make \`$remote_addr\` the client, add \`set_real_ip_from\` and \`real_ip_header proxy_protocol\`.
- Nothing here is an HTTP header the NLB or CLB could add: with TCP listeners they never see HTTP (the TLS ends at nginx, which keeps the client certificate check there).
- On macOS only 127.0.0.1 exists on loopback and HAProxy has no transparent-proxy support, so these probes are skipped there with the reason (add ${CLIENT} with \`sudo ifconfig lo0 alias ${CLIENT} up\` to run the ALB and Proxy Protocol ones).`,
    ja: `注目点 (クライアントは ${CLIENT}。ここではどのロードバランサーも ${LOAD_BALANCER} から接続する):
- ALB: remote_addr は ALB で、クライアントは X-Forwarded-For にしか現れない。元記事 003 のシステムが X-Forwarded-For をログに出していたのはこのためである。クライアントは自分で X-Forwarded-For を送れる。ALB は末尾に追加するので、信頼できるのは自分が管理するシステムが追加した右側の値だけである。
- クライアント IP 保持が有効な NLB: nginx の接続相手は ${CLIENT} 自身で、ヘッダーなしでアクセスログが正しくなる (元記事 003:「X-Forwarded-Forヘッダを見る必要がなくなりました」)。インスタンスターゲットでは既定で有効である。サンドボックスは HAProxy の \`source 0.0.0.0 usesrc clientip\` で再現している。Linux では 127/8 のアドレスはすべてローカルなので、root も TPROXY のルーティングも要らない。
- IP ターゲット (awsvpc モードの ECS タスクなど) で属性を指定しない NLB: 保持は無効で、nginx には NLB しか見えない。保持を有効にするか、Proxy Protocol v2 を使う。
- Proxy Protocol (NLB は v2、CLB は v1): 接続相手はロードバランサーのまま。クライアントは TLS の ClientHello より前に書かれるヘッダーで届く。ターゲットはそれを受け付ける設定 (nginx の \`listen … ssl proxy_protocol\`) が必要で、ないと TLS ハンドシェイクが壊れる。クライアントは \`$proxy_protocol_addr\` に入る。\`$remote_addr\` をクライアントにするには \`set_real_ip_from\` と \`real_ip_header proxy_protocol\` を加える。
- NLB や CLB が付けられる HTTP ヘッダーはここにはない。TCP リスナーでは HTTP を見ない (TLS は nginx で終端し、クライアント証明書の検証も nginx に残る)。
- macOS のループバックには 127.0.0.1 しかなく、HAProxy に透過プロキシ機能もないため、これらのプローブは理由を示してスキップされる (\`sudo ifconfig lo0 alias ${CLIENT} up\` で ${CLIENT} を追加すれば ALB と Proxy Protocol のプローブは実行できる)。`,
  },
});
