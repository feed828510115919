// A refusal: the error AWS's API would answer for a field it validates, and why. Thrown by the readers of this
// folder; the compiler turns it into an AwsApiError (a set-up error naming the resource), the ELBv2 API into the
// error response. Pure.
// AWS answers a failed model constraint with ValidationError worded "1 validation error detected: Value '…' at
// '…' failed to satisfy constraint: …" (seen in published output, e.g. for a WAF rule name: docs/sources.md,
// published-aws-errors); the wording helpers below keep that form. Which code a rule outside the model gives is
// mostly not published: those refusals are marked assumed.

export class Refusal extends Error {
  constructor(
    /** AWS's error code, e.g. ValidationError, PriorityInUse. */
    readonly code: string,
    /** The message, as AWS words it where that is known. */
    readonly awsMessage: string,
    /** What in the input breaks which rule, in the sandbox's words. */
    readonly detail: string,
    /** The rule is AWS's; the code (and wording) it gives is the sandbox's choice. */
    readonly assumed: boolean,
  ) {
    super(`${code}: ${awsMessage} (${detail})`);
    this.name = 'Refusal';
  }
}

export const VALIDATION = 'ValidationError';
export const INVALID_ACTION = 'InvalidLoadBalancerAction';

/** Throws a ValidationError whose code is assumed. */
export function refuse(message: string, detail: string, code = VALIDATION, assumed = true): never {
  throw new Refusal(code, message, detail, assumed);
}

/** The model's constraint wording: "1 validation error detected: Value 'x' at 'member' failed to satisfy …". */
export function constraint(value: unknown, member: string, rule: string): string {
  const shown = value === null || value === undefined ? 'null' : `'${shorten(String(value))}'`;
  return `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${rule}`;
}

/** Long values are cut in messages (AWS echoes them whole; a 64K value would make the answer unreadable). */
function shorten(text: string): string {
  return text.length > 256 ? `${text.slice(0, 256)}…` : text;
}

/** A required member that is missing. */
export function required(value: unknown, member: string, what: string): void {
  if (value === undefined || value === null)
    refuse(constraint(null, member, 'Member must not be null'), `${what} is required`);
}

/** Length in characters (code points), as the API model's min/max count them (assumed: not UTF-16 units). */
export function length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    n++;
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) i++;
  }
  return n;
}

export function checkLength(text: string, member: string, what: string, min: number, max: number): void {
  const n = length(text);
  if (n < min)
    refuse(constraint(text, member, `Member must have length greater than or equal to ${min}`), `${what} is empty`);
  if (n > max)
    refuse(
      constraint(text, member, `Member must have length less than or equal to ${max}`),
      `${what} is ${n} characters; AWS allows ${max}`,
    );
}

/** C0 controls and DEL: no header, URL or status line can carry them. */
export function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

/** Characters XML 1.0 cannot carry at all, escaped or not: other C0 controls, U+FFFE, U+FFFF, lone surrogates. */
export function notInXml(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code === 0xfffe || code === 0xffff) return true;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(at + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(at - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/** The first character the test rejects, shown for a message ("U+000D"), or null. */
export function firstRejected(text: string, rejects: (text: string, at: number) => boolean): string | null {
  for (let i = 0; i < text.length; i++)
    if (rejects(text, i)) return `U+${text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
  return null;
}

export const CONTROL = (text: string, at: number): boolean => isControl(text.charCodeAt(at));
export const NOT_XML = notInXml;
