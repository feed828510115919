import { assumed, cite, documented, observed } from '../../sandbox/evidence.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';
import { challenges } from './challenges.js';

const SEED_004 = cite('seed-004');
const RULES = cite('aws-alb-listener-rules', 'http-header conditions');
const CONDITIONS = cite('aws-alb-rule-conditions');
const MTLS = cite('aws-alb-mtls', 'HTTP headers (verify mode)');

export default defineScenario({
  id: 'alb-rule-on-mtls-header',
  title: {
    en: 'A listener rule on X-Amzn-Mtls-Clientcert-Subject never matches — unless the client sends the header itself',
    ja: 'X-Amzn-Mtls-Clientcert-Subject のリスナールールは一致しない — クライアント自身がヘッダーを送らない限り',
  },
  summary: {
    en: "Seed 004's finding: rules are evaluated on the request as the client sent it, before the ALB adds the mTLS headers, so a rule on the verified subject never matches and the default action answers. Worse, a rule matches a header the client writes itself (AWS documents it for any header; for the mTLS header it is the sandbox's assumption).",
    ja: '元記事 004 の発見: ルールはクライアントが送ったままのリクエストで評価され、ALB が mTLS ヘッダーを付けるのはその後である。検証済みサブジェクトのルールは一致せず、デフォルトアクションが応答する。さらに、ルールはクライアントが自分で書いたヘッダーにも一致する (ヘッダー一般については AWS のドキュメントに記載があり、mTLS ヘッダーについてはサンドボックスの仮定)。',
  },
  story: ALB_MTLS,
  seeds: ['004'],
  tags: ['alb', 'mtls', 'verify', 'listener-rules', 'spoofing'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { EchoTargets: [{ kind: 'echo', name: 'echo-1' }] },
  objects: { 'privateCA-bundle.pem': 'privateCA' },
  probes: [
    {
      name: 'clientA-gets-default-action',
      description: {
        en: 'clientA, verified by the ALB, asks for /: the rule for *CN=clientA* does not match; the answer is "Default Action" from the ALB (server: awselb/2.0), as in seed 004.',
        ja: 'ALB に検証された clientA が / を要求する: *CN=clientA* のルールは一致せず、ALB の「Default Action」(server: awselb/2.0) が返る。元記事 004 と同じ結果である。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        bodyIncludes: 'Default Action',
        bodyExcludes: 'Success!!',
        responseHeaders: { server: 'awselb/2.0' },
        target: null,
      },
      evidence: observed(SEED_004, RULES),
    },
    {
      name: 'header-did-arrive-at-target',
      description: {
        en: "clientA asks for /echo (forwarded to the echo target, like seed 004's Lambda): the target did receive X-Amzn-Mtls-Clientcert-Subject = clientA's subject. The header exists — just not when rules run.",
        ja: 'clientA が /echo を要求する (元記事 004 の Lambda と同じく、エコーターゲットへ転送): ターゲットは X-Amzn-Mtls-Clientcert-Subject = clientA のサブジェクトを受け取っている。ヘッダーはある — ルールを評価する時点にないだけである。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA', method: 'GET', path: '/echo' },
      expect: {
        status: 200,
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientA.subject}' } },
      },
      evidence: observed(SEED_004, MTLS),
    },
    {
      name: 'clientB-spoofs-the-header',
      description: {
        en: 'clientB holds a valid certificate and adds "X-Amzn-Mtls-Clientcert-Subject: CN=clientA" itself: the rule matches the header as sent and answers "Success!!". The rule is not just useless — it is spoofable.',
        ja: '有効な証明書を持つ clientB が「X-Amzn-Mtls-Clientcert-Subject: CN=clientA」を自分で付ける: ルールは送られたままのヘッダーに一致し、「Success!!」を返す。このルールは役に立たないだけでなく、なりすましに使える。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientB', method: 'GET', headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA' } },
      expect: { status: 200, bodyIncludes: 'Success!!', responseHeaders: { server: 'awselb/2.0' }, target: null },
      evidence: assumed(
        {
          en: 'AWS documents that rules match the request as received, but not whether a client-sent X-Amzn-Mtls-* header is removed before rules run; the sandbox lets the rule see it. If AWS removes it, this client gets "Default Action" instead. Port 8443 shows the documented case without this question.',
          ja: 'ルールが受け取ったままのリクエストで一致することは AWS のドキュメントに記載されているが、クライアントが送った X-Amzn-Mtls-* ヘッダーがルール評価の前に取り除かれるかどうかは記載がない。サンドボックスではルールから見える。AWS が取り除くなら、このクライアントには「Default Action」が返る。この疑問のない、ドキュメントどおりのケースはポート 8443 で示す。',
        },
        RULES,
        MTLS,
      ),
    },
    {
      name: 'clientA-on-plain-header-listener',
      description: {
        en: 'Port 8443 has the same rule on X-Client-Cert-Subject, a header the ALB never adds. clientA, verified, sends nothing extra: the rule does not match, "Default Action" — the ALB tells rules nothing about the certificate.',
        ja: 'ポート 8443 には、ALB が決して付けないヘッダー X-Client-Cert-Subject に対する同じルールがある。検証済みの clientA が何も足さずに送る: ルールは一致せず「Default Action」が返る — ALB は証明書のことをルールに何も伝えない。',
      },
      via: { loadBalancer: 'Alb', port: 8443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: { status: 200, bodyIncludes: 'Default Action', bodyExcludes: 'Success!!', target: null },
      evidence: documented(CONDITIONS, RULES),
    },
    {
      name: 'clientB-spoofs-a-plain-header',
      description: {
        en: 'clientB, verified as clientB, adds "X-Client-Cert-Subject: CN=clientA": the rule matches the header as sent and answers "Success!!". Documented: a rule matches the headers of the request as the client sent them — so a header condition can never stand for the certificate.',
        ja: 'clientB として検証された clientB が「X-Client-Cert-Subject: CN=clientA」を付ける: ルールは送られたままのヘッダーに一致し、「Success!!」を返す。AWS のドキュメントに記載のとおり、ルールはクライアントが送ったとおりのリクエストのヘッダーに一致する — だからヘッダー条件が証明書の代わりになることはない。',
      },
      via: { loadBalancer: 'Alb', port: 8443 },
      client: { certificate: 'clientB', method: 'GET', headers: { 'X-Client-Cert-Subject': 'CN=clientA' } },
      expect: { status: 200, bodyIncludes: 'Success!!', responseHeaders: { server: 'awselb/2.0' }, target: null },
      evidence: documented(CONDITIONS, RULES),
    },
    {
      name: 'target-sees-only-the-verified-subject',
      description: {
        en: "clientB forges a subject that the rule does not catch and asks for /echo: the target receives exactly one X-Amzn-Mtls-Clientcert-Subject, the ALB's verified value for clientB — the client's copy does not get through.",
        ja: 'clientB がルールに掛からない偽のサブジェクトを付けて /echo を要求する: ターゲットが受け取る X-Amzn-Mtls-Clientcert-Subject は 1 つだけで、ALB が検証した clientB の値である。クライアントの値は届かない。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: {
        certificate: 'clientB',
        method: 'GET',
        path: '/echo',
        headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=mallory,O=forged' },
      },
      expect: {
        status: 200,
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientB.subject}' } },
      },
      evidence: assumed(
        {
          en: "AWS documents the headers the ALB adds in verify mode, not what happens to a copy the client sent; the sandbox drops the client's copy, so the target sees exactly one value, the ALB's.",
          ja: '検証モードで ALB が付けるヘッダーは AWS のドキュメントに記載されているが、クライアントが送った同名ヘッダーの扱いは記載がない。サンドボックスはクライアントの値を取り除くので、ターゲットに届くのは ALB の値 1 つだけである。',
        },
        MTLS,
        SEED_004,
      ),
    },
  ],
  challenges,
  explain: {
    en: `What to notice:
- The order inside the ALB is: TLS handshake (certificate verified) → listener rules on the request as received → forward, adding X-Amzn-Mtls-Clientcert-* on the way out. So a rule on X-Amzn-Mtls-Clientcert-Subject sees only what the client wrote.
- clientA, properly verified, gets "Default Action" — seed 004's exact result — while the target behind /echo shows the header did arrive.
- What AWS documents: rules match headers of the request as the client sent it, and the ALB adds the mTLS headers for the target. What it does not document: whether a client's own X-Amzn-Mtls-* header is removed before the rules run. The sandbox lets the rule see it (port 443, clientB gets "Success!!": an assumption); if AWS removes it, clientB gets "Default Action" there.
- Port 8443 needs no assumption: its rule is on X-Client-Cert-Subject, a name the ALB never adds. clientA gets "Default Action", and clientB matches by typing the header. Either way: never authorise on a listener rule over client-certificate headers.
- The target still sees only the ALB's verified value. Ways out (seed 004): route on the header behind the ALB (nginx), or one CA and trust store per client class — see alb-cn-routing-workarounds.`,
    ja: `注目点:
- ALB 内の順序は「TLS ハンドシェイク (証明書の検証) → 受け取ったままのリクエストでリスナールールを評価 → 転送時に X-Amzn-Mtls-Clientcert-* を付加」である。X-Amzn-Mtls-Clientcert-Subject のルールが見るのは、クライアントが書いたものだけである。
- 正しく検証された clientA には「Default Action」が返る (元記事 004 と同じ結果)。一方、/echo の先のターゲットを見ると、ヘッダーは届いている。
- AWS のドキュメントに記載があること: ルールはクライアントが送ったとおりのリクエストのヘッダーに一致し、mTLS ヘッダーは ALB がターゲット向けに付ける。記載がないこと: クライアント自身が送った X-Amzn-Mtls-* ヘッダーがルール評価の前に取り除かれるかどうか。サンドボックスはルールから見えるようにしている (ポート 443 で clientB に「Success!!」: 仮定)。AWS が取り除くなら、そこで clientB には「Default Action」が返る。
- ポート 8443 には仮定が要らない: ルールは ALB が決して付けない名前 X-Client-Cert-Subject にある。clientA には「Default Action」、clientB はヘッダーを書けば一致する。どちらにせよ、クライアント証明書のヘッダーに対するリスナールールで認可してはいけない。
- ターゲットが見るのは ALB が検証した値だけである。回避策 (元記事 004): ALB の背後でヘッダーに基づいて振り分ける (nginx)、またはクライアントの種類ごとに CA とトラストストアを分ける — alb-cn-routing-workarounds を参照。`,
  },
});
