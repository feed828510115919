import { describe, expect, it } from 'vitest';
import { cdkExcerpts, haproxyExcerpt, nginxExcerpt, statementAround, type ProbePath } from './config-excerpt.js';

const STACK = `import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

export default function stack(scope: Stack): void {
  // The default answers "Default Action".
  const listener = httpsListener(
    alb,
    'Https',
    443,
    elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'Default Action' }),
    { mutualAuthenticationMode: elbv2.MutualAuthenticationMode.VERIFY, trustStore: store },
  );
  listener.addAction('SubjectRule', {
    priority: 100,
    conditions: [elbv2.ListenerCondition.httpHeader('X-Amzn-Mtls-Clientcert-Subject', ['*CN=clientA*'])],
    action: elbv2.ListenerAction.fixedResponse(200, { messageBody: 'Success!!' }),
  });
}
`;

const path = (over: Partial<ProbePath>): ProbePath => ({
  balancerPath: 'Alb',
  balancerKind: 'ALB',
  listener: null,
  listenerPath: 'Alb/Https',
  rule: null,
  outcome: 'fixed-response',
  verifiedBy: 'alb-trust-store',
  ...over,
});

describe('config excerpts', () => {
  it('finds the statement around a construct id, with the comment above it', () => {
    expect(statementAround(STACK, 'Https')).toEqual({ start: 3, end: 10 });
    expect(statementAround(STACK, 'SubjectRule')).toEqual({ start: 11, end: 15 });
    expect(statementAround(STACK, 'Nowhere')).toBeNull();
  });

  it('marks the default action and the verify mode when the default action answered', () => {
    const [listener] = cdkExcerpts([{ file: 'scenarios/x/stack.ts', text: STACK }], path({}));
    expect(listener!.file).toBe('scenarios/x/stack.ts');
    expect(listener!.what).toEqual({ code: 'config.cdk-listener', params: { path: 'Alb/Https' } });
    expect(listener!.lines.filter((line) => line.decisive).map((line) => line.number)).toEqual([9, 10]);
    expect(listener!.lines[0]).toEqual({
      number: 4,
      text: '  // The default answers "Default Action".',
      decisive: false,
    });
  });

  it('adds the rule that matched (its construct is named SubjectRuleRule), its conditions marked', () => {
    const rule = {
      logicalId: 'AlbHttpsSubjectRuleRule2D4548A6',
      path: 'Alb/Https/SubjectRuleRule',
      priority: 100,
      matched: true,
      conditions: [],
    };
    const excerpts = cdkExcerpts([{ file: 'stack.ts', text: STACK }], path({ rule }));
    expect(excerpts).toHaveLength(2);
    // With a rule, the default action's line no longer decides.
    expect(excerpts[0]!.lines.find((line) => line.text.includes('Default Action'))!.decisive).toBe(false);
    expect(excerpts[1]!.lines.filter((line) => line.decisive).map((line) => line.text.trim().slice(0, 10))).toEqual([
      'priority: ',
      'conditions',
      'action: el',
    ]);
  });

  it('marks nginx client verification and HAProxy TCP mode', () => {
    const nginx = nginxExcerpt(
      {
        file: 'state/web-1/nginx.conf',
        text: 'http {\n    server {\n        listen 127.0.0.1:1 ssl;\n        ssl_verify_client on;\n    }\n}',
      },
      'web-1',
      'nginx',
    );
    expect(nginx!.lines.filter((line) => line.decisive).map((line) => line.number)).toEqual([4]);
    const haproxy = haproxyExcerpt(
      {
        file: 'state/haproxy.cfg',
        text: 'defaults\n    mode tcp\n\n# NLB\nfrontend listener_443\n    bind 127.0.0.1:5\n    default_backend tg_Web\n\nbackend tg_Web\n    server web-1 127.0.0.1:6 check\n',
      },
      443,
    );
    expect(haproxy!.lines.map((line) => [line.number, line.decisive])).toEqual([
      [2, true],
      [4, false],
      [5, false],
      [6, false],
      [7, false],
      [9, false],
      [10, true],
    ]);
  });
});
