// X-Amzn-Trace-Id as the ALB writes it (ELB "Request tracing for your Application Load Balancer"):
// no header → Root=1-{8 hex epoch seconds}-{24 hex}; a header with Root → a Self field is inserted in front;
// a header with Self → Self is updated; other fields are kept.
import { randomBytes } from 'node:crypto';

export function newTraceValue(nowMs = Date.now(), random: (n: number) => Buffer = randomBytes): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0');
  return `1-${seconds}-${random(12).toString('hex')}`;
}

export function nextTraceHeader(
  existing: string | undefined,
  nowMs = Date.now(),
  random: (n: number) => Buffer = randomBytes,
): string {
  const id = newTraceValue(nowMs, random);
  const trimmed = existing?.trim();
  if (!trimmed) return `Root=${id}`;
  const fields = trimmed
    .split(';')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const selfIndex = fields.findIndex((f) => /^self=/i.test(f));
  if (selfIndex !== -1) {
    fields[selfIndex] = `Self=${id}`;
    return fields.join(';');
  }
  if (fields.some((f) => /^root=/i.test(f))) return [`Self=${id}`, ...fields].join(';');
  // Inferred: a header without Root gets one, keeping the application's own fields.
  return [`Root=${id}`, ...fields].join(';');
}
