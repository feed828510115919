import { assumed, cite, documented } from '../../sandbox/evidence.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';

// The ways out are seed 004's advice; that they work rests on what AWS documents of verify mode.
const SEED_004 = cite('seed-004', 'Ways out: nginx behind the ALB, or one private CA per client class');
const HEADERS = cite('aws-alb-mtls', 'HTTP headers (verify mode)');
const VERIFY = cite('aws-alb-mtls', 'Mutual TLS verify: certificate validation against the trust store');
const CLIENT_COPY = {
  en: "AWS does not document what happens to an X-Amzn-Mtls-* header the client sends itself; the sandbox drops the client's copy, so nginx routes on the ALB's verified value only.",
  ja: 'クライアント自身が送った X-Amzn-Mtls-* ヘッダーの扱いは AWS のドキュメントに記載がない。サンドボックスはクライアントの値を取り除くので、nginx は ALB が検証した値だけで振り分ける。',
};

export default defineScenario({
  id: 'alb-cn-routing-workarounds',
  title: {
    en: 'Routing by client certificate behind an ALB: nginx on the verified header, or one trust store per client class',
    ja: 'ALB の背後でクライアント証明書ごとに振り分ける: 検証済みヘッダーで nginx が振り分けるか、クライアントの種類ごとにトラストストアを分ける',
  },
  summary: {
    en: "Seed 004's two workarounds. (1) The ALB verifies and forwards to nginx, which routes on X-Amzn-Mtls-Clientcert-Subject: clientA → app A, clientB → app B, anyone else → 403. (2) One private CA per kind of client, here two listeners, each with a trust store holding one CA: the CA a client holds decides where it can go.",
    ja: '元記事 004 が挙げた 2 つの回避策。(1) ALB が検証して nginx へ転送し、nginx が X-Amzn-Mtls-Clientcert-Subject で振り分ける: clientA → アプリ A、clientB → アプリ B、その他 → 403。(2) クライアントの種類ごとにプライベート CA を分ける。ここでは、それぞれ 1 つの CA を持つトラストストアを設定した 2 つのリスナーで示す: クライアントが持つ CA で行き先が決まる。',
  },
  story: ALB_MTLS,
  seeds: ['004'],
  tags: ['alb', 'mtls', 'verify', 'nginx', 'routing', 'trust-store'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    RouterTargets: [
      {
        kind: 'nginx',
        name: 'router',
        profile: 'header-router',
        routes: [
          { subjectPattern: '^CN=clientA,', app: 'app-a' },
          { subjectPattern: '^CN=clientB,', app: 'app-b' },
        ],
      },
    ],
    PartnerAppTargets: [{ kind: 'echo', name: 'partner-app' }],
  },
  objects: { 'privateCA-bundle.pem': 'privateCA', 'partnerCA-bundle.pem': 'untrustedCA' },
  probes: [
    {
      name: 'clientA-routed-to-app-a',
      description: {
        en: 'clientA through the ALB: nginx reads the verified subject and routes to app A.',
        ja: 'ALB 経由の clientA: nginx が検証済みサブジェクトを読みアプリ A へ振り分ける。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        bodyIncludes: 'routed to app-a',
        target: { oneOf: ['router'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientA.subject}' } },
      },
      evidence: documented(HEADERS, SEED_004),
    },
    {
      name: 'clientB-routed-to-app-b',
      description: {
        en: 'clientB: routed to app B by the same nginx.',
        ja: 'clientB: 同じ nginx がアプリ B へ振り分ける。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientB', method: 'GET' },
      expect: { status: 200, bodyIncludes: 'routed to app-b', target: { oneOf: ['router'] } },
      evidence: documented(HEADERS, SEED_004),
    },
    {
      name: 'spoofed-subject-does-not-route',
      description: {
        en: 'clientB sends "X-Amzn-Mtls-Clientcert-Subject: CN=clientA," itself: nginx behind the ALB sees only the verified value and still routes to app B.',
        ja: 'clientB が「X-Amzn-Mtls-Clientcert-Subject: CN=clientA,」を自分で送る: ALB の背後の nginx は検証済みの値だけを見て、やはりアプリ B へ振り分ける。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: {
        certificate: 'clientB',
        method: 'GET',
        headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA,OU=x' },
      },
      expect: { status: 200, bodyIncludes: 'routed to app-b', bodyExcludes: 'app-a' },
      evidence: assumed(CLIENT_COPY, HEADERS, SEED_004),
    },
    {
      name: 'class-b-client-on-class-b-listener',
      description: {
        en: 'A client of the second CA (class B) on the listener whose trust store holds only that CA: accepted, forwarded to the partner app.',
        ja: '2 つ目の CA (種類 B) のクライアントが、その CA だけを持つトラストストアのリスナーへ: 受け入れられ、パートナーアプリへ転送される。',
      },
      via: { loadBalancer: 'Alb', port: 8443 },
      client: { certificate: 'untrusted', method: 'GET' },
      expect: {
        status: 200,
        target: { oneOf: ['partner-app'], headers: { 'x-amzn-mtls-clientcert-subject': '{untrusted.subject}' } },
        connectionLog: { tls_verify_status: 'Success' },
      },
      evidence: documented(VERIFY, SEED_004),
    },
    {
      name: 'class-a-client-refused-on-class-b-listener',
      description: {
        en: 'clientA (class A) on the class-B listener: its CA is not in that trust store, so the connection is reset.',
        ja: 'clientA (種類 A) が種類 B のリスナーへ: その CA はトラストストアにないため接続はリセットされる。',
      },
      via: { loadBalancer: 'Alb', port: 8443 },
      client: { certificate: 'clientA', method: 'GET' },
      // Refused, no response (documented); that the refusal is a reset is seen for a missing certificate only.
      expect: { status: null, target: null, connectionLog: { tls_verify_status: 'Failed:ClientCertUntrusted' } },
      evidence: documented(VERIFY, cite('aws-alb-connection-logs')),
    },
    {
      name: 'class-b-client-refused-on-class-a-listener',
      description: {
        en: 'The class-B client on the class-A listener: reset.',
        ja: '種類 B のクライアントが種類 A のリスナーへ: リセット。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'untrusted', method: 'GET' },
      // Refused, no response (documented); that the refusal is a reset is seen for a missing certificate only.
      expect: { status: null, target: null, connectionLog: { tls_verify_status: 'Failed:ClientCertUntrusted' } },
      evidence: documented(VERIFY, cite('aws-alb-connection-logs')),
    },
  ],
  explain: {
    en: `What to notice:
- Workaround 1 puts the decision behind the ALB, where the verified header exists: nginx maps $http_x_amzn_mtls_clientcert_subject to an app. A client's own copy of the header never reaches nginx, so spoofing does not work there.
- Workaround 2 needs no header at all: each listener's trust store holds one CA, so the certificate a client can present decides which listener (and app) it can use. Seed 004 calls this the least to manage when each client class can have its own private CA.
- The second CA here is the sandbox's "untrustedCA": untrusted by the class-A listener, trusted by the class-B one.`,
    ja: `注目点:
- 回避策 1 は判断を ALB の背後、つまり検証済みヘッダーがある場所で行う。nginx が $http_x_amzn_mtls_clientcert_subject をアプリに対応付ける。クライアントが自分で付けたヘッダーは nginx に届かないので、なりすましは通用しない。
- 回避策 2 はヘッダーを使わない。各リスナーのトラストストアが 1 つの CA だけを持つため、クライアントが提示できる証明書で使えるリスナー (とアプリ) が決まる。クライアントの種類ごとにプライベート CA を作れるなら最も管理が少ない構成だ、と元記事 004 は述べている。
- ここでの 2 つ目の CA はサンドボックスの「untrustedCA」である。種類 A のリスナーからは信頼されず、種類 B のリスナーからは信頼される。`,
  },
});
