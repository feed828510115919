// Where each probe of a user's scenario.ts is written: the line of its name and of its fields, read from the text
// (no type checker at run time). A verdict then points at "scenario.ts:12", and a load-time check at the field's
// line. Probes that a helper function makes have no name in the text: their lines stay unknown. Pure.

export type ProbeLines = Partial<
  Record<'name' | 'loadBalancer' | 'port' | 'certificate' | 'expect' | 'evidence', number>
>;

/** How far after its name a probe's fields are looked for, at most. */
const MAX_BLOCK = 80;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The 1-based lines of each named probe's name and fields; a probe whose name the text does not hold is absent. */
export function probeLines(text: string, names: readonly string[]): Map<string, ProbeLines> {
  const lines = text.split('\n');
  const nameLines = new Map<string, number[]>();
  for (const name of names) {
    const pattern = new RegExp(`\\bname:\\s*(['"\`])${escapeRegExp(name)}\\1`);
    nameLines.set(
      name,
      lines.flatMap((line, index) => (pattern.test(line) ? [index] : [])),
    );
  }
  // Every name line of any probe ends the block of the one before it.
  const starts = [...new Set([...nameLines.values()].flat())].sort((a, b) => a - b);
  const found = new Map<string, ProbeLines>();
  for (const name of names) {
    for (const start of nameLines.get(name) ?? []) {
      const next = starts.find((line) => line > start) ?? lines.length;
      const block = lines.slice(start, Math.min(next, start + MAX_BLOCK));
      const at = (field: RegExp): number | undefined => {
        const index = block.findIndex((line) => field.test(line));
        return index < 0 ? undefined : start + index + 1;
      };
      const expect = at(/^\s*expect\b\s*[:,]/);
      const via = at(/^\s*via\b\s*[:,]/);
      // A backend of `targets` may share a probe's name; a probe's block has what it expects.
      if (expect === undefined && via === undefined) continue;
      found.set(name, {
        name: start + 1,
        loadBalancer: at(/\bloadBalancer\s*:/) ?? via,
        port: at(/\bport\s*:/) ?? via,
        certificate: at(/\bcertificate\s*:/),
        expect,
        evidence: at(/^\s*evidence\b\s*[:,]/),
      });
      break;
    }
  }
  return found;
}
