import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, Params, parseQuery, QUERY_LIMITS, type QueryValue, ValidationError } from './query.js';
import { xmlError, xmlResponse } from './xml.js';

describe('parseQuery', () => {
  it('reads what the AWS CLI sends for create-rule into the API model shape', () => {
    const body = new URLSearchParams({
      Action: 'CreateRule',
      Version: '2015-12-01',
      ListenerArn: 'arn:l',
      Priority: '100',
      'Conditions.member.1.Field': 'http-header',
      'Conditions.member.1.HttpHeaderConfig.HttpHeaderName': 'X-Amzn-Mtls-Clientcert-Subject',
      'Conditions.member.1.HttpHeaderConfig.Values.member.1': '*CN=clientA*',
      'Actions.member.1.Type': 'fixed-response',
      'Actions.member.1.FixedResponseConfig.StatusCode': '200',
      'Actions.member.1.FixedResponseConfig.MessageBody': 'Success!!',
    }).toString();
    expect(parseQuery(body)).toEqual({
      action: 'CreateRule',
      version: '2015-12-01',
      params: {
        ListenerArn: 'arn:l',
        Priority: '100',
        Conditions: [
          {
            Field: 'http-header',
            HttpHeaderConfig: { HttpHeaderName: 'X-Amzn-Mtls-Clientcert-Subject', Values: ['*CN=clientA*'] },
          },
        ],
        Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', MessageBody: 'Success!!' } }],
      },
    });
  });

  it('puts list members in their index order, whatever order they arrive in', () => {
    const { params } = parseQuery('Action=X&Names.member.2=b&Names.member.1=a&Names.member.3=c');
    expect(params.Names).toEqual(['a', 'b', 'c']);
  });

  it('refuses a list member whose index is not a whole number from 1 to 1,000 instead of guessing', () => {
    for (const index of ['x', '0', '01', '-1', '+1', '1e3', '1001', '', '99999999999999999999'])
      expect(() => parseQuery(`Action=X&Names.member.${index}=b&Names.member.1=a`), index).toThrow(
        /must be a whole number from 1 to 1000/,
      );
    expect(parseQuery('Action=X&Names.member.1000=z&Names.member.1=a').params.Names).toEqual(['a', 'z']);
  });

  it('refuses a sparse index at once, before any work that grows with it', () => {
    // Issue 23: this took 42 s and blocked every listener of `up`; now it is refused as text, in constant time.
    expect(() => parseQuery('Action=X&X.member.1000000000=1&Y.member.1000000000=1')).toThrow(ValidationError);
  });
});

describe('parseQuery against prototype pollution', () => {
  const polluting = [
    'Action=DescribeLoadBalancers&__proto__.Names.member.1=nosuch',
    'Action=X&__proto__.regexValues=x',
    'Action=X&constructor.prototype.Names.member.1=nosuch',
    'Action=X&Conditions.member.1.__proto__.regexValues=x',
    'Action=X&Conditions.member.1.Values.member.1.constructor=x',
    'Action=X&Actions.member.1.prototype=x',
  ];

  it.each(polluting)('refuses %s with a ValidationError and leaves Object.prototype alone', (body) => {
    expect(() => parseQuery(body)).toThrow(/names a JavaScript prototype/);
    expect(({} as Record<string, unknown>).Names).toBeUndefined();
    expect(({} as Record<string, unknown>).regexValues).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
  });

  it('gives structures without a prototype, so a name a request did not send reads as undefined', () => {
    const { params } = parseQuery('Action=X&Conditions.member.1.Field=path-pattern');
    const condition = (params.Conditions as Record<string, QueryValue>[])[0]!;
    expect(Object.getPrototypeOf(params)).toBeNull();
    expect(Object.getPrototypeOf(condition)).toBeNull();
    expect(condition.toString).toBeUndefined();
    expect(condition.Field).toBe('path-pattern');
  });
});

