import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../model/topology.js';
import { type ActionInputs, handle } from './actions.js';
import { ApiError, parseQuery } from './query.js';
import { buildState, type ElbState } from './state.js';

const CHECK = {
  protocol: 'HTTP' as const,
  port: 'traffic-port' as const,
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  matcher: '200',
};

/** One ALB, an HTTPS listener in verify mode with one rule, one echo target group, one trust store. */
const TOPOLOGY: Topology = {
  stackName: 'Test',
  loadBalancers: [
    {
      logicalId: 'AlbL',
      path: 'Alb',
      kind: 'application',
      name: 'Alb',
      scheme: 'internet-facing',
      classicHealthCheck: null,
      classicInstances: [],
      classicProxyProtocolPorts: [],
      attributes: {},
      listeners: [
        {
          logicalId: 'HttpsL',
          path: 'Alb/Https',
          port: 443,
          protocol: 'HTTPS',
          instancePort: null,
          instanceProtocol: null,
          certificates: ['arn:aws:acm:us-east-1:000000000000:certificate/x'],
          sslPolicy: null,
          mutualAuthentication: {
            mode: 'verify',
            trustStoreId: 'StoreL',
            ignoreClientCertificateExpiry: false,
            advertiseTrustStoreCaNames: false,
          },
          defaultActions: [
            { type: 'fixed-response', statusCode: 200, contentType: 'text/plain', messageBody: 'Default' },
          ],
          rules: [
            {
              logicalId: 'RuleL',
              priority: 100,
              conditions: [{ field: 'path-pattern', values: ['/echo*'] }],
              actions: [
                { type: 'forward', targetGroups: [{ targetGroupId: 'EchoL', weight: 1 }], groupStickiness: null },
              ],
            },
          ],
        },
      ],
    },
  ],
  targetGroups: [
    {
      logicalId: 'EchoL',
      path: 'EchoTargets',
      protocol: 'HTTP',
      port: 80,
      targetType: 'ip',
      targets: [{ id: '10.0.1.10', port: 80 }],
      healthCheck: CHECK,
      stickiness: { enabled: false, type: null, durationSeconds: null, cookieName: null },
      proxyProtocolV2: false,
      preserveClientIp: null,
      attributes: {},
    },
  ],
  trustStores: [
    {
      logicalId: 'StoreL',
      path: 'TrustStore',
      name: 'TrustStore',
      bundle: { bucket: 'b', key: 'k', objectVersion: null },
      revocations: [],
    },
  ],
  parameters: [],
  notRealized: [],
};

const fresh = (changeable = true): ElbState =>
  buildState(
    TOPOLOGY,
    [{ balancerLogicalId: 'AlbL', listenerLogicalId: 'HttpsL', runningGroups: ['EchoL'], changeable }],
    new Map([
      [
        'StoreL',
        { id: 'StoreL', caBundlePem: '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n', crlPems: [] },
      ],
    ]),
    '2026-01-01T00:00:00.000Z',
  );

const NO_IO: ActionInputs = {
  health: () => null,
  revocation: () => new ApiError('RevocationContentNotFound', 'none'),
  bundle: () => new ApiError('CaCertificatesBundleNotFound', 'none'),
  bundleLocation: (store) => `http://127.0.0.1:1/trust-store-bundles/${store.name}.pem`,
};

/** Runs one action given as the form the CLI would send. */
function call(state: ElbState, action: string, form: Record<string, string>) {
  return handle(state, action, parseQuery(new URLSearchParams(form).toString()).params, NO_IO);
}

function errorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('the ELBv2 state', () => {
  it('gives the same ARNs for the same stack every time', () => {
    const [a, b] = [fresh(), fresh()];
    expect(a.listeners[0]!.arn).toBe(b.listeners[0]!.arn);
    expect(a.loadBalancers[0]!.arn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer\/app\/Alb\/[0-9a-f]{16}$/,
    );
    expect(a.listeners[0]!.arn.startsWith(a.loadBalancers[0]!.arn.replace(':loadbalancer/', ':listener/'))).toBe(true);
  });
});

