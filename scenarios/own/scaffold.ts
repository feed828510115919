// The files `mtls-sandbox new` writes: a starter scenario, or a copy of one with its imports pointed at the
// sandbox's public API (api-scenario.ts, api-stack.ts). Pure: texts in, texts out; cli/new.ts writes them.

/** Imports of the project's own modules, as a scenario folder inside the project writes them, and their public name. */
const PUBLIC_IMPORTS: [RegExp, string][] = [
  [
    /^\.\.\/common\/(alb-stack|clb-stack|nlb-mtls|nlb-stack|alb-header-modification|cloudfront-mtls|waf-stack)\.js$/,
    'mtls-sandbox/stack',
  ],
  [/^\.\.\/common\/(stories|client-auth-probes)\.js$/, 'mtls-sandbox/scenario'],
  [/^\.\.\/\.\.\/(sandbox|certs)\/[a-z0-9/-]+\.js$/, 'mtls-sandbox/scenario'],
];

/** A module's text with every import of the project's modules turned into the public API's. */
export function toPublicImports(text: string): string {
  return text.replace(/(from\s+|import\s*\(\s*)'([^']+)'/g, (whole, keyword: string, specifier: string) => {
    const entry = PUBLIC_IMPORTS.find(([pattern]) => pattern.test(specifier));
    return entry ? `${keyword}'${entry[1]}'` : whole;
  });
}

/** What a copy records of its original (ScenarioDefinition.copiedFrom), without the original's name. */
export interface CopyRecord {
  /** The digest of the original's synthesized template (sandbox/synth/template-digest.ts). */
  template: string;
  /** Each probe's digest (sandbox/probe-digest.ts), by name. */
  probes: Record<string, string>;
}

/**
 * A copy of scenario `from`'s files as scenario `id`: public imports, the new id, a title of its own, where it came
 * from (`copiedFrom`, so its copied evidence is marked until the author changes it), and a note saying so. Test files
 * are left out (they run inside the project only).
 */
export function copyScenarioFiles(
  from: string,
  id: string,
  files: Record<string, string>,
  record: CopyRecord = { template: '', probes: {} },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    if (/\.test\.tsx?$/.test(name)) continue;
    let copied = /\.tsx?$/.test(name) ? toPublicImports(text) : text;
    if (name === 'scenario.ts') {
      if (!copied.includes(`id: '${from}'`))
        throw new Error(`scenarios/${from}/scenario.ts does not say id: '${from}'; cannot copy it as ${id}.`);
      // Every occurrence: a scenario may declare a story of the same id beside it (who-tells-the-target does).
      copied = copied.split(`id: '${from}'`).join(`id: '${id}'`);
      copied = ownTitle(markCopied(copied, id, from, record), id, from);
      copied = `// Made by \`mtls-sandbox new ${id} --from ${from}\`: a copy of the sandbox's ${from}, yours to edit.\n${copied}`;
    }
    out[name] = copied;
  }
  out['README.md'] = readme(id, from);
  return out;
}

/** Where the scenario's own definition starts: its id is the first `id:` after `defineScenario({`. */
function definitionIdAt(text: string, id: string): number {
  const start = text.indexOf('defineScenario(');
  const at = text.indexOf(`id: '${id}'`, Math.max(0, start));
  if (at < 0) throw new Error(`the copy's scenario.ts has no id: '${id}' in its defineScenario({ … }).`);
  return at;
}

/** `copiedFrom: { … }` written after the definition's id, with what the copy was made from (a copy's own replaced). */
function markCopied(original: string, id: string, from: string, record: CopyRecord): string {
  const text = withoutCopiedFrom(original);
  const at = definitionIdAt(text, id);
  const lineEnd = text.indexOf('\n', at);
  const indent = /[ \t]*$/.exec(text.slice(0, at))![0];
  const probes = Object.entries(record.probes).map(([name, digest]) => `${indent}    '${name}': '${digest}',`);
  const block = [
    `${indent}// Copied from ${from}; the probes' evidence is about that scenario's stack. A probe listed here`,
    `${indent}// is shown as "copied — re-check after you change the stack" until you change it (delete its line once`,
    `${indent}// you have re-checked it). The template digest tells whether your stack still is the one copied.`,
    `${indent}copiedFrom: {`,
    `${indent}  scenario: '${from}',`,
    `${indent}  template: '${record.template}',`,
    `${indent}  probes: {`,
    ...probes,
    `${indent}  },`,
    `${indent}},`,
  ];
  return `${text.slice(0, lineEnd + 1)}${block.join('\n')}\n${text.slice(lineEnd + 1)}`;
}

