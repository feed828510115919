// --parameters KEY=VALUE on a template, checked as CloudFormation's CreateStack checks them: a key the template does
// not declare, or a value its AllowedValues, AllowedPattern or Number type refuses, is an error naming it. The
// values go into a copy of the template as the parameters' Default (marked as given), so that every later reader —
// the compiler, the configuration excerpts — resolves them alike. Pure.
import { RE2JS } from 're2js';
import type { CfnParameter, CfnTemplate } from '../model/cfn.js';
import { TemplateError } from './read.js';

export function withParameters(template: CfnTemplate, given: Record<string, string>, file: string): CfnTemplate {
  const names = Object.keys(given);
  if (names.length === 0) return template;
  const declared = template.Parameters ?? {};
  const parameters: Record<string, CfnParameter> = { ...declared };
  for (const name of names) {
    const parameter = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (!parameter) {
      const known = Object.keys(declared);
      throw new TemplateError(
        `--parameters ${name}: ${file} declares no parameter ${name} (CloudFormation: "Parameters: [${name}] do not exist in the template"). ${known.length > 0 ? `It declares: ${known.join(', ')}.` : 'It declares no parameters.'}`,
      );
    }
    const value = given[name]!;
    const problem = valueProblem(parameter, value);
    if (problem) throw new TemplateError(`--parameters ${name}=${value}: ${problem}`);
    parameters[name] = { ...parameter, Default: value, MtlsSandboxGiven: true };
  }
  return { ...template, Parameters: parameters };
}

/** What CloudFormation says of a value its parameter's constraints refuse, or null. */
function valueProblem(parameter: CfnParameter, value: string): string | null {
  const type = String(parameter.Type ?? 'String');
  if (type === 'Number' && (value.trim() === '' || !Number.isFinite(Number(value))))
    return `the parameter's Type is Number; "${value}" is not a number.`;
  if (type === 'List<Number>' && value.split(',').some((item) => !Number.isFinite(Number(item)) || item.trim() === ''))
    return `the parameter's Type is List<Number>; give numbers separated by commas.`;
  const allowed = Array.isArray(parameter.AllowedValues) ? parameter.AllowedValues.map(String) : null;
  if (allowed && !allowed.includes(value)) return `the parameter allows only ${allowed.join(', ')} (AllowedValues).`;
  if (typeof parameter.AllowedPattern === 'string') {
    // CloudFormation matches the whole value (Java regular expressions); RE2 matches in linear time whatever the
    // template's pattern. A pattern RE2 cannot read is not checked here (CloudFormation would).
    let pattern: RE2JS | null = null;
    try {
      pattern = RE2JS.compile(parameter.AllowedPattern);
    } catch {
      pattern = null;
    }
    if (pattern && !pattern.matches(value))
      return `the value does not match the parameter's AllowedPattern ${parameter.AllowedPattern}.`;
  }
  return null;
}
