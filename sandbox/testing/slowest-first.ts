// The order test files start in (vitest.config.ts): the slowest first, so that no long file starts last and runs
// alone while the other workers wait. Vitest orders by its own timings when it has them for every file (its cache,
// after a first run on this machine); a fresh clone has none, and vitest's fallback (larger files first) starts
// several of the slowest files last. There the committed table of measured times (file-weights.json) decides.
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';
import weights from './file-weights.json' with { type: 'json' };

const table: Record<string, number> = weights.seconds;

/** "project:path" as in the table and in vitest's cache. */
const keyOf = (spec: TestSpecification, root: string): string =>
  `${spec.project.name}:${spec.moduleId.startsWith(`${root}/`) ? spec.moduleId.slice(root.length + 1) : spec.moduleId}`;

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files); // groups and projects in vitest's order, each by its timings
    const root = this.ctx.config.root;
    if (sorted.every((spec) => this.ctx.cache.getFileTestResults(keyOf(spec, root)))) return sorted;
    // Within each run of one group and project: files the table does not know first (they may be slow), then by
    // measured seconds, longest first.
    const weight = (spec: TestSpecification) => table[keyOf(spec, root)] ?? Number.POSITIVE_INFINITY;
    const runs: TestSpecification[][] = [];
    for (const spec of sorted) {
      const last = runs.at(-1);
      const same =
        last?.[0] &&
        last[0].project.name === spec.project.name &&
        last[0].project.config.sequence.groupOrder === spec.project.config.sequence.groupOrder;
      if (same) last.push(spec);
      else runs.push([spec]);
    }
    return runs.flatMap((run) => [...run].sort((a, b) => weight(b) - weight(a)));
  }
}
