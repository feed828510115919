import { describe, expect, it } from 'vitest';
import {
  conditionHolds,
  dependenciesOf,
  isResourceRef,
  MAX_DEPTH,
  NO_VALUE,
  referencedLogicalId,
  resolveValue,
  UnresolvableValue,
  type CfnTemplate,
  type CfnValue,
} from './cfn.js';

/** The message code (and parameters) an unresolvable value is refused with. */
function refusal(value: CfnValue, on: CfnTemplate = template): { code: string; params?: object } {
  try {
    resolveValue(value, on);
  } catch (error) {
    if (error instanceof UnresolvableValue) return error.reason;
    throw error;
  }
  throw new Error(`${JSON.stringify(value)} resolved`);
}

const template: CfnTemplate = {
  Parameters: {
    Port: { Type: 'Number', Default: 8443 },
    Domain: { Type: 'String', Default: 'example.org' },
    NoDefault: { Type: 'String' },
  },
  Resources: {
    Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
};

describe('resolveValue: literals', () => {
  it('leaves strings, numbers, booleans and null as they are', () => {
    expect(resolveValue('text', template)).toBe('text');
    expect(resolveValue(443, template)).toBe(443);
    expect(resolveValue(true, template)).toBe(true);
    expect(resolveValue(null, template)).toBeNull();
    expect(resolveValue(undefined, template)).toBeUndefined();
  });

  it('resolves inside arrays and objects with several keys, keeping plain one-key objects', () => {
    const value = { Port: { Ref: 'Port' }, Name: 'x', Matcher: { HttpCode: '200' }, List: [{ Ref: 'Domain' }, 'y'] };
    // A Ref to a parameter gives its value as a string, whatever its Type (CloudFormation: "the parameter value
    // becomes a string").
    expect(resolveValue(value, template)).toEqual({
      Port: '8443',
      Name: 'x',
      Matcher: { HttpCode: '200' },
      List: ['example.org', 'y'],
    });
  });
});

describe('resolveValue: Ref', () => {
  it('gives a parameter its default', () => {
    expect(resolveValue({ Ref: 'Port' }, template)).toBe('8443');
    expect(resolveValue({ Ref: 'Domain' }, template)).toBe('example.org');
  });

  it('refuses a parameter without a value, naming it and how to give one', () => {
    expect(refusal({ Ref: 'NoDefault' })).toEqual({ code: 'cfn.parameter-no-value', params: { name: 'NoDefault' } });
  });

  it('refuses a Ref to a name the template does not declare, never one of Object.prototype', () => {
    expect(refusal({ Ref: 'Nothing' })).toEqual({ code: 'cfn.undefined-ref', params: { name: 'Nothing' } });
    expect(refusal({ Ref: 'constructor' }).code).toBe('cfn.undefined-ref');
    expect(refusal({ Ref: '__proto__' }).code).toBe('cfn.undefined-ref');
  });

  it('splits list parameters at commas and refuses SSM parameter types unless a value is given', () => {
    const lists: CfnTemplate = {
      Parameters: {
        Cidrs: { Type: 'CommaDelimitedList', Default: '10.0.0.0/8, 192.168.0.0/16' },
        Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/version' },
        Given: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '21', MtlsSandboxGiven: true },
      },
      Resources: {},
    };
    expect(resolveValue({ Ref: 'Cidrs' }, lists)).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
    expect(refusal({ Ref: 'Version' }, lists)).toEqual({
      code: 'cfn.parameter-ssm',
      params: { name: 'Version', key: '/cdk-bootstrap/version' },
    });
    expect(resolveValue({ Ref: 'Given' }, lists)).toBe('21');
  });

  it('resolves the pseudo parameters to the sandbox account and region', () => {
    expect(resolveValue({ Ref: 'AWS::Region' }, template)).toBe('us-east-1');
    expect(resolveValue({ Ref: 'AWS::AccountId' }, template)).toBe('000000000000');
    expect(resolveValue({ Ref: 'AWS::Partition' }, template)).toBe('aws');
    expect(resolveValue({ Ref: 'AWS::URLSuffix' }, template)).toBe('amazonaws.com');
    expect(resolveValue({ Ref: 'AWS::NoValue' }, template)).toBe(NO_VALUE);
  });

  it('removes the property or list item that holds AWS::NoValue', () => {
    const value = { Keep: 'k', Drop: { Ref: 'AWS::NoValue' }, List: ['a', { Ref: 'AWS::NoValue' }, 'b'] };
    expect(resolveValue(value, template)).toEqual({ Keep: 'k', List: ['a', 'b'] });
  });

  it('turns a reference to a resource into a ResourceRef naming its logical id', () => {
    const resolved = resolveValue({ Ref: 'Nlb' }, template);
    expect(resolved).toEqual({ ref: 'Nlb' });
    expect(isResourceRef(resolved)).toBe(true);
  });
});