/** The text without the copiedFrom block (and its comment) that `new --from` wrote into a copy being copied again. */
function withoutCopiedFrom(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^\s*copiedFrom: \{\s*$/.test(line));
  if (start < 0) return text;
  const indent = /^\s*/.exec(lines[start]!)![0];
  const end = lines.findIndex((line, index) => index > start && line === `${indent}},`);
  if (end < 0) return text;
  let first = start;
  while (first > 0 && lines[first - 1]!.startsWith(`${indent}//`)) first -= 1;
  return [...lines.slice(0, first), ...lines.slice(end + 1)].join('\n');
}

/**
 * The definition's title, in both languages, starting with the copy's id ("my-rule: ALB: …"): the copy is listed and
 * reported under its own title, not its original's. A copy of a copy drops the original's prefix first.
 */
function ownTitle(text: string, id: string, from: string): string {
  const at = definitionIdAt(text, id);
  const before = text.slice(0, at);
  let after = text.slice(at);
  for (const language of ['en', 'ja']) {
    const pattern = new RegExp(`(\\btitle:\\s*\\{[^}]*?\\b${language}:\\s*)(['"\`])(?:${from}: )?`);
    if (!pattern.test(after))
      throw new Error(
        `the copy's scenario.ts has no title { ${language}: '…' } written out; cannot give it its own title.`,
      );
    after = after.replace(pattern, (_whole, head: string, quote: string) => `${head}${quote}${id}: `);
  }
  return `${before}${after}`;
}

/** The starter: one ALB HTTPS listener verifying client certificates against a trust store, an echo target behind. */
export function starterFiles(id: string): Record<string, string> {
  return { 'stack.ts': STARTER_STACK, 'scenario.ts': starterScenario(id), 'README.md': readme(id, null) };
}

/**
 * A tsconfig.json for the editor and `tsc -p`: maps the public API and aws-cdk-lib to the project's files (the
 * sandbox itself resolves them without it, scenarios/own/resolve-hook.mjs). Absolute paths: it is this machine's.
 */
export function editorTsconfig(projectRoot: string): string {
  const root = projectRoot.replace(/\/$/, '');
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        allowImportingTsExtensions: true,
        types: ['node'],
        typeRoots: [`${root}/node_modules/@types`],
        paths: {
          'mtls-sandbox/scenario': [`${root}/scenarios/own/api-scenario.ts`],
          'mtls-sandbox/stack': [`${root}/scenarios/own/api-stack.ts`],
          // The declaration files themselves: NodeNext resolution in an ES module folder does not look into a
          // directory a path maps to, so "aws-cdk-lib" alone is "Cannot find module".
          'aws-cdk-lib': [`${root}/node_modules/aws-cdk-lib/index.d.ts`],
          'aws-cdk-lib/*': [`${root}/node_modules/aws-cdk-lib/*/index.d.ts`, `${root}/node_modules/aws-cdk-lib/*`],
          constructs: [`${root}/node_modules/constructs/lib/index.d.ts`],
        },
      },
      include: ['*.ts'],
    },
    null,
    2,
  )}\n`;
}

function readme(id: string, from: string | null): string {
  return `# ${id}

Your own mtls-sandbox scenario${from ? `, copied from the sandbox's \`${from}\`` : ''}. It lives outside the
sandbox's project; the sandbox loads it when you name this folder (or its parent) with \`--scenarios\`.

## Run it

\`\`\`sh
mtls-sandbox run ${id} --scenarios ${'<this folder or its parent>'}
mtls-sandbox up ${id} --scenarios ${'<folder>'}     # keep it running and try curl by hand
export MTLS_SANDBOX_SCENARIOS=${'<folder>'}         # or once for every command, the UI included
\`\`\`

\`mtls-sandbox list --scenarios <folder>\` shows it among the sandbox's scenarios, marked as yours; if it does not
load, \`list\` says why, with the file and line.

## Edit it

- \`stack.ts\` is the infrastructure: a CDK stack (\`aws-cdk-lib\`, and the sandbox's building blocks from
  \`mtls-sandbox/stack\`). Change a listener, add a rule, switch mutual TLS to passthrough.
- \`scenario.ts\` is what to try and what to expect: \`targets\` says what stands behind each target group (by construct
  path), each probe says which client calls which listener (\`via\`), what AWS does (\`expect\`) and how we know
  (\`evidence\`: \`documented(cite(...))\`, \`observed(cite('seed-004'))\`, or \`assumed({ en, ja })\` with why). The
  \`explain\` text is shown after the run.
- \`tsconfig.json\` is only for your editor (type checking and completion against this machine's sandbox); run
  \`npx tsc -p .\` from the sandbox's folder as \`npx tsc -p ${'<this folder>'}\` to check the types.

The authoring guide is docs/authoring.md in the sandbox.
`;
}

