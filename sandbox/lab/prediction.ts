// Predict, then see: what a learner may predict for a probe (what happens to the client, and who decides), what
// actually happened in those same words (from the probe's record), and the score of a whole run. Also the sheet a
// prediction run writes, which `report --predictions FILE` renders. Pure.
import type { Citation, EvidenceLevel } from '../evidence.js';
import type { Outcome, OutcomeCode, ProbeReport, VerifierCode } from '../report.js';
import type { Text } from '../text.js';
import { type Message, msg } from '../messages.js';

/** The choices a learner has: what happens to the client. */
export const PREDICTED_OUTCOMES = [
  'allowed',
  'refused-by-target',
  'reset-in-handshake',
  'tls-alert',
  'load-balancer',
] as const;
export type PredictedOutcome = (typeof PREDICTED_OUTCOMES)[number];

/** Who decides what happens: the load balancer (or CloudFront) in front, or the target behind it. */
export const DECIDERS = ['load-balancer', 'target'] as const;
export type Decider = (typeof DECIDERS)[number];

export interface PredictionPick {
  outcome: PredictedOutcome;
  decider: Decider;
}

/** What happened, in the learner's words; `other` when none of the choices fits (refused connection, timeout…). */
export interface ActualAnswer {
  outcome: PredictedOutcome | 'other';
  decider: Decider;
  code: OutcomeCode;
}

const BY_CODE: Record<OutcomeCode, PredictedOutcome | 'other'> = {
  allowed: 'allowed',
  'refused-by-target': 'refused-by-target',
  'reset-in-handshake': 'reset-in-handshake',
  reset: 'reset-in-handshake',
  'tls-alert': 'tls-alert',
  'tls-failure': 'tls-alert',
  'fixed-response': 'load-balancer',
  redirected: 'load-balancer',
  'blocked-by-waf': 'load-balancer',
  'load-balancer-error': 'load-balancer',
  'connection-refused': 'other',
  timeout: 'other',
  'no-response': 'other',
  skipped: 'other',
};

/** Where TLS ends at the target (it passed through the load balancer): the target ends every handshake. */
const TLS_AT_TARGET: VerifierCode[] = ['nginx', 'target'];
/** The load balancer (or CloudFront) checks the certificate itself: letting a client in is its decision. */
const CHECKED_IN_FRONT: VerifierCode[] = ['alb-trust-store', 'nlb-trust-store', 'cloudfront-trust-store'];

export function actualAnswer(report: Pick<ProbeReport, 'outcome' | 'verifiedBy'>): ActualAnswer {
  const code = report.outcome.code;
  const outcome = BY_CODE[code];
  const decider: Decider =
    outcome === 'load-balancer'
      ? 'load-balancer'
      : outcome === 'refused-by-target'
        ? 'target'
        : outcome === 'allowed'
          ? CHECKED_IN_FRONT.includes(report.verifiedBy)
            ? 'load-balancer'
            : 'target'
          : TLS_AT_TARGET.includes(report.verifiedBy)
            ? 'target'
            : 'load-balancer';
  return { outcome, decider, code };
}

/** One probe of a prediction run: what was picked, what happened, why, and how we know. */
export interface PredictionAnswer {
  probe: string;
  /** The probe's description in both languages: the reason, shown after the answer. */
  description: Text;
  /** null: the learner gave no answer for it. */
  picked: PredictionPick | null;
  actual: ActualAnswer;
  outcome: Outcome;
  evidence: { level: EvidenceLevel; citations: Citation[]; assumption: Text | null };
  outcomeRight: boolean;
  deciderRight: boolean;
}

/** The file a prediction run writes (`report --predictions FILE` renders it). */
export interface PredictionSheet {
  kind: 'mtls-sandbox-predictions';
  version: 1;
  scenario: string;
  title: Text;
  startedAt: string;
  answers: PredictionAnswer[];
}

export function answerFor(
  probe: {
    name: string;
    description: Text;
    evidence: { level: EvidenceLevel; citations: Citation[]; assumption?: Text };
  },
  report: Pick<ProbeReport, 'outcome' | 'verifiedBy'>,
  picked: PredictionPick | null,
): PredictionAnswer {
  const actual = actualAnswer(report);
  return {
    probe: probe.name,
    description: probe.description,
    picked,
    actual,
    outcome: report.outcome,
    evidence: {
      level: probe.evidence.level,
      citations: probe.evidence.citations,
      assumption: probe.evidence.assumption ?? null,
    },
    outcomeRight: picked !== null && picked.outcome === actual.outcome,
    deciderRight: picked !== null && picked.decider === actual.decider,
  };
}

export interface PredictionScore {
  probes: number;
  answered: number;
  outcomes: number;
  deciders: number;
  /** Both right. */
  both: number;
  /** The probes whose answer differed from the prediction (or had none), in order. */
  surprises: string[];
}

export function scoreOf(answers: readonly PredictionAnswer[]): PredictionScore {
  return {
    probes: answers.length,
    answered: answers.filter((answer) => answer.picked !== null).length,
    outcomes: answers.filter((answer) => answer.outcomeRight).length,
    deciders: answers.filter((answer) => answer.deciderRight).length,
    both: answers.filter((answer) => answer.outcomeRight && answer.deciderRight).length,
    surprises: answers.filter((answer) => !(answer.outcomeRight && answer.deciderRight)).map((answer) => answer.probe),
  };
}

/** A file that is not a prediction sheet; `said`, the same as a message code, in the user's language. */
export class SheetError extends Error {
  constructor(
    message: string,
    readonly said: Message,
  ) {
    super(message);
  }
}

/** A sheet read back from a file: the shape checked, so a wrong file is an error that says so, not a crash. */
export function parseSheet(text: string): PredictionSheet {
  const value = JSON.parse(text) as Partial<PredictionSheet>;
  if (value?.kind !== 'mtls-sandbox-predictions' || value.version !== 1 || !Array.isArray(value.answers))
    throw new SheetError(
      'it is not a prediction sheet (kind "mtls-sandbox-predictions", version 1)',
      msg('sheet.not-a-sheet'),
    );
  for (const answer of value.answers)
    if (typeof answer?.probe !== 'string' || typeof answer.actual?.outcome !== 'string')
      throw new SheetError('one of its answers has no probe or no actual outcome', msg('sheet.answer-incomplete'));
  return value as PredictionSheet;
}