describe('resolveValue: Fn::GetAtt', () => {
  it('accepts the list form', () => {
    expect(resolveValue({ 'Fn::GetAtt': ['Nlb', 'DNSName'] }, template)).toEqual({ ref: 'Nlb', attribute: 'DNSName' });
  });

  it('accepts the dotted string form', () => {
    expect(resolveValue({ 'Fn::GetAtt': 'Bucket.Arn' }, template)).toEqual({ ref: 'Bucket', attribute: 'Arn' });
  });
});

describe('resolveValue: Fn::Join', () => {
  it('joins literals, parameters and pseudo parameters with the separator', () => {
    const value = {
      'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 's3', { Ref: 'AWS::Region' }, { Ref: 'Domain' }]],
    };
    expect(resolveValue(value, template)).toBe('arn:aws:s3:us-east-1:example.org');
  });

  it('writes resource references as {Id} and {Id.Attribute} tokens', () => {
    const value = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': ['Nlb', 'DNSName'] }, '/', { Ref: 'Bucket' }]] };
    expect(resolveValue(value, template)).toBe('https://{Nlb.DNSName}/{Bucket}');
  });
});

describe('resolveValue: Fn::Sub', () => {
  it('substitutes parameters, pseudo parameters and resource attributes in the string form', () => {
    const value = {
      'Fn::Sub': 'arn:${AWS::Partition}:elb:${AWS::Region}:${AWS::AccountId}:${Domain}/${Nlb}/${Nlb.DNSName}',
    };
    expect(resolveValue(value, template)).toBe('arn:aws:elb:us-east-1:000000000000:example.org/{Nlb}/{Nlb.DNSName}');
  });

  it('prefers the variables of the list form, resolving them first', () => {
    const value = { 'Fn::Sub': ['${Scheme}://${Host}:${Port}', { Scheme: 'https', Host: { Ref: 'Domain' } }] };
    expect(resolveValue(value, template)).toBe('https://example.org:8443');
  });

  it('writes ${!Literal} as the literal ${Literal}, as CloudFormation does', () => {
    expect(resolveValue({ 'Fn::Sub': 'x=${!Literal} y=${Domain}' }, template)).toBe('x=${Literal} y=example.org');
  });
});

