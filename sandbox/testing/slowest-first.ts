// The order test files start in (vitest.config.ts): the unit files, then the integration files (which wait for the
// fixture that is made while the unit files run), each project's slowest first, so that no long file starts last and
// runs alone while the other workers wait. A file's time is vitest's own record of its last run on this machine,
// else the committed table of measured times (file-weights.json: a fresh clone has no record, and vitest's fallback,
// larger files first, started several of the slowest files last), else unknown: first, as it may be slow.
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';
import weights from './file-weights.json' with { type: 'json' };

const table: Record<string, number> = weights.seconds;
/** Projects in the order their files start; a project not named here comes last. */
const PROJECT_ORDER = ['unit', 'integration'];

/** "project:path" as in the table and in vitest's cache. */
const keyOf = (spec: TestSpecification, root: string): string =>
  `${spec.project.name}:${spec.moduleId.startsWith(`${root}/`) ? spec.moduleId.slice(root.length + 1) : spec.moduleId}`;

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const rank = (spec: TestSpecification) => {
      const at = PROJECT_ORDER.indexOf(spec.project.name);
      return at < 0 ? PROJECT_ORDER.length : at;
    };
    const millis = (spec: TestSpecification) => {
      const key = keyOf(spec, root);
      const known = this.ctx.cache.getFileTestResults(key)?.duration;
      if (known !== undefined) return known;
      const seconds = table[key];
      return seconds === undefined ? Number.POSITIVE_INFINITY : seconds * 1000;
    };
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        rank(a) - rank(b) ||
        millis(b) - millis(a),
    );
  }
}