const STARTER_STACK = `// The infrastructure: an ALB HTTPS listener that verifies client certificates against a trust store (mutual TLS,
// verify mode) and forwards to one target. The sandbox synthesizes it offline and realizes what it knows.
import type { Stack } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { albBase, httpTargetGroup, httpsListener, trustStore } from 'mtls-sandbox/stack';

export default function stack(scope: Stack): void {
  // A VPC, the trust store's bucket and an internet-facing ALB (construct path "Alb").
  const { vpc, bucket, alb } = albBase(scope);
  // The trust store's CA bundle is the S3 object "ca-bundle.pem"; scenario.ts says it holds the sandbox's privateCA.
  const store = trustStore(scope, 'TrustStore', bucket, 'ca-bundle.pem');
  // One target (construct path "Targets"); scenario.ts puts an echo server behind it.
  const targets = httpTargetGroup(scope, 'Targets', vpc, ['10.0.1.10']);
  httpsListener(alb, 'Https', 443, elbv2.ListenerAction.forward([targets]), {
    // Try elbv2.MutualAuthenticationMode.PASS_THROUGH, and change the expectations in scenario.ts.
    mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY,
    trustStore: store,
  });
}
`;

function starterScenario(id: string): string {
  return `// What to try and what to expect. Every expectation carries its evidence (docs/authoring.md).
import { OWN_SCENARIOS, cite, defineScenario, documented, observed } from 'mtls-sandbox/scenario';

export default defineScenario({
  id: '${id}',
  title: { en: '${id}: ALB mutual TLS in verify mode', ja: '${id}: 検証モードの ALB 相互 TLS' },
  summary: {
    en: 'My own experiment: an ALB that verifies client certificates. No certificate is refused; clientA gets through with its identity in headers.',
    ja: '自分の実験: クライアント証明書を検証する ALB。証明書なしは拒否され、clientA はヘッダーで身元を伝えて通る。',
  },
  story: OWN_SCENARIOS,
  seeds: [],
  tags: ['own', 'alb', 'mtls'],
  stackModule: new URL('./stack.ts', import.meta.url),
  // What stands behind each target group, by construct path: one backend per registered target.
  targets: { Targets: [{ kind: 'echo', name: 'echo-1' }] },
  // The trust store's S3 object holds the sandbox's private CA.
  objects: { 'ca-bundle.pem': 'privateCA' },
  probes: [
    {
      name: 'no-certificate',
      description: { en: 'No client certificate: the ALB resets the connection.', ja: '証明書なし: ALB は接続をリセットする。' },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: null },
      expect: { status: null, connectionError: 'Connection reset by peer', target: null },
      evidence: observed(cite('seed-004'), cite('aws-alb-mtls')),
    },
    {
      name: 'clientA',
      description: {
        en: "clientA's certificate, signed by the trusted CA: forwarded, with the certificate's subject in a header.",
        ja: '信頼された CA が署名した clientA の証明書: 転送され、サブジェクトがヘッダーで届く。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA' },
      expect: {
        status: 200,
        target: { oneOf: ['echo-1'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientA.subject}' } },
      },
      evidence: documented(cite('aws-alb-mtls', 'HTTP headers (verify mode)')),
    },
    {
      name: 'untrusted',
      description: {
        en: 'A certificate from a CA the trust store does not hold: refused, the target hears nothing.',
        ja: 'トラストストアにない CA の証明書: 拒否され、ターゲットには何も届かない。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'untrusted' },
      expect: { status: null, target: null },
      evidence: documented(cite('aws-alb-mtls', 'Mutual TLS verify: certificate validation')),
    },
  ],
  explain: {
    en: \`What to notice:
- The ALB, not the target, asks for the certificate and decides; without one there is no HTTP at all.
- The target learns who the client was from the X-Amzn-Mtls-Clientcert-* headers the ALB adds.
- Now edit stack.ts (passthrough?) and scenario.ts (what should happen then?) and run it again.\`,
    ja: \`注目点:
- 証明書を要求して判定するのはターゲットではなく ALB である。証明書がなければ HTTP に到達しない。
- ターゲットは ALB が加える X-Amzn-Mtls-Clientcert-* ヘッダーでクライアントが誰かを知る。
- stack.ts (パススルーモードにしたら？) と scenario.ts (そのとき何が起きるべきか) を編集して、もう一度実行してみよう。\`,
  },
});
`;
}