describe('resolveValue: Fn::Select', () => {
  it('picks by index from a literal list', () => {
    expect(resolveValue({ 'Fn::Select': [1, ['a', 'b', 'c']] }, template)).toBe('b');
  });

  it('accepts a string index and resolves the items', () => {
    expect(resolveValue({ 'Fn::Select': ['0', [{ Ref: 'Domain' }, 'z']] }, template)).toBe('example.org');
  });

  it('resolves a function inside the selected item', () => {
    const value = { 'Fn::Select': [1, ['a', { 'Fn::Join': ['-', [{ Ref: 'Domain' }, { Ref: 'Port' }]] }]] };
    expect(resolveValue(value, template)).toBe('example.org-8443');
  });

  it('selects from a list made by Fn::Split and Fn::GetAZs', () => {
    expect(resolveValue({ 'Fn::Select': [2, { 'Fn::Split': [',', 'a,b,c'] }] }, template)).toBe('c');
    expect(resolveValue({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, template)).toBe('us-east-1a');
  });

  it('selects from a deploy-time value split into parts (a function URL) a token naming it, not an error', () => {
    const withUrl: CfnTemplate = { Resources: { Url: { Type: 'AWS::Lambda::Url' } } };
    const domain = { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Url', 'FunctionUrl'] }] }] };
    expect(resolveValue(domain, withUrl)).toBe('{Url.FunctionUrl}');
  });

  it('refuses an index out of range, as CloudFormation does, instead of an undefined value', () => {
    expect(refusal({ 'Fn::Select': [3, ['a', 'b']] })).toEqual({
      code: 'cfn.select-range',
      params: { index: '3', length: 2 },
    });
    expect(refusal({ 'Fn::Select': [-1, ['a']] }).code).toBe('cfn.select-range');
    expect(refusal({ 'Fn::Select': ['x', ['a']] }).code).toBe('cfn.select-range');
  });
});

describe('resolveValue: Fn::Sub refusals', () => {
  it('refuses a variable that is neither its own, a parameter, a resource nor a pseudo parameter', () => {
    expect(refusal({ 'Fn::Sub': 'x-${Undefined}' })).toEqual({
      code: 'cfn.sub-undefined',
      params: { name: 'Undefined' },
    });
    expect(refusal({ 'Fn::Sub': '${Missing.Arn}' }).code).toBe('cfn.sub-undefined');
  });
});

describe('resolveValue: Fn::Base64, Fn::Split, Fn::Join, Fn::FindInMap, Fn::Length', () => {
  it('encodes a resolved string in Base64', () => {
    expect(resolveValue({ 'Fn::Base64': { 'Fn::Sub': '#!/bin/sh\necho ${Domain}' } }, template)).toBe(
      Buffer.from('#!/bin/sh\necho example.org').toString('base64'),
    );
  });

  it('splits and joins', () => {
    expect(resolveValue({ 'Fn::Split': ['/', 'a/b/c'] }, template)).toEqual(['a', 'b', 'c']);
    expect(resolveValue({ 'Fn::Join': ['-', { 'Fn::Split': ['/', 'a/b'] }] }, template)).toBe('a-b');
    expect(refusal({ 'Fn::Join': ['-', 'not a list'] })).toEqual({
      code: 'cfn.not-a-list',
      params: { fn: 'Fn::Join' },
    });
    expect(refusal({ 'Fn::Join': ['-', [['nested']]] }).code).toBe('cfn.not-a-string');
  });

  it('looks values up in Mappings and refuses a missing key', () => {
    const mapped: CfnTemplate = { Mappings: { Ports: { prod: { Https: 8443 } } }, Resources: {} };
    expect(resolveValue({ 'Fn::FindInMap': ['Ports', 'prod', 'Https'] }, mapped)).toBe(8443);
    expect(refusal({ 'Fn::FindInMap': ['Ports', 'dev', 'Https'] }, mapped)).toEqual({
      code: 'cfn.findinmap-missing',
      params: { map: 'Ports', top: 'dev', second: 'Https' },
    });
  });

  it('counts a list', () => {
    expect(resolveValue({ 'Fn::Length': ['a', 'b', { Ref: 'AWS::NoValue' }] }, template)).toBe(2);
  });
});

describe('Conditions and Fn::If', () => {
  const withConditions: CfnTemplate = {
    Parameters: { Env: { Type: 'String', Default: 'prod' }, Tls: { Type: 'String', Default: 'true' } },
    Conditions: {
      IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      WantsTls: { 'Fn::Equals': [{ Ref: 'Tls' }, 'true'] },
      ProdTls: { 'Fn::And': [{ Condition: 'IsProd' }, { Condition: 'WantsTls' }] },
      NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      Either: { 'Fn::Or': [{ Condition: 'NotProd' }, { 'Fn::Equals': ['a', 'a'] }] },
      Loop: { 'Fn::Not': [{ Condition: 'Loop2' }] },
      Loop2: { 'Fn::Not': [{ Condition: 'Loop' }] },
    },
    Resources: {},
  };

  it('evaluates Fn::Equals, Fn::And, Fn::Or, Fn::Not and named conditions', () => {
    expect(conditionHolds('IsProd', withConditions)).toBe(true);
    expect(conditionHolds('ProdTls', withConditions)).toBe(true);
    expect(conditionHolds('NotProd', withConditions)).toBe(false);
    expect(conditionHolds('Either', withConditions)).toBe(true);
  });

  it('picks the Fn::If branch, and AWS::NoValue in a branch removes the property', () => {
    const value = {
      Port: { 'Fn::If': ['WantsTls', 443, 80] },
      Certificates: { 'Fn::If': ['NotProd', ['c'], { Ref: 'AWS::NoValue' }] },
    };
    expect(resolveValue(value, withConditions)).toEqual({ Port: 443 });
  });

  it('refuses an undeclared condition and conditions that refer to each other in a circle', () => {
    expect(refusal({ 'Fn::If': ['Nope', 1, 2] }, withConditions)).toEqual({
      code: 'cfn.condition-undefined',
      params: { name: 'Nope' },
    });
    expect(refusal({ 'Fn::If': ['Loop', 1, 2] }, withConditions)).toEqual({
      code: 'cfn.condition-circular',
      params: { names: 'Loop → Loop2 → Loop' },
    });
  });
});

describe('resolveValue: bounds and unsupported functions', () => {
  it('refuses a value nested deeper than MAX_DEPTH instead of exhausting the stack', () => {
    let deep: CfnValue = 'leaf';
    for (let level = 0; level < 100_000; level += 1) deep = [deep];
    expect(refusal(deep)).toEqual({ code: 'cfn.too-deep', params: { max: MAX_DEPTH } });
    let conditions: CfnValue = { 'Fn::Equals': ['a', 'a'] };
    for (let level = 0; level < 10_000; level += 1) conditions = { 'Fn::Not': [conditions] };
    expect(() => conditionHolds('Deep', { Conditions: { Deep: conditions }, Resources: {} })).toThrow(
      UnresolvableValue,
    );
  });

  it('throws UnresolvableValue naming the function', () => {
    expect(refusal({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] })).toEqual({
      code: 'cfn.unsupported-function',
      params: { fn: 'Fn::Cidr' },
    });
    expect(refusal({ 'Fn::ImportValue': 'SharedVpc' }).code).toBe('cfn.import-value');
  });
});

describe('dependenciesOf', () => {
  it('finds Ref, Fn::GetAtt, Fn::Sub names and DependsOn, resources only', () => {
    const resource = {
      Type: 'X',
      DependsOn: ['Bucket'],
      Properties: { A: { Ref: 'Nlb' }, B: { 'Fn::Sub': '${Bucket.Arn}/${Domain}/${!Literal}' }, C: { Ref: 'Port' } },
    };
    expect([...dependenciesOf(resource, template)].sort()).toEqual(['Bucket', 'Nlb']);
  });
});

describe('referencedLogicalId', () => {
  it('reads a ResourceRef', () => {
    expect(referencedLogicalId({ ref: 'Tg' })).toBe('Tg');
    expect(referencedLogicalId({ ref: 'Tg', attribute: 'Arn' })).toBe('Tg');
  });

  it('reads a whole-string token made from a reference', () => {
    expect(referencedLogicalId('{Tg}')).toBe('Tg');
    expect(referencedLogicalId('{Tg.LoadBalancerArn}')).toBe('Tg');
  });

  it('returns null for other values', () => {
    expect(referencedLogicalId('arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x')).toBeNull();
    expect(referencedLogicalId('prefix-{Tg}')).toBeNull();
    expect(referencedLogicalId(42)).toBeNull();
    expect(referencedLogicalId(null)).toBeNull();
    expect(referencedLogicalId({ Ref: 'Tg' })).toBeNull();
  });
});
