import { describe, expect, it } from 'vitest';
import { isResourceRef, referencedLogicalId, resolveValue, UnresolvableValue, type CfnTemplate } from './cfn.js';

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
    expect(resolveValue(value, template)).toEqual({
      Port: 8443,
      Name: 'x',
      Matcher: { HttpCode: '200' },
      List: ['example.org', 'y'],
    });
  });
});

describe('resolveValue: Ref', () => {
  it('gives a parameter its default', () => {
    expect(resolveValue({ Ref: 'Port' }, template)).toBe(8443);
    expect(resolveValue({ Ref: 'Domain' }, template)).toBe('example.org');
  });

  it('names a parameter without a default as {param:Name}', () => {
    expect(resolveValue({ Ref: 'NoDefault' }, template)).toBe('{param:NoDefault}');
  });

  it('resolves the pseudo parameters to the sandbox account and region', () => {
    expect(resolveValue({ Ref: 'AWS::Region' }, template)).toBe('us-east-1');
    expect(resolveValue({ Ref: 'AWS::AccountId' }, template)).toBe('000000000000');
    expect(resolveValue({ Ref: 'AWS::Partition' }, template)).toBe('aws');
    expect(resolveValue({ Ref: 'AWS::URLSuffix' }, template)).toBe('amazonaws.com');
    expect(resolveValue({ Ref: 'AWS::NoValue' }, template)).toBe('');
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

  it('refuses a list made by Fn::Split, naming it rather than guessing', () => {
    const value = { 'Fn::Select': [2, { 'Fn::Split': [',', 'a,b,c'] }] };
    expect(() => resolveValue(value, template)).toThrow(/Fn::Split/);
  });
});

describe('resolveValue: unsupported functions', () => {
  it('throws UnresolvableValue naming the function', () => {
    expect(() => resolveValue({ 'Fn::If': ['Cond', 'a', 'b'] }, template)).toThrow(UnresolvableValue);
    expect(() => resolveValue({ 'Fn::GetAZs': '' }, template)).toThrow(/Fn::GetAZs is not supported/);
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
