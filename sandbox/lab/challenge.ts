// A scenario's challenges checked against the running topology: each part is a probe whose expectation is the goal's
// (not a claim about AWS), and the part holds when nothing differs from it. Pure.
import type { Message } from '../messages.js';
import type { ProbeReport } from '../report.js';
import type { Challenge, ChallengePart, ProbeSpec } from '../scenario.js';
import type { Text } from '../text.js';

const THE_GOAL: Text = {
  en: "This part's expectation is the challenge's goal, not a statement of what AWS does.",
  ja: 'この部分の期待値はチャレンジの目標であり、AWS の挙動を述べたものではない。',
};

/** A part of the goal as a probe the engine runs like any other. */
export function partProbe(challenge: Challenge, part: ChallengePart): ProbeSpec {
  return {
    name: `${challenge.id}--${part.name}`,
    description: part.goal,
    via: part.via,
    client: part.client,
    expect: part.expect,
    evidence: { level: 'assumed', citations: [], assumption: THE_GOAL },
  };
}

export interface ChallengePartResult {
  name: string;
  goal: Text;
  holds: boolean;
  /** Why it does not hold yet: what differed from the goal. */
  mismatches: Message[];
  report: ProbeReport;
}

export interface ChallengeResult {
  challenge: string;
  parts: ChallengePartResult[];
  /** Every part holds. */
  complete: boolean;
}

export function challengeResult(challenge: Challenge, reports: ProbeReport[]): ChallengeResult {
  const parts = challenge.check.map((part, index): ChallengePartResult => {
    const report = reports[index]!;
    const ran = !report.skipped;
    return {
      name: part.name,
      goal: part.goal,
      holds: ran && report.mismatches.length === 0,
      mismatches: report.mismatches,
      report,
    };
  });
  return { challenge: challenge.id, parts, complete: parts.every((part) => part.holds) };
}
