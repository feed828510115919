// What `mtls-sandbox doctor` finds, in English and Japanese: each line's detail and fix (sandbox/localstack/doctor.ts,
// whose English fields say the same; doctor-text.test.ts checks that they do). Pure.
import type { MessageTexts } from './message-texts.js';

type DoctorCode = Extract<keyof MessageTexts, `doctor.${string}`>;
type Texts = Pick<MessageTexts, DoctorCode>;

const s = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

export const DOCTOR_MESSAGES: Texts = {
  'doctor.value': { en: (p) => s(p.text), ja: (p) => s(p.text) },
  'doctor.not-installed': { en: () => 'not installed', ja: () => 'インストールされていません' },
  'doctor.fix-tool': {
    en: (p) =>
      `sudo apt-get install ${s(p.apt)}   (macOS: brew install ${s(p.tool)}; as root on Debian/Ubuntu \`npm run setup\` does it)`,
    ja: (p) =>
      `sudo apt-get install ${s(p.apt)}   (macOS では \`brew install ${s(p.tool)}\`。Debian/Ubuntu の root なら \`npm run setup\` でも入る)`,
  },
  'doctor.cdklocal': {
    en: () => 'aws-cdk-local 3.0.4 + aws-cdk CLI (node_modules)',
    ja: () => 'aws-cdk-local 3.0.4 と aws-cdk CLI (node_modules)',
  },
  'doctor.python': {
    en: (p) => `Python ${s(p.version)} (via ${s(p.via)})`,
    ja: (p) => `Python ${s(p.version)} (${s(p.via)} で検出)`,
  },
  'doctor.python-none': {
    en: (p) => `none found (tried ${s(p.tried)})`,
    ja: (p) => `見つかりません (試したもの: ${s(p.tried)})`,
  },
  'doctor.fix-python': {
    en: () => 'uv python install 3.13   (or pyenv install 3.13, or your package manager’s python3.12+)',
    ja: () =>
      '`uv python install 3.13`   (または `pyenv install 3.13`、またはパッケージマネージャーの python3.12 以降)',
  },
  'doctor.venv-installed': { en: (p) => `${s(p.spec)} installed`, ja: (p) => `${s(p.spec)} をインストール済み` },
  'doctor.venv-missing': {
    en: () => 'not installed (about 330 MB)',
    ja: () => 'インストールされていません (約 330 MB)',
  },
  'doctor.localstack-running': {
    en: (p) => `LocalStack ${s(p.version)} (${s(p.edition)} edition)`,
    ja: (p) => `LocalStack ${s(p.version)} (${s(p.edition)} エディション)`,
  },
  'doctor.none-running': { en: () => 'none running', ja: () => '動いていません' },
  'doctor.fix-nothing-venv': {
    en: () => 'nothing to do: runs start one from the venv (--localstack host, or auto)',
    ja: () => '不要です。実行時に venv から起動します (--localstack host または auto)',
  },
  'doctor.engine': { en: (p) => `engine ${s(p.version)}`, ja: (p) => `エンジン ${s(p.version)}` },
  'doctor.engine-client-only': {
    en: (p) => `client ${s(p.client)}, no engine running`,
    ja: (p) => `クライアント ${s(p.client)}。エンジンは動いていません`,
  },
  'doctor.fix-engine-start': {
    en: (p) => `${s(p.command)}   (starts dockerd --iptables=false --bridge=none; or: sudo systemctl start docker)`,
    ja: (p) =>
      `${s(p.command)}   (\`dockerd --iptables=false --bridge=none\` を起動する。または \`sudo systemctl start docker\`)`,
  },
  'doctor.fix-engine-install': {
    en: (p) => `${s(p.command)}   (installs docker.io)`,
    ja: (p) => `${s(p.command)}   (docker.io をインストールする)`,
  },
  'doctor.unknown-no-engine': {
    en: () => 'unknown (no engine running)',
    ja: () => '不明 (エンジンが動いていません)',
  },
  'doctor.images-present': { en: (p) => `present: ${s(p.images)}`, ja: (p) => `あり: ${s(p.images)}` },
  'doctor.missing': { en: (p) => `missing: ${s(p.names)}`, ja: (p) => `不足: ${s(p.names)}` },
  'doctor.fix-images': {
    en: (p) =>
      `${s(p.command)}   (pulls them, or builds local stand-ins from Debian packages where no registry is reachable)`,
    ja: (p) =>
      `${s(p.command)}   (イメージを取得する。レジストリに届かない環境では Debian パッケージからローカルの代役を作る)`,
  },
  'doctor.compose': {
    en: (p) => `Docker Compose ${s(p.version)}${p.old ? ' (v2 needed)' : ''}`,
    ja: (p) => `Docker Compose ${s(p.version)}${p.old ? ' (v2 が必要)' : ''}`,
  },
  'doctor.fix-compose': {
    en: (p) => `${s(p.command)}   (installs Compose v2, built from its Go module where no package has it)`,
    ja: (p) =>
      `${s(p.command)}   (Compose v2 をインストールする。パッケージがない環境では Go モジュールからビルドする)`,
  },
  'doctor.ls-image-official': { en: () => 'present (official image)', ja: () => 'あり (公式イメージ)' },
  'doctor.ls-image-standin': {
    en: (p) => `present (local stand-in; runs the venv${p.venv ? '' : ', which is not installed'})`,
    ja: (p) => `あり (ローカルの代役。venv を動かす${p.venv ? '' : 'が、その venv がインストールされていない'})`,
  },
  'doctor.missing-image': { en: () => 'missing', ja: () => 'ありません' },
  'doctor.fix-ls-image': {
    en: (p) =>
      `${s(p.command)}   (pulls ${s(p.image)}, or tags a local stand-in that runs the venv where no registry is reachable)`,
    ja: (p) =>
      `${s(p.command)}   (${s(p.image)} を取得する。レジストリに届かない環境では venv を動かすローカルの代役にタグを付ける)`,
  },
  'doctor.mode-host': {
    en: () =>
      'nginx, HAProxy, curl and openssl from this system, the ALB and NLB TLS emulators in process (the default)',
    ja: () => 'このシステムの nginx・HAProxy・curl・openssl と、プロセス内の ALB・NLB TLS エミュレーター (既定値)',
  },
  'doctor.mode-docker': {
    en: (p) => `nginx, HAProxy, the ALB and NLB TLS emulators and echo target as containers (engine ${s(p.engine)})`,
    ja: (p) =>
      `nginx・HAProxy・ALB と NLB TLS のエミュレーター・エコーターゲットをコンテナで動かす (エンジン ${s(p.engine)})`,
  },
  'doctor.mode-docker-needs': {
    en: (p) => `needs a running engine and the images: ${s(p.command)}`,
    ja: (p) => `動いているエンジンとイメージが必要です: ${s(p.command)}`,
  },
  'doctor.uses-running': {
    en: (p) => `uses the LocalStack running at ${s(p.endpoint)}`,
    ja: (p) => `${s(p.endpoint)} で動いている LocalStack を使う`,
  },
  'doctor.auto-venv': {
    en: () => 'starts LocalStack from the venv when a scenario needs it',
    ja: () => 'シナリオが必要とするときに venv から LocalStack を起動する',
  },
  'doctor.auto-off': {
    en: () => 'off: no LocalStack running and none installed',
    ja: () => 'オフ: 動いている LocalStack も、インストールされたものもない',
  },
  'doctor.uses-the-one': {
    en: (p) => `uses the one running at ${s(p.endpoint)}`,
    ja: (p) => `${s(p.endpoint)} で動いているものを使う`,
  },
  'doctor.host-venv': {
    en: () => 'starts LocalStack from the venv on 127.0.0.1:4566',
    ja: () => 'venv から LocalStack を 127.0.0.1:4566 で起動する',
  },
  'doctor.needs-venv': {
    en: (p) => `needs the venv: ${s(p.command)}`,
    ja: (p) => `venv が必要です: ${s(p.command)}`,
  },
  'doctor.docker-ls': {
    en: (p) =>
      `starts ${s(p.image)}${p.standIn ? ' (local stand-in running the venv)' : ''} as a container on 127.0.0.1:4566`,
    ja: (p) =>
      `${s(p.image)}${p.standIn ? ' (venv を動かすローカルの代役)' : ''} をコンテナとして 127.0.0.1:4566 で起動する`,
  },
  'doctor.standin-needs-venv': {
    en: (p) => `the local stand-in needs the venv: ${s(p.command)}`,
    ja: (p) => `ローカルの代役には venv が必要です: ${s(p.command)}`,
  },
  'doctor.docker-ls-needs': {
    en: (p) => `needs a running engine and ${s(p.image)}: ${s(p.command)}`,
    ja: (p) => `動いているエンジンと ${s(p.image)} が必要です: ${s(p.command)}`,
  },
  'doctor.ls-off': {
    en: () => 'scenarios that need LocalStack are reported as skipped',
    ja: () => 'LocalStack が必要なシナリオはスキップとして報告する',
  },
  'doctor.kind-tcp': { en: () => 'NLB/CLB TCP listener', ja: () => 'NLB/CLB の TCP リスナー' },
  'doctor.kind-alb': { en: () => 'ALB HTTPS/HTTP listener', ja: () => 'ALB の HTTPS/HTTP リスナー' },
  'doctor.kind-nlb-tls': { en: () => 'NLB TLS listener', ja: () => 'NLB の TLS リスナー' },
  'doctor.by-alb': {
    en: (p) => `the ALB emulator, in process (${s(p.node)})`,
    ja: (p) => `プロセス内の ALB エミュレーター (${s(p.node)})`,
  },
  'doctor.by-nlb': {
    en: (p) => `the NLB TLS listener emulator, in process (${s(p.node)})`,
    ja: (p) => `プロセス内の NLB TLS リスナーエミュレーター (${s(p.node)})`,
  },
  'doctor.tcp-detail': {
    en: (p) =>
      `TLS passes through to the target; client IP preservation ${p.tproxy ? 'realized (source 0.0.0.0 usesrc clientip)' : 'not available (this HAProxy has no transparent proxy support)'}`,
    ja: (p) =>
      `TLS はそのままターゲットへ届く。クライアント IP の保持は${p.tproxy ? '再現できる (`source 0.0.0.0 usesrc clientip`)' : 'できない (この HAProxy は透過プロキシに対応していない)'}`,
  },
  'doctor.needs-haproxy': { en: () => 'needs HAProxy (see above)', ja: () => 'HAProxy が必要です (上を参照)' },
  'doctor.alb-detail': {
    en: (p) =>
      `TLS ends at the ALB; mutual TLS off, passthrough or verify; ${p.mlKem ? 'hybrid post-quantum groups offered' : 'no ML-KEM in this OpenSSL: PQ policies fall back to their classical groups'}`,
    ja: (p) =>
      `TLS は ALB で終端する。相互 TLS はオフ・パススルーモード・検証モード。${p.mlKem ? 'ハイブリッド耐量子グループを提案する' : 'この OpenSSL には ML-KEM がないため、耐量子ポリシーは従来のグループに戻る'}`,
  },
  'doctor.nlb-detail': {
    en: (p) =>
      `TLS ends at the NLB; mutual TLS verify with identity filters; client IP preservation ${p.loopback ? "realized (the target connection is bound to the client's 127/8 address)" : 'not available: 127.0.0.23 cannot be bound here (add loopback aliases, e.g. on macOS)'}`,
    ja: (p) =>
      `TLS は NLB で終端する。相互 TLS の検証モードと ID フィルター。クライアント IP の保持は${p.loopback ? '再現できる (ターゲットへの接続をクライアントの 127/8 のアドレスから張る)' : 'できない: ここでは 127.0.0.23 を使えない (macOS などではループバックにエイリアスを追加する)'}`,
  },
};
