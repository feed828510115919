// `--template FILE` as a scenario: read, given its --parameters, compiled once to see what it holds, and turned into
// a scenario whose synth step returns the template as it is (scenario.ts). The runner compiles it again, as it does
// every scenario, tolerantly: what cannot be realized is a finding, never the end of the run.
import { resolve } from 'node:path';
import { compileTemplate } from '../model/compile.js';
import type { ScenarioDefinition } from '../scenario.js';
import { withParameters } from './parameters.js';
import { readTemplate, stackNameOf } from './read.js';
import { templateScenario } from './scenario.js';

export { TemplateError } from './read.js';

export function loadTemplateScenario(file: string, parameters: Record<string, string> = {}): ScenarioDefinition {
  const path = resolve(file);
  const template = withParameters(readTemplate(path), parameters, file);
  const stackName = stackNameOf(template);
  return templateScenario(
    template,
    { file: path, stackName },
    compileTemplate(template, stackName, { tolerant: true }),
  );
}