describe('rules', () => {
  const state = fresh();
  const listenerArn = state.listeners[0]!.arn;
  const seedRule = {
    ListenerArn: listenerArn,
    Priority: '10',
    'Conditions.member.1.Field': 'http-header',
    'Conditions.member.1.HttpHeaderConfig.HttpHeaderName': 'X-Amzn-Mtls-Clientcert-Subject',
    'Conditions.member.1.HttpHeaderConfig.Values.member.1': '*CN=clientA*',
    'Actions.member.1.Type': 'fixed-response',
    'Actions.member.1.FixedResponseConfig.StatusCode': '200',
    'Actions.member.1.FixedResponseConfig.MessageBody': 'Success!!',
  };

  it('CreateRule adds the rule in priority order, in a new state, and says what changed', () => {
    const outcome = call(state, 'CreateRule', seedRule);
    expect(outcome.state.listeners[0]!.rules.map((r) => r.rule.priority)).toEqual([10, 100]);
    expect(state.listeners[0]!.rules).toHaveLength(1); // the old state is untouched
    expect(outcome.changes).toEqual([
      {
        kind: 'listener',
        listenerArn,
        description: {
          code: 'elbv2.rule-created',
          params: { listener: 'Alb HTTPS:443', priority: 10, action: 'CreateRule' },
        },
      },
    ]);
    expect(outcome.state.listeners[0]!.rules[0]!.rule.conditions).toEqual([
      { field: 'http-header', headerName: 'X-Amzn-Mtls-Clientcert-Subject', values: ['*CN=clientA*'] },
    ]);
  });

  it('CreateRule on a priority in use answers PriorityInUse', () => {
    const error = errorOf(() => call(state, 'CreateRule', { ...seedRule, Priority: '100' }));
    expect([error.code, error.message]).toEqual(['PriorityInUse', 'The specified priority is in use.']);
  });

  it("CreateRule over AWS's limits answers as the compiler's checks do", () => {
    const error = errorOf(() => call(state, 'CreateRule', { ...seedRule, Priority: '50001' }));
    expect(error.code).toBe('ValidationError');
    expect(error.message).toContain("at 'priority'");
  });

  it('CreateRule forwarding to a target group nobody runs is refused as the sandbox cannot apply it', () => {
    const bare = buildState(
      TOPOLOGY,
      [{ balancerLogicalId: 'AlbL', listenerLogicalId: 'HttpsL', runningGroups: [], changeable: true }],
      new Map(),
      'now',
    );
    const error = errorOf(() =>
      call(bare, 'CreateRule', {
        ...seedRule,
        'Actions.member.1.Type': 'forward',
        'Actions.member.1.TargetGroupArn': bare.targetGroups[0]!.arn,
      }),
    );
    expect(error.code).toBe('UnsupportedBySandbox');
  });

  it('an unknown target group is TargetGroupNotFound', () => {
    const error = errorOf(() =>
      call(state, 'CreateRule', {
        ...seedRule,
        'Actions.member.1.Type': 'forward',
        'Actions.member.1.TargetGroupArn': 'arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/x/1',
      }),
    );
    expect(error.code).toBe('TargetGroupNotFound');
  });

  it('DeleteRule of the default rule is OperationNotPermitted; of a rule, removes it', () => {
    const rules = call(state, 'DescribeRules', { ListenerArn: listenerArn }).result.Rules as { RuleArn: string }[];
    expect(errorOf(() => call(state, 'DeleteRule', { RuleArn: rules[1]!.RuleArn })).code).toBe('OperationNotPermitted');
    expect(call(state, 'DeleteRule', { RuleArn: rules[0]!.RuleArn }).state.listeners[0]!.rules).toEqual([]);
    expect(errorOf(() => call(state, 'DeleteRule', { RuleArn: 'arn:nope' })).code).toBe('RuleNotFound');
  });

  it('a listener in a container cannot be changed, and says so', () => {
    const error = errorOf(() => call(fresh(false), 'CreateRule', seedRule));
    expect(error.code).toBe('UnsupportedBySandbox');
    expect(error.message).toContain('--runtime docker');
  });
});

