// A vitest reporter (vitest.config.ts, beside the default one) that keeps the suite's wall time per project in
// .sandbox/test-times.json for `npm run bench`: when each test file started and ended, as vitest reports it. A run of
// some files only (a filter, `.only`) changes nothing: its figure would not be the suite's.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Reporter, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import { type ModuleSpan, parseTestTimes, updateTestTimes } from './test-times.js';

/** Where the record is kept, under the project's own state folder (not a test's MTLS_SANDBOX_STATE). */
export const testTimesFile = (root: string): string => join(root, '.sandbox', 'test-times.json');

export default class TestTimesReporter implements Reporter {
  private vitest: Vitest | null = null;
  private startMs = 0;
  private readonly started = new Map<string, number>();
  private readonly modules: ModuleSpan[] = [];
  private specifications: readonly TestSpecification[] = [];

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
    this.startMs = Date.now();
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.specifications = specifications;
    this.started.clear();
    this.modules.length = 0;
  }

  onTestModuleStart(testModule: TestModule): void {
    this.started.set(testModule.moduleId, Date.now());
  }

  onTestModuleEnd(testModule: TestModule): void {
    const endMs = Date.now();
    const tests = [...testModule.children.allTests()];
    this.modules.push({
      project: testModule.project.name,
      startMs: this.started.get(testModule.moduleId) ?? endMs,
      endMs,
      tests: tests.length,
      failedTests: tests.filter((test) => test.result().state === 'failed').length,
    });
  }

  async onTestRunEnd(
    _testModules: ReadonlyArray<TestModule>,
    _errors: ReadonlyArray<unknown>,
    reason: TestRunEndReason,
  ): Promise<void> {
    const vitest = this.vitest;
    if (!vitest) return;
    try {
      // Every test file of the projects this run selected (--project narrows them): a project is measured only when
      // all of its files ran.
      const all = await vitest.globTestSpecifications();
      const ran = new Set(this.specifications.map((spec) => `${spec.project.name}\0${spec.moduleId}`));
      const projects = new Set(all.map((spec) => spec.project.name));
      const complete = new Set(
        [...projects].filter((project) =>
          all.every((spec) => spec.project.name !== project || ran.has(`${project}\0${spec.moduleId}`)),
        ),
      );
      // The whole suite: no --project filter, and every project complete.
      const everyProject =
        vitest.config.project.length === 0 && vitest.projects.every((project) => complete.has(project.name));
      if (complete.size === 0) return; // some files only: nothing measured, the record stays as it was
      const file = testTimesFile(vitest.config.root);
      let previous = null;
      try {
        previous = parseTestTimes(readFileSync(file, 'utf8'));
      } catch {
        // no record yet
      }
      const next = updateTestTimes(previous, {
        startMs: this.startMs,
        endMs: Date.now(),
        reason,
        at: new Date(),
        modules: this.modules,
        complete,
        wholeSuite: everyProject,
      });
      mkdirSync(dirname(file), { recursive: true });
      // Written whole then renamed: the bench never reads half a record.
      writeFileSync(`${file}.${process.pid}`, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(`${file}.${process.pid}`, file);
    } catch (error) {
      // A measurement must never fail the suite; say why it is missing.
      process.stderr.write(`test-times reporter: not recorded (${(error as Error).message})\n`);
    }
  }
}
