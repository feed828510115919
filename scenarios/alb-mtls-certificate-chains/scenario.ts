import { assumed, cite, documented } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';

const MTLS = cite('aws-alb-mtls', 'Mutual TLS verify');
const LOGS = cite('aws-alb-connection-logs', 'Error reason codes (tls_verify_status)');
const QUOTAS = cite('aws-alb-quotas');
const PASSTHROUGH = cite(
  'aws-alb-mtls-passthrough',
  'HTTP header for passthrough mode; Certificate order for passthrough',
);
const RFC_5280 = cite('rfc-5280');
const S2N = cite('s2n-tls', 'tls/s2n_x509_validator.c (chain depth; partial chains in the trust store)');

const ROOT_ONLY = { loadBalancer: 'Alb', port: 443 };
const WITH_INTERMEDIATE = { loadBalancer: 'Alb', port: 8443 };
const PASSTHROUGH_LISTENER = { loadBalancer: 'Alb', port: 9443 };

const refused = (status: string): ProbeSpec['expect'] => ({
  status: null,
  target: null,
  connectionLog: { tls_verify_status: status },
});

const DEPTH_ASSUMPTION = {
  en: 'AWS documents a maximum client certificate chain depth of 4 (quotas) and the code ClientCertMaxChainDepthExceeded, not how the depth is counted. The sandbox counts the certificates the client presents, leaf included, as s2n-tls (the TLS library ALB mutual TLS is built on) reads them: more than 4 is refused.',
  ja: 'クライアント証明書チェーンの最大の深さ 4 (クォータ) とコード ClientCertMaxChainDepthExceeded は AWS のドキュメントに記載されているが、深さの数え方は記載がない。サンドボックスは、ALB の相互 TLS が使う TLS ライブラリ s2n-tls と同じく、クライアントが提示した証明書をリーフも含めて数え、4 を超えると拒否する。',
};