describe('ModifyListener', () => {
  const state = fresh();
  const listenerArn = state.listeners[0]!.arn;

  it('switches verify to passthrough and describes the change', () => {
    const outcome = call(state, 'ModifyListener', {
      ListenerArn: listenerArn,
      'MutualAuthentication.Mode': 'passthrough',
    });
    expect(outcome.state.listeners[0]!.mutualAuthentication?.mode).toBe('passthrough');
    expect(outcome.changes[0]?.description).toEqual({
      code: 'elbv2.mutual-mode',
      params: { listener: 'Alb HTTPS:443', from: 'verify', to: 'passthrough', action: 'ModifyListener' },
    });
  });

  it('refuses a mode AWS does not have, and a port change the sandbox cannot make', () => {
    expect(
      errorOf(() => call(state, 'ModifyListener', { ListenerArn: listenerArn, 'MutualAuthentication.Mode': 'strict' }))
        .code,
    ).toBe('ValidationError');
    expect(errorOf(() => call(state, 'ModifyListener', { ListenerArn: listenerArn, Port: '444' })).code).toBe(
      'UnsupportedBySandbox',
    );
  });

  it('verify with an unknown trust store is TrustStoreNotFound', () => {
    const error = errorOf(() =>
      call(state, 'ModifyListener', {
        ListenerArn: listenerArn,
        'MutualAuthentication.Mode': 'verify',
        'MutualAuthentication.TrustStoreArn': 'arn:aws:elasticloadbalancing:us-east-1:000000000000:truststore/x/1',
      }),
    );
    expect(error.code).toBe('TrustStoreNotFound');
  });
});

describe('target group attributes', () => {
  const state = fresh();
  const arn = state.targetGroups[0]!.arn;

  it('turns stickiness on with a duration', () => {
    const outcome = call(state, 'ModifyTargetGroupAttributes', {
      TargetGroupArn: arn,
      'Attributes.member.1.Key': 'stickiness.enabled',
      'Attributes.member.1.Value': 'true',
      'Attributes.member.2.Key': 'stickiness.lb_cookie.duration_seconds',
      'Attributes.member.2.Value': '60',
    });
    expect(outcome.state.targetGroups[0]!.stickiness).toEqual({ enabled: true, durationSeconds: 60 });
    expect(outcome.changes[0]?.kind).toBe('stickiness');
  });

  it('refuses an attribute it would not apply rather than accepting it silently', () => {
    const error = errorOf(() =>
      call(state, 'ModifyTargetGroupAttributes', {
        TargetGroupArn: arn,
        'Attributes.member.1.Key': 'deregistration_delay.timeout_seconds',
        'Attributes.member.1.Value': '10',
      }),
    );
    expect(error.code).toBe('UnsupportedBySandbox');
  });
});

describe('actions it does not have', () => {
  it('answers InvalidAction naming the ones it has', () => {
    const error = errorOf(() => call(fresh(), 'CreateLoadBalancer', { Name: 'x' }));
    expect(error.code).toBe('InvalidAction');
    expect(error.message).toContain('DescribeLoadBalancers');
  });
});

