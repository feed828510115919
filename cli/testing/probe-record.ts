// Test data: a ProbeReport as the engine would record it, from a transcript and a few facts (the parser and the
// outcome classifier fill in what the engine would). For renderer tests, which must not run the engine itself.
import { cite, type EvidenceSpec } from '../../sandbox/evidence.js';
import type { Message } from '../../sandbox/messages.js';
import { outcomeOf } from '../../sandbox/outcome.js';
import { parseCurlTranscript } from '../../sandbox/probe/transcript.js';
import type {
  ConfigExcerpt,
  ListenerReport,
  LoadBalancerRequest,
  ProbeReport,
  TargetObservation,
  VerifierCode,
} from '../../sandbox/report.js';
import { sequenceOf } from '../../sandbox/explain/sequence.js';

const VERIFY_LISTENER: ListenerReport = {
  port: 443,
  protocol: 'HTTPS',
  tlsEndsAt: 'load-balancer',
  clientVerifiedBy: 'alb-trust-store',
  mutualTls: 'verify',
  address: '127.0.0.1:40443',
};

export interface ProbeRecordInput {
  name: string;
  description?: string;
  command?: string;
  certificate?: string | null;
  sourceAddress?: string;
  sources?: string[] | null;
  transcript: string[];
  /** When given, the response body (else guessed from the transcript). */
  body?: string;
  target?: TargetObservation | null;
  connectionLog?: Record<string, string | number>[];
  evidence?: EvidenceSpec;
  mismatches?: Message[];
  verifiedBy?: VerifierCode;
  via?: { loadBalancer: string; port: number };
  loadBalancerRequest?: LoadBalancerRequest | null;
  /** The listener the probe calls, for its sequence diagram (default: an ALB HTTPS listener in verify mode). */
  listener?: ListenerReport | null;
  config?: ConfigExcerpt[];
}

export const DOCUMENTED: EvidenceSpec = { level: 'documented', citations: [cite('aws-alb-mtls')] };

export function probeRecord(input: ProbeRecordInput): ProbeReport {
  const parsed = parseCurlTranscript(input.transcript, null, input.body);
  const target = input.target ?? null;
  const mismatches = input.mismatches ?? [];
  const evidence = input.evidence ?? DOCUMENTED;
  return {
    name: input.name,
    description: input.description ?? '',
    command: input.command ?? 'curl -v --no-progress-meter -k https://127.0.0.1:40443/',
    client: {
      certificate: input.certificate ?? null,
      sourceAddress: input.sourceAddress ?? '127.0.0.1',
      sources: input.sources ?? null,
    },
    via: input.via ?? { loadBalancer: 'Alb', port: 443 },
    handshake: parsed.handshake,
    steps: parsed.steps,
    response: parsed.response,
    connectionError: parsed.connectionError,
    target,
    connectionLog: input.connectionLog ?? [],
    loadBalancerRequest: input.loadBalancerRequest ?? null,
    transcript: input.transcript,
    outcome: outcomeOf({
      ...parsed,
      curlExitCode: parsed.curlError?.code ?? 0,
      target,
      loadBalancerRequest: input.loadBalancerRequest ?? null,
    }),
    sequence: sequenceOf({
      steps: parsed.steps,
      listener: input.listener === undefined ? VERIFY_LISTENER : input.listener,
      response: parsed.response,
      target,
      connectionLog: input.connectionLog ?? [],
      loadBalancerRequest: input.loadBalancerRequest ?? null,
    }),
    config: input.config ?? [],
    capture: null,
    verifiedBy: input.verifiedBy ?? 'alb-trust-store',
    expected: {},
    evidence: { level: evidence.level, citations: evidence.citations, assumption: evidence.assumption?.en ?? null },
    verdict: {
      code: mismatches.length === 0 ? 'matches' : 'differs',
      level: evidence.level,
      basis: evidence.level,
      expectation: null,
      copied: null,
    },
    pass: mismatches.length === 0,
    mismatches,
    durationMs: 12,
  };
}
