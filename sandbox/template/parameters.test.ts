import { describe, expect, it } from 'vitest';
import { resolveValue, type CfnTemplate } from '../model/cfn.js';
import { withParameters } from './parameters.js';
import { TemplateError } from './read.js';

const template: CfnTemplate = {
  Parameters: {
    Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'] },
    Port: { Type: 'Number', Default: 80 },
    Name: { Type: 'String', AllowedPattern: '[a-z]+' },
    Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/version' },
  },
  Resources: { X: { Type: 'AWS::SNS::Topic' } },
};

describe('withParameters: --parameters checked as CreateStack checks them', () => {
  it('gives values that resolve in place of the defaults, SSM types included', () => {
    const given = withParameters(template, { Env: 'prod', Port: '8443', Name: 'web', Version: '42' }, 't.yaml');
    expect(resolveValue({ Ref: 'Env' }, given)).toBe('prod');
    expect(resolveValue({ Ref: 'Port' }, given)).toBe('8443');
    expect(resolveValue({ Ref: 'Version' }, given)).toBe('42');
    expect(template.Parameters?.Env?.Default).toBe('dev');
  });

  it('refuses an undeclared key, a value outside AllowedValues or AllowedPattern, and a Number that is none', () => {
    expect(() => withParameters(template, { Nope: '1' }, 't.yaml')).toThrow(TemplateError);
    expect(() => withParameters(template, { Nope: '1' }, 't.yaml')).toThrow(/declares no parameter Nope.*Env, Port/);
    expect(() => withParameters(template, { Env: 'test' }, 't.yaml')).toThrow(/allows only dev, prod/);
    expect(() => withParameters(template, { Name: 'Web1' }, 't.yaml')).toThrow(/AllowedPattern/);
    expect(() => withParameters(template, { Port: 'eighty' }, 't.yaml')).toThrow(/not a number/);
    expect(() => withParameters(template, { constructor: 'x' }, 't.yaml')).toThrow(/declares no parameter/);
  });
});