export default defineScenario({
  id: 'alb-mtls-certificate-chains',
  title: {
    en: 'ALB mutual TLS with intermediate CAs: what the client must send, the chain depth of 4, and passthrough as presented',
    ja: '中間 CA を使う ALB の相互 TLS: クライアントが送るべきもの、チェーンの深さ 4、パススルーは提示されたまま',
  },
  summary: {
    en: 'A client certificate signed by an intermediate CA, against a trust store that holds only the root: sent with its intermediate it passes, sent alone it is untrusted. Five certificates exceed the chain depth of 4; four do not. In passthrough mode the target receives the chain exactly as the client presented it.',
    ja: '中間 CA が署名したクライアント証明書を、ルートだけのトラストストアで検証する: 中間証明書と一緒に送れば通り、単独では信頼されない。5 枚の証明書はチェーンの深さ 4 を超え、4 枚なら超えない。パススルーモードでは、クライアントが提示したとおりのチェーンがターゲットに届く。',
  },
  story: ALB_MTLS,
  compareWith: ['alb-mtls-certificate-edge-cases'],
  seeds: ['004'],
  tags: ['alb', 'mtls', 'verify', 'passthrough', 'intermediate-ca', 'chain-depth', 'connection-logs'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { EchoTargets: [{ kind: 'echo', name: 'echo-1' }] },
  objects: {
    'privateCA-bundle.pem': 'privateCA',
    'privateCA-intermediateCA-bundle.pem': 'privateCA+intermediateCA',
  },
  probes: [
    {
      name: 'leaf-and-intermediate-accepted',
      description: {
        en: 'intermediateClient sends its certificate followed by intermediateCA (curl --cert with both in one file) to the listener whose trust store holds only privateCA: accepted; the target sees the leaf signed by intermediateCA.',
        ja: 'intermediateClient が自分の証明書と intermediateCA を続けて送る (1 つのファイルに両方入れた curl --cert)。トラストストアが privateCA だけのリスナー: 受け入れられ、ターゲットには intermediateCA が署名したリーフが届く。',
      },
      via: ROOT_ONLY,
      client: { certificate: 'intermediateChain', method: 'GET' },
      expect: {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['echo-1'],
          headers: {
            'x-amzn-mtls-clientcert-subject': '{intermediateChain.subject}',
            'x-amzn-mtls-clientcert-issuer': '{intermediateChain.issuer}',
          },
        },
        connectionLog: { tls_verify_status: 'Success' },
      },
      evidence: assumed(
        {
          en: 'AWS says verify mode authenticates X.509 client certificates against the CAs of the trust store, but no ALB page says a client may send the intermediate itself. The sandbox builds the path through what the client presents, as X.509 path validation (RFC 5280) and OpenSSL do.',
          ja: '検証モードがトラストストアの CA で X.509 クライアント証明書を認証することは AWS のドキュメントに記載されているが、中間証明書をクライアント自身が送ってよいと書いた ALB のページはない。サンドボックスは X.509 のパス検証 (RFC 5280) や OpenSSL と同じく、クライアントが提示したものを通ってパスを組み立てる。',
        },
        MTLS,
        RFC_5280,
      ),
    },
    {
      name: 'leaf-alone-untrusted',
      description: {
        en: 'The same leaf sent alone: privateCA did not sign it, and nothing connects it to privateCA: refused, ClientCertUntrusted.',
        ja: '同じリーフを単独で送る: privateCA の署名ではなく、privateCA につなぐものもない: 拒否され ClientCertUntrusted。',
      },
      via: ROOT_ONLY,
      client: { certificate: 'intermediateLeaf', method: 'GET' },
      expect: refused('Failed:ClientCertUntrusted'),
      evidence: assumed(
        {
          en: 'ClientCertUntrusted ("Client certificate is untrusted") is documented; whether an ALB fetches a missing intermediate by itself (AIA) is not. The sandbox does not, so the leaf alone does not chain to the trust store.',
          ja: 'ClientCertUntrusted (「クライアント証明書が信頼されていない」) は AWS のドキュメントに記載されているが、足りない中間証明書を ALB が自分で取りに行くか (AIA) は記載がない。サンドボックスは取りに行かないので、リーフ単独ではトラストストアにつながらない。',
        },
        LOGS,
        RFC_5280,
      ),
    },
    {
      name: 'leaf-alone-with-intermediate-in-store',
      description: {
        en: 'The leaf alone again, on the listener whose trust store also holds intermediateCA: accepted — the trust store supplies the missing link.',
        ja: 'ふたたびリーフ単独で、intermediateCA もトラストストアに入っているリスナーへ: 受け入れられる — 欠けた環はトラストストアが補う。',
      },
      via: WITH_INTERMEDIATE,
      client: { certificate: 'intermediateLeaf', method: 'GET' },
      expect: {
        status: 200,
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert-subject': '{intermediateLeaf.subject}' } },
        connectionLog: { tls_verify_status: 'Success' },
      },
      evidence: assumed(
        {
          en: 'AWS describes the trust store as a bundle of CA certificates, not whether an intermediate in it anchors a chain on its own. The sandbox takes every CA of the bundle as a trust anchor, as s2n-tls does with its trust store (OpenSSL partial chains).',
          ja: 'トラストストアは CA 証明書のバンドルだと AWS のドキュメントに記載されているが、そこに入れた中間証明書だけでチェーンの起点になるかどうかは記載がない。サンドボックスは s2n-tls のトラストストアと同じく (OpenSSL の部分チェーン)、バンドルのどの CA も信頼の起点とする。',
        },
        MTLS,
        S2N,
      ),
    },
    {
      name: 'depth-5-exceeded',
      description: {
        en: 'deepClient sends its certificate and the four CAs above it (chainCA4, chainCA3, chainCA2, intermediateCA): five certificates, over the chain depth of 4 — refused, ClientCertMaxChainDepthExceeded, although every link is valid.',
        ja: 'deepClient が自分の証明書と上位の 4 つの CA (chainCA4、chainCA3、chainCA2、intermediateCA) を送る: 5 枚で深さ 4 を超える — どの環も正しいのに拒否され ClientCertMaxChainDepthExceeded。',
      },
      via: WITH_INTERMEDIATE,
      client: { certificate: 'deepChain', method: 'GET' },
      expect: refused('Failed:ClientCertMaxChainDepthExceeded'),
      evidence: assumed(DEPTH_ASSUMPTION, QUOTAS, LOGS, S2N),
    },
    {
      name: 'depth-4-accepted',
      description: {
        en: 'The same leaf with three CAs (chainCA4, chainCA3, chainCA2): four certificates, within the limit; intermediateCA comes from the trust store — accepted.',
        ja: '同じリーフと 3 つの CA (chainCA4、chainCA3、chainCA2): 4 枚で上限内。intermediateCA はトラストストアから — 受け入れられる。',
      },
      via: WITH_INTERMEDIATE,
      client: { certificate: 'deepChain4', method: 'GET' },
      expect: {
        status: 200,
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert-subject': '{deepChain4.subject}' } },
        connectionLog: { tls_verify_status: 'Success' },
      },
      evidence: assumed(DEPTH_ASSUMPTION, QUOTAS, S2N),
    },
    {
      name: 'passthrough-forwards-the-chain',
      description: {
        en: 'Passthrough: the target receives X-Amzn-Mtls-Clientcert with both certificates the client sent, leaf first, as URL-encoded PEM — the ALB checked none of them.',
        ja: 'パススルー: ターゲットは X-Amzn-Mtls-Clientcert で、クライアントが送った 2 枚の証明書をリーフから順に URL エンコードした PEM で受け取る — ALB はどれも検証していない。',
      },
      via: PASSTHROUGH_LISTENER,
      client: { certificate: 'intermediateChain', method: 'GET' },
      expect: {
        status: 200,
        target: {
          oneOf: ['echo-1'],
          headers: { 'x-amzn-mtls-clientcert': '{intermediateChain.chain}', 'x-amzn-mtls-clientcert-subject': null },
        },
      },
      evidence: documented(PASSTHROUGH),
    },
    {
      name: 'passthrough-keeps-the-order-sent',
      description: {
        en: 'Passthrough with a chain sent out of order (leaf, privateCA, intermediateCA): the target gets it in exactly that order. The ALB does not rebuild the chain from issuer links.',
        ja: '順序の乱れたチェーン (リーフ、privateCA、intermediateCA) でパススルー: ターゲットにはちょうどその順で届く。ALB は発行者をたどってチェーンを組み直さない。',
      },
      via: PASSTHROUGH_LISTENER,
      client: { certificate: 'intermediateChainUnordered', method: 'GET' },
      expect: {
        status: 200,
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert': '{intermediateChainUnordered.chain}' } },
      },
      evidence: assumed(
        {
          en: 'AWS sends "the entire client certificate chain presented in the connection", which "starts with the leaf certificates and finishes with the root certificate"; it does not say what happens to a chain presented in another order. The sandbox forwards it as presented.',
          ja: 'AWS は「接続で提示されたクライアント証明書チェーン全体」を送り、それは「リーフ証明書で始まりルート証明書で終わる」。別の順で提示されたチェーンの扱いは書かれていない。サンドボックスは提示されたまま転送する。',
        },
        PASSTHROUGH,
      ),
    },
  ],
  explain: {
    en: `What to notice:
- A trust store that holds only the root is enough for certificates of an intermediate CA — if the client sends the intermediate with its certificate. curl does so when the file given to --cert holds the leaf followed by the intermediates (certs/recipes.ts, CHAINS). Sent alone, the same leaf is ClientCertUntrusted; put the intermediate into the trust store and the leaf alone passes.
- AWS's quota for the client certificate chain depth is 4. Five certificates are refused with ClientCertMaxChainDepthExceeded although every signature is right; four pass. How AWS counts the depth is not documented: the sandbox counts the certificates presented, leaf included (as s2n-tls does).
- Passthrough checks nothing: the target gets exactly what the client presented, in the order presented, and must build and verify the chain itself.
- openssl s_client shows the same with -cert leaf.crt -cert_chain intermediates.pem (sandbox/alb/tls-front.it.test.ts).`,
    ja: `注目点:
- ルートだけのトラストストアでも、中間 CA の証明書を検証できる — クライアントが自分の証明書と一緒に中間証明書を送るなら。--cert に渡すファイルにリーフと中間証明書を続けて入れれば curl はそうする (certs/recipes.ts の CHAINS)。単独で送ると同じリーフが ClientCertUntrusted になる。中間証明書をトラストストアに入れれば、リーフ単独でも通る。
- クライアント証明書チェーンの深さのクォータは 4 である。5 枚はどの署名も正しくても ClientCertMaxChainDepthExceeded で拒否され、4 枚は通る。深さの数え方は AWS のドキュメントに記載がない: サンドボックスは提示された証明書をリーフも含めて数える (s2n-tls と同じ)。
- パススルーは何も検証しない: ターゲットにはクライアントが提示したものが提示された順で届き、チェーンの組み立ても検証もターゲットの仕事になる。
- openssl s_client でも -cert leaf.crt -cert_chain intermediates.pem で同じことが確かめられる (sandbox/alb/tls-front.it.test.ts)。`,
  },
});