describe('parseQuery bounds', () => {
  it(`refuses more than ${QUERY_LIMITS.parameters} parameters, and takes that many`, () => {
    const many = (n: number) => `Action=X&${Array.from({ length: n - 1 }, (_, i) => `P${i}=v`).join('&')}`;
    expect(() => parseQuery(many(QUERY_LIMITS.parameters + 1))).toThrow(/more than 10000 parameters/);
    expect(() => parseQuery(many(100_000))).toThrow(/more than 10000 parameters/);
    expect(Object.keys(parseQuery(many(QUERY_LIMITS.parameters)).params)).toHaveLength(QUERY_LIMITS.parameters - 1);
  });

  it(`refuses a name of more than ${QUERY_LIMITS.segments} parts, and an empty part`, () => {
    expect(() => parseQuery(`Action=X&${'A.'.repeat(100_000)}B=1`)).toThrow(/at most 16 dot-separated parts/);
    expect(() => parseQuery('Action=X&A..B=1')).toThrow(/empty part/);
    const deepest = 'DefaultActions.member.1.JwtValidationConfig.AdditionalClaims.member.1.Values.member.1';
    expect(parseQuery(`Action=X&${deepest}=v`).params).toEqual({
      DefaultActions: [{ JwtValidationConfig: { AdditionalClaims: [{ Values: ['v'] }] } }],
    });
  });

  it('refuses a name given both as a value and as a structure or list', () => {
    expect(() => parseQuery('Action=X&A=1&A.B=2')).toThrow(/both as a value and as a structure or list/);
    expect(() => parseQuery('Action=X&A.member.1=1&A.B=2')).toThrow(/both as a value and as a structure or list/);
    expect(() => parseQuery('Action=X&A.B=2&A=1')).toThrow(/both as a value and as a structure or list/);
  });

  it('takes any body without throwing anything but an ApiError or touching a prototype (property, fixed seed)', () => {
    const segment = fc.oneof(
      fc.constantFrom('member', '__proto__', 'constructor', 'prototype', 'Names', 'Conditions', 'Values', 'Field', ''),
      fc.constantFrom('1', '2', '0', '1000', '1001', '1000000000', '-1', '1e3', 'NaN', 'toString', 'hasOwnProperty'),
      fc.string({ maxLength: 6 }),
    );
    const pair = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 }));
    const body = fc.array(pair, { maxLength: 20 }).map((pairs) => {
      const form = new URLSearchParams([['Action', 'X']]);
      for (const [parts, value] of pairs) form.append(parts.join('.'), value);
      return form.toString();
    });
    fc.assert(
      fc.property(body, (text) => {
        try {
          parseQuery(text);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_NAMES);
        expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(ARRAY_NAMES);
      }),
      { seed: 23, numRuns: 2000 },
    );
  });
});

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_NAMES = Object.getOwnPropertyNames(Array.prototype).sort();

describe('Params', () => {
  it('answers a missing required member in the API wording', () => {
    expect(() => new Params({}).required('ListenerArn')).toThrow(
      new ValidationError(
        "1 validation error detected: Value null at 'listenerArn' failed to satisfy constraint: Member must not be null",
      ),
    );
  });

  it('refuses a list where a string belongs', () => {
    expect(() => new Params({ ListenerArn: ['a'] }).string('ListenerArn')).toThrow(/must be a string/);
  });
});

describe('xml', () => {
  it('renders a result with lists as member elements and leaves out members without a value', () => {
    const xml = xmlResponse('DescribeRules', { Rules: [{ RuleArn: 'a&b', Priority: '1', Transforms: null }] }, 'req-1');
    expect(xml).toContain('<DescribeRulesResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">');
    expect(xml).toMatch(/<Rules>\s*<member>\s*<RuleArn>a&amp;b<\/RuleArn>\s*<Priority>1<\/Priority>\s*<\/member>/);
    expect(xml).not.toContain('Transforms');
    expect(xml).toContain('<RequestId>req-1</RequestId>');
  });

  it('renders an error as AWS does, Sender for 4xx', () => {
    const xml = xmlError('PriorityInUse', 'The specified priority is in use.', 'r', 400);
    expect(xml).toMatch(
      /<ErrorResponse[^>]*>\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>PriorityInUse<\/Code>\s*<Message>The specified priority is in use.<\/Message>/,
    );
  });
});