describe('trust stores and load balancer attributes', () => {
  // A real CA certificate: CreateTrustStore's checks read it (openssl, as the PKI makes them).
  const bundle = execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null'].concat([
      '-subj',
      '/CN=test CA',
      '-days',
      '1',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ]),
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const withBundle = (text: string): ActionInputs => ({ ...NO_IO, bundle: () => text });

  it('CreateTrustStore adds a store; its name must be new; a bad bundle is InvalidCaCertificatesBundle', () => {
    const state = fresh();
    const form = { Name: 'mine', CaCertificatesBundleS3Bucket: 'local', CaCertificatesBundleS3Key: '/ca.pem' };
    const params = parseQuery(new URLSearchParams(form).toString()).params;
    const outcome = handle(state, 'CreateTrustStore', params, withBundle(bundle));
    expect(outcome.state.trustStores.map((store) => store.name)).toEqual(['TrustStore', 'mine']);
    const duplicate = { ...params, Name: 'TrustStore' };
    expect(errorOf(() => handle(state, 'CreateTrustStore', duplicate, withBundle(bundle))).code).toBe(
      'DuplicateTrustStoreName',
    );
    const blank = `${bundle}\n${bundle}`;
    expect(errorOf(() => handle(state, 'CreateTrustStore', params, withBundle(blank))).code).toBe(
      'InvalidCaCertificatesBundle',
    );
  });

  it('ModifyTrustStore reaches the verify-mode listeners that use the store', () => {
    const state = fresh();
    const form = {
      TrustStoreArn: state.trustStores[0]!.arn,
      CaCertificatesBundleS3Bucket: 'local',
      CaCertificatesBundleS3Key: '/ca.pem',
    };
    const outcome = handle(state, 'ModifyTrustStore', parseQuery(new URLSearchParams(form).toString()).params, {
      ...NO_IO,
      bundle: () => bundle + bundle,
    });
    expect(outcome.changes.map((change) => change.description.code)).toEqual(['elbv2.trust-store-bundle']);
    expect(outcome.state.trustStores[0]!.caBundlePem).toBe(bundle + bundle);
  });

  it('GetTrustStoreCaCertificatesBundle answers where to download the bundle', () => {
    const state = fresh();
    expect(
      call(state, 'GetTrustStoreCaCertificatesBundle', { TrustStoreArn: state.trustStores[0]!.arn }).result,
    ).toEqual({
      Location: 'http://127.0.0.1:1/trust-store-bundles/TrustStore.pem',
    });
  });

  it('describes load balancer attributes and refuses to change them rather than pretend', () => {
    const state = fresh();
    const arn = state.loadBalancers[0]!.arn;
    expect(call(state, 'DescribeLoadBalancerAttributes', { LoadBalancerArn: arn }).result).toEqual({ Attributes: [] });
    const error = errorOf(() =>
      call(state, 'ModifyLoadBalancerAttributes', {
        LoadBalancerArn: arn,
        'Attributes.member.1.Key': 'routing.http.drop_invalid_header_fields.enabled',
        'Attributes.member.1.Value': 'true',
      }),
    );
    expect(error.code).toBe('UnsupportedBySandbox');
    expect(error.message).toContain('routing.http.drop_invalid_header_fields.enabled');
  });
});

describe('RegisterTargets and DeregisterTargets', () => {
  const state = fresh();
  const arn = state.targetGroups[0]!.arn;
  const health: ActionInputs = {
    ...NO_IO,
    health: () => [{ target: 'echo-1', healthy: true, state: 'healthy', reason: '', address: '127.0.0.1:1' }],
  };

  it('deregisters a target of the scenario: DescribeTargetHealth no longer lists it', () => {
    const form = { TargetGroupArn: arn, 'Targets.member.1.Id': '10.0.1.10', 'Targets.member.1.Port': '80' };
    const outcome = call(state, 'DeregisterTargets', form);
    expect(outcome.state.targetGroups[0]!.registered).toEqual([false]);
    expect(outcome.changes[0]).toMatchObject({ kind: 'targets', targetGroupArn: arn });
    const params = parseQuery(new URLSearchParams({ TargetGroupArn: arn }).toString()).params;
    expect(handle(outcome.state, 'DescribeTargetHealth', params, health).result).toEqual({
      TargetHealthDescriptions: [],
    });
    const back = call(outcome.state, 'RegisterTargets', form);
    expect(back.state.targetGroups[0]!.registered).toEqual([true]);
  });

  it('cannot register a target the sandbox does not run, and says which it runs', () => {
    const error = errorOf(() =>
      call(state, 'RegisterTargets', { TargetGroupArn: arn, 'Targets.member.1.Id': '10.9.9.9' }),
    );
    expect(error.code).toBe('UnsupportedBySandbox');
    expect(error.message).toContain('10.0.1.10:80');
  });

  it('deregistering a target that is not in the group is InvalidTarget', () => {
    const error = errorOf(() =>
      call(state, 'DeregisterTargets', { TargetGroupArn: arn, 'Targets.member.1.Id': '10.9.9.9' }),
    );
    expect(error.code).toBe('InvalidTarget');
  });
});
