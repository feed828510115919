import { cite, documented } from '../../sandbox/evidence.js';
import { readFile } from 'node:fs/promises';
import { type CertificateFacts, defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import { clientAuthProbes } from '../common/client-auth-probes.js';
import { issueServerCertificate } from './rotate.js';
import { CERTIFICATES_FROM_SSM } from '../common/stories.js';

const targets = ['web-1', 'web-2'];
const via = { loadBalancer: 'Nlb', port: 443 };
/** Seed 001's task definition `secrets`: environment variable → SSM parameter. */
const secrets = {
  SSL_SERVER_CERTIFICATE: 'SSL_SERVER_CERTIFICATE',
  SSL_SERVER_KEY: 'SSL_SERVER_KEY',
  SSL_CLIENT_CERTIFICATE: 'SSL_CLIENT_CERTIFICATE',
};
const SEED_001 = cite('seed-001', 'Task definition secrets from SSM; init.sh writes them before nginx starts');
const ECS = cite('aws-ecs-ssm-secrets', 'Secrets are injected when the container starts');

// The rotated certificate is made by the first rotation probe and named by the next one's expectation.
let rotated: CertificateFacts | null = null;

const rotationProbes: ProbeSpec[] = [
  {
    name: 'server-certificate-from-ssm',
    description: {
      en: "clientA again, printing the server's certificate: the serial is the PKI's server certificate, which nginx got from SSL_SERVER_CERTIFICATE through init.sh.",
      ja: 'clientA で再度接続し、サーバー証明書も表示する: シリアルは PKI のサーバー証明書のものである。nginx は SSL_SERVER_CERTIFICATE から init.sh 経由でそれを受け取った。',
    },
    via,
    client: { certificate: 'clientA', form: 'pem', method: 'GET', showServerCertificate: true },
    expect: {
      status: 200,
      handshake: {
        clientCertificateRequested: true,
        clientCertificateSent: true,
        serverCertificateSerial: '{server.serial}',
      },
      target: { oneOf: targets, details: { ssl_client_verify: 'SUCCESS' } },
    },
    // Seed 001's transcript shows its nginx answering 200, not which certificate it served: the path from SSM to
    // nginx is ECS's (documented) and the article's init.sh.
    evidence: documented(ECS, SEED_001),
  },
  {
    name: 'put-without-restart',
    description: {
      en: 'A new server certificate (new key, signed by privateCA) is put into SSL_SERVER_CERTIFICATE / SSL_SERVER_KEY, but the tasks are not replaced: nginx still serves the old certificate, because the parameters were read into environment variables when the task started.',
      ja: '新しいサーバー証明書 (新しい鍵、privateCA の署名) を SSL_SERVER_CERTIFICATE / SSL_SERVER_KEY に put するが、タスクは入れ替えない: パラメータはタスク起動時に環境変数へ読み込まれるため、nginx は古い証明書のままである。',
    },
    via,
    client: { certificate: 'clientA', form: 'pem', method: 'GET', showServerCertificate: true },
    expect: {
      status: 200,
      handshake: { serverCertificateSerial: '{server.serial}' },
      target: { oneOf: targets, details: { ssl_client_verify: 'SUCCESS' } },
    },
    evidence: documented(ECS, SEED_001),
    before: async (context) => {
      if (!context.localstack) throw new Error('put-without-restart needs LocalStack (SSM Parameter Store).');
      const started = performance.now();
      const issued = await issueServerCertificate(context.pki, context.dir);
      rotated = issued.facts;
      context.step(
        'rotate',
        `new server certificate, serial ${issued.facts.serial}:\n    ${issued.commands.join('\n    ')}`,
        Math.round(performance.now() - started),
      );
      const putting = performance.now();
      const certVersion = await context.localstack.putParameter(
        'SSL_SERVER_CERTIFICATE',
        await readFile(issued.cert, 'utf8'),
      );
      const keyVersion = await context.localstack.putParameter('SSL_SERVER_KEY', await readFile(issued.key, 'utf8'));
      context.step(
        'ssm-put',
        `aws ssm put-parameter --name SSL_SERVER_CERTIFICATE --overwrite --value file://${issued.cert} (version ${certVersion}); same for SSL_SERVER_KEY (version ${keyVersion}); the running tasks are left alone`,
        Math.round(performance.now() - putting),
      );
    },
  },
  {
    name: 'rotation-after-restart',
    description: {
      en: 'The tasks are replaced (as `aws ecs update-service --force-new-deployment` would): each new nginx reads the parameters again, init.sh writes the new files, and the handshake shows the new serial.',
      ja: 'タスクを入れ替える (`aws ecs update-service --force-new-deployment` に相当): 新しい nginx がパラメータを読み直し、init.sh が新しいファイルを書き、ハンドシェイクに新しいシリアルが現れる。',
    },
    via,
    client: { certificate: 'clientA', form: 'pem', method: 'GET', showServerCertificate: true },
    expect: {
      status: 200,
      handshake: {
        clientCertificateRequested: true,
        clientCertificateSent: true,
        serverCertificateSerial: '{rotatedServer.serial}',
      },
      target: { oneOf: targets, details: { ssl_client_verify: 'SUCCESS' } },
    },
    evidence: documented(ECS, SEED_001),
    before: async (context) => {
      if (!rotated)
        throw new Error('rotation-after-restart runs after put-without-restart, which makes the new certificate.');
      const started = performance.now();
      await context.restartTargets();
      context.step(
        'restart',
        `replaced ${targets.join(' and ')}: each read SSM again and ran init.sh before nginx started`,
        Math.round(performance.now() - started),
      );
      return { certificates: { rotatedServer: rotated } };
    },
  },
];

export default defineScenario({
  id: 'nlb-ssm-certificates',
  title: {
    en: 'NLB + nginx with its certificates in SSM Parameter Store (and a rotation)',
    ja: 'NLB + nginx、証明書は SSM パラメータストアから取得 (ローテーション付き)',
  },
  summary: {
    en: 'Seed 001: nginx tasks behind an NLB TCP listener take their server certificate, key and client CA from SSM parameters at start-up (init.sh). Deployed to LocalStack; a rotation shows when a new certificate takes effect.',
    ja: '元記事 001: NLB の TCP リスナーの背後の nginx タスクが、サーバー証明書・鍵・クライアント CA を起動時に SSM パラメータから受け取る (init.sh)。LocalStack にデプロイし、ローテーションで新しい証明書がいつ効くかを確かめる。',
  },
  story: CERTIFICATES_FROM_SSM,
  seeds: ['001'],
  tags: ['nlb', 'tcp', 'passthrough', 'nginx', 'client-auth', 'ssm', 'localstack', 'rotation'],
  stackModule: new URL('./stack.ts', import.meta.url),
  needs: { localstack: true },
  parameters: {
    SSL_SERVER_CERTIFICATE: 'server.crt',
    SSL_SERVER_KEY: 'server.key',
    SSL_CLIENT_CERTIFICATE: 'privateCA.crt',
  },
  targets: {
    WebTargets: [
      { kind: 'nginx', name: 'web-1', profile: 'client-auth', certificates: { from: 'ssm', secrets } },
      { kind: 'nginx', name: 'web-2', profile: 'client-auth', certificates: { from: 'ssm', secrets } },
    ],
  },
  probes: [...clientAuthProbes(via, targets, 'NLB'), ...rotationProbes],
  explain: {
    en: `What to notice:
- The stack (deployed to LocalStack with cdklocal) holds the three SSM parameters and the NLB. LocalStack's free edition has no ELBv2, so it takes the NLB, listener and target group as no-ops and the sandbox realizes them with HAProxy; the run lists each resource and where it went.
- The PEM text is put into the parameters after the deploy, as one would with the AWS CLI: CloudFormation cannot create SecureString parameters, and a private key does not belong in a template.
- Each nginx target starts as seed 001's task does. The sandbox does what ECS and init.sh do:
    # ECS, at task start (task definition "secrets"): SSM → environment variables
    SSL_SERVER_CERTIFICATE=$(aws ssm get-parameter --name SSL_SERVER_CERTIFICATE --query Parameter.Value --output text)
    SSL_SERVER_KEY=$(aws ssm get-parameter --name SSL_SERVER_KEY --query Parameter.Value --output text)
    SSL_CLIENT_CERTIFICATE=$(aws ssm get-parameter --name SSL_CLIENT_CERTIFICATE --query Parameter.Value --output text)
    # /docker-entrypoint.d/init.sh: environment variables → files nginx is configured with
    mkdir -p /etc/nginx/certs
    echo "$SSL_SERVER_CERTIFICATE" > /etc/nginx/certs/server_cert.cer
    echo "$SSL_SERVER_KEY" > /etc/nginx/certs/server_key.key
    echo "$SSL_CLIENT_CERTIFICATE" > /etc/nginx/certs/client_cert.pem
  (the real script, with the target's own directory for /etc/nginx/certs, is in .sandbox/scenarios/nlb-ssm-certificates/web-1/init.sh)
- Client authentication is then exactly nlb-tcp-passthrough's: the NLB passes TLS through and nginx asks for, and checks, the client certificate against SSL_CLIENT_CERTIFICATE.
- Rotation: putting a new certificate into SSM changes nothing for running tasks (put-without-restart still shows the old serial); only new tasks, which read the parameters again, serve it (rotation-after-restart shows the new serial).`,
    ja: `注目点:
- スタック (cdklocal で LocalStack にデプロイ) は 3 つの SSM パラメータと NLB を持つ。LocalStack の無償版には ELBv2 がないため、NLB・リスナー・ターゲットグループは LocalStack では何もしないリソースとして受け付けられ、サンドボックスが HAProxy で再現する。実行結果にリソースごとの行き先が出る。
- PEM の中身はデプロイ後に AWS CLI と同じ操作 (put-parameter) で入れる: CloudFormation は SecureString パラメータを作れず、秘密鍵をテンプレートに書くべきでもないため。
- 各 nginx ターゲットは元記事 001 のタスクと同じ手順で起動する。サンドボックスは ECS と init.sh がすることを行う:
    # ECS がタスク起動時に行う (タスク定義の "secrets"): SSM → 環境変数
    SSL_SERVER_CERTIFICATE=$(aws ssm get-parameter --name SSL_SERVER_CERTIFICATE --query Parameter.Value --output text)
    SSL_SERVER_KEY=$(aws ssm get-parameter --name SSL_SERVER_KEY --query Parameter.Value --output text)
    SSL_CLIENT_CERTIFICATE=$(aws ssm get-parameter --name SSL_CLIENT_CERTIFICATE --query Parameter.Value --output text)
    # /docker-entrypoint.d/init.sh: 環境変数 → nginx が読むファイル
    mkdir -p /etc/nginx/certs
    echo "$SSL_SERVER_CERTIFICATE" > /etc/nginx/certs/server_cert.cer
    echo "$SSL_SERVER_KEY" > /etc/nginx/certs/server_key.key
    echo "$SSL_CLIENT_CERTIFICATE" > /etc/nginx/certs/client_cert.pem
  (/etc/nginx/certs をターゲット自身のディレクトリに置き換えた実際のスクリプトは .sandbox/scenarios/nlb-ssm-certificates/web-1/init.sh にある)
- クライアント認証そのものは nlb-tcp-passthrough と同じである: NLB は TLS をそのまま通し、nginx が SSL_CLIENT_CERTIFICATE を CA としてクライアント証明書を要求・検証する。
- ローテーション: SSM に新しい証明書を put しても、動いているタスクには何も起きない (put-without-restart は古いシリアルのまま)。パラメータを読み直す新しいタスクだけが新しい証明書を使う (rotation-after-restart で新しいシリアルが出る)。`,
  },
});
