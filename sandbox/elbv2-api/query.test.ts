import { describe, expect, it } from 'vitest';
import { Params, parseQuery, ValidationError } from './query.js';
import { xmlError, xmlResponse } from './xml.js';
import { isLoopback } from './server.js';

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

  it('drops a list member whose index is not a number instead of guessing', () => {
    const { params } = parseQuery('Action=X&Names.member.x=b&Names.member.1=a');
    expect(params.Names).toEqual(['a']);
  });
});

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

describe('isLoopback', () => {
  it('takes 127.0.0.0/8 and ::1, also IPv4-mapped, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.1', '::ffff:192.168.1.2', '128.0.0.1', '', undefined])
      expect(isLoopback(address)).toBe(false);
  });
});
