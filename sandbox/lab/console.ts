// The lab console's request, as a user builds it by choosing (listener, certificate, path, method, headers, HTTP
// version, TLS version), turned into a probe the engine runs like a scenario's; and the forged identity headers of
// each front door, one preset each. Pure.
import type { ClientCertName } from '../../certs/types.js';
import type { EvidenceSpec } from '../evidence.js';
import type { ProbeSpec } from '../scenario.js';
import type { Text } from '../text.js';
import type { Judgement } from '../template/matrix.js';

export interface ConsoleRequest {
  via: { loadBalancer: string; port: number };
  certificate: ClientCertName | null;
  path: string;
  method: 'GET' | 'HEAD' | 'POST';
  /** Header name → value, as the client writes them. */
  headers: Record<string, string>;
  http: '1.1' | '2';
  /** null: curl's default range of versions. */
  tls: '1.2' | '1.3' | null;
}

/** A front door's identity headers as a client could write them itself: what a spoofing client sends. */
export interface IdentityPreset {
  /** The front door whose header it forges (not translated: AWS's names). */
  door: string;
  headers: Record<string, string>;
}

/** One preset per front door's identity header: ALB verify and passthrough, a renamed ALB header, CloudFront's two. */
export const IDENTITY_PRESETS: IdentityPreset[] = [
  { door: 'ALB verify', headers: { 'X-Amzn-Mtls-Clientcert-Subject': 'CN=clientA' } },
  { door: 'ALB passthrough', headers: { 'X-Amzn-Mtls-Clientcert': 'forged-by-the-client' } },
  { door: 'ALB renamed', headers: { 'X-Client-Cert-Subject': 'CN=clientA' } },
  {
    door: 'CloudFront verify',
    headers: { 'CloudFront-Viewer-Cert-Subject': 'CN=admin,O=forged', 'CloudFront-Viewer-Cert-Present': '1' },
  },
  { door: 'CloudFront passthrough', headers: { 'Client-Cert': ':Zm9yZ2Vk:' } },
];

/** Whether the request writes a front door's identity header itself (the model's "spoofing" client). */
export const writesIdentityHeaders = (request: ConsoleRequest): boolean =>
  Object.keys(request.headers).some((name) =>
    IDENTITY_PRESETS.some((preset) => Object.keys(preset.headers).some((n) => n.toLowerCase() === name.toLowerCase())),
  );

const OBSERVED_ONLY: Text = {
  en: "A probe of your own from the lab's console: the sandbox's model of AWS predicts nothing for this client here, so it is observed only, not compared with AWS.",
  ja: 'ラボのコンソールから送った自分のプローブ: サンドボックスの AWS モデルはここでこのクライアントについて何も予測しないので、判定なし (記録のみ) で AWS とは比較しない。',
};

/** The console's request as a probe: judged where the model predicts (its expectation and evidence), else observed. */
export function consoleProbe(request: ConsoleRequest, number: number, prediction: Judgement | null): ProbeSpec {
  const headers = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  const who = request.certificate ?? 'no certificate';
  const whoJa = request.certificate ?? '証明書なし';
  const where = `${request.via.loadBalancer}:${request.via.port} ${request.method} ${request.path}`;
  const evidence: EvidenceSpec = prediction?.evidence ?? { level: 'assumed', citations: [] };
  return {
    name: `console-${number}`,
    description: {
      en: `${where}, ${who}${headers ? `, writing ${headers}` : ''} (HTTP/${request.http}${request.tls ? `, TLS ${request.tls} only` : ''}).`,
      ja: `${where}、${whoJa}${headers ? `、${headers} を自分で書く` : ''} (HTTP/${request.http}${request.tls ? `、TLS ${request.tls} のみ` : ''})。`,
    },
    via: request.via,
    client: {
      certificate: request.certificate,
      method: request.method,
      path: request.path,
      http: request.http,
      ...(request.tls ? { tls: request.tls } : {}),
      ...(Object.keys(request.headers).length > 0 ? { headers: request.headers } : {}),
    },
    expect: prediction?.expect ?? {},
    evidence,
    ...(prediction ? {} : { unjudged: OBSERVED_ONLY }),
  };
}
