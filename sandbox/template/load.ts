// `--template FILE` as a scenario: read, compiled once to see what it holds, and turned into a scenario whose synth
// step returns the template as it is (scenario.ts). The runner compiles it again, as it does every scenario.
import { resolve } from 'node:path';
import { compileTemplate } from '../model/compile.js';
import type { ScenarioDefinition } from '../scenario.js';
import { readTemplate, stackNameOf } from './read.js';
import { templateScenario } from './scenario.js';

export { TemplateError } from './read.js';

export function loadTemplateScenario(file: string): ScenarioDefinition {
  const path = resolve(file);
  const template = readTemplate(path);
  const stackName = stackNameOf(template);
  return templateScenario(template, { file: path, stackName }, compileTemplate(template, stackName));
}
