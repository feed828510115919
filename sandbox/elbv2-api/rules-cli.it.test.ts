// `up` survives every rule the ELBv2 API accepts (issue 22 item 7): the real AWS CLI against a real
// `up alb-rule-on-mtls-header`, each accepted rule then exercised with curl through the running ALB emulator, each
// refused one answered with AWS's error while the emulator keeps serving. `create-rule … Values=/bar-hidden*` took
// the sandbox down before (any "-" in a wildcard value crashed the emulator).
import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, type RunningUp, startUp } from './testing-up.js';

let running: RunningUp;
let certs = '';
let apiEnv: Record<string, string> = {};
let listener443 = '';
let port443 = 0;
let targetGroupArn = '';

beforeAll(async () => {
  running = await startUp('alb-rule-on-mtls-header', 'off');
  ({ certs, env: apiEnv } = running);
  listener443 = running.printed(/# listener Alb HTTPS:443: (\S+)/);
  targetGroupArn = running.printed(/# target group EchoTargets: (\S+)/);
  port443 = Number(running.printed(/https:\/\/127\.0\.0\.1:(\d+)\//));
}, 240_000);

afterAll(async () => {
  await running?.stop();
  await awsSession.close();
});

// The real AWS CLI, one Python process for the file's commands (testing-up.ts).
const awsSession = awsCli();
const aws = (args: string[]) => awsSession.run(['elbv2', ...args], { ...apiEnv, AWS_CONFIG_FILE: '/dev/null' });

/** curl through the 443 listener as clientA, with a Host name the server certificate covers (*.sandbox.example). */
async function curl(path: string, host = 'sandbox.example', headers: string[] = []) {
  const result = await execa(
    'curl',
    [
      '-s',
      '--max-time',
      '10',
      '-w',
      '\n%{http_code}',
      '--key',
      join(certs, 'clientA.key'),
      '--cert',
      join(certs, 'clientA.crt'),
      '--cacert',
      join(certs, 'sandboxServerCA.crt'),
      '--resolve',
      `${host}:${port443}:127.0.0.1`,
      ...headers.flatMap((header) => ['-H', header]),
      `https://${host}:${port443}${path}`,
    ],
    { reject: false },
  );
  const lines = result.stdout.split('\n');
  return { exitCode: result.exitCode, status: Number(lines.pop()), body: lines.join('\n') };
}

/** The emulator still answers its default action: `up` is alive. */
async function stillServing() {
  const answer = await curl('/');
  expect(answer.exitCode).toBe(0);
  expect(answer.body).toContain('Default Action');
}

const fixed = (body: string) =>
  `Type=fixed-response,FixedResponseConfig={StatusCode=200,ContentType=text/plain,MessageBody=${body}}`;

describe('rules the API accepts run in the emulator', () => {
  it('create-rule … Values=/bar-hidden* (a hyphen) is served, and up keeps running', async () => {
    const created = await aws([
      'create-rule',
      '--listener-arn',
      listener443,
      '--priority',
      '20',
      '--conditions',
      'Field=path-pattern,Values=/bar-hidden*',
      '--actions',
      fixed('hidden'),
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    expect(await curl('/bar-hidden/page')).toMatchObject({ exitCode: 0, status: 200, body: 'hidden' });
    expect((await curl('/barXhidden/page')).body).toContain('Default Action');
    await stillServing();
  });

  it('a hyphenated host name, a header value with a hyphen and a query string with a wildcard', async () => {
    const created = await aws([
      'create-rule',
      '--listener-arn',
      listener443,
      '--priority',
      '21',
      '--conditions',
      JSON.stringify([
        { Field: 'host-header', HostHeaderConfig: { Values: ['my-app.sandbox.example'] } },
        { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Client', Values: ['curl-7-*'] } },
        { Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'v', Value: '2*' }] } },
      ]),
      '--actions',
      fixed('my-app'),
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    expect((await curl('/?v=2b', 'my-app.sandbox.example', ['X-Client: CURL-7-x'])).body).toBe('my-app');
    expect((await curl('/?v=3', 'my-app.sandbox.example', ['X-Client: curl-7-x'])).body).toContain('Default Action');
  });

  it('RegexValues and Transforms: accepted, applied, and returned by describe-rules', async () => {
    const created = await aws([
      'create-rule',
      '--listener-arn',
      listener443,
      '--priority',
      '22',
      '--conditions',
      JSON.stringify([{ Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/api/v[0-9]+/'] } }]),
      '--actions',
      `Type=forward,TargetGroupArn=${targetGroupArn}`,
      '--transforms',
      JSON.stringify([
        {
          Type: 'url-rewrite',
          UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/v[0-9]+/(.*)$', Replace: '/echo/$1' }] },
        },
      ]),
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    const echoed = await curl('/api/v2/items?x=1');
    expect(echoed.status).toBe(200);
    expect(JSON.parse(echoed.body).url).toBe('/echo/items?x=1');
    const described = await aws(['describe-rules', '--listener-arn', listener443]);
    expect(described.exitCode, described.stderr).toBe(0);
    const rule = JSON.parse(described.stdout).Rules.find((entry: { Priority: string }) => entry.Priority === '22');
    expect(rule.Conditions[0].PathPatternConfig.RegexValues).toEqual(['^/api/v[0-9]+/']);
    expect(rule.Transforms).toEqual([
      { Type: 'url-rewrite', UrlRewriteConfig: { Rewrites: [{ Regex: '^/api/v[0-9]+/(.*)$', Replace: '/echo/$1' }] } },
    ]);
  });

  it('a pathological regex rule is accepted and answers at once (RE2)', async () => {
    const created = await aws([
      'create-rule',
      '--listener-arn',
      listener443,
      '--priority',
      '23',
      '--conditions',
      JSON.stringify([{ Field: 'path-pattern', PathPatternConfig: { RegexValues: ['^/(a+)+$'] } }]),
      '--actions',
      fixed('many-a'),
    ]);
    expect(created.exitCode, created.stderr).toBe(0);
    expect((await curl(`/${'a'.repeat(32)}!`)).body).toContain('Default Action');
    expect((await curl(`/${'a'.repeat(32)}`)).body).toBe('many-a');
  });
});

describe('rules the API refuses leave the emulator as it was', () => {
  const refused = async (args: string[], code: string) => {
    const result = await aws(args);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(`(${code})`);
    await stillServing();
  };
  const create = (conditions: string, actions: string, priority = '40') => [
    'create-rule',
    '--listener-arn',
    listener443,
    '--priority',
    priority,
    '--conditions',
    conditions,
    '--actions',
    actions,
  ];

  it('fixed-response status 099 and 600, a content type with CR/LF', async () => {
    await refused(
      create('Field=path-pattern,Values=/s', 'Type=fixed-response,FixedResponseConfig={StatusCode=099}'),
      'ValidationError',
    );
    await refused(
      create('Field=path-pattern,Values=/s', 'Type=fixed-response,FixedResponseConfig={StatusCode=600}'),
      'ValidationError',
    );
    await refused(
      create(
        'Field=path-pattern,Values=/s',
        JSON.stringify([
          { Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain\r\nX: y' } },
        ]),
      ),
      'InvalidLoadBalancerAction',
    );
  });

  it('redirects AWS refuses: port 99999, FTP, HTTP_999, a loop, DEL in the query', async () => {
    await refused(
      create('Field=path-pattern,Values=/r', 'Type=redirect,RedirectConfig={Port=99999,StatusCode=HTTP_301}'),
      'ValidationError',
    );
    await refused(
      create('Field=path-pattern,Values=/r', 'Type=redirect,RedirectConfig={Protocol=FTP,StatusCode=HTTP_301}'),
      'ValidationError',
    );
    await refused(
      create('Field=path-pattern,Values=/r', 'Type=redirect,RedirectConfig={Path=/n,StatusCode=HTTP_999}'),
      'ValidationError',
    );
    await refused(
      create('Field=path-pattern,Values=/r', 'Type=redirect,RedirectConfig={StatusCode=HTTP_301}'),
      'InvalidLoadBalancerAction',
    );
    await refused(
      create(
        'Field=path-pattern,Values=/r',
        JSON.stringify([
          { Type: 'redirect', RedirectConfig: { Path: '/n', Query: 'a=\u007f', StatusCode: 'HTTP_301' } },
        ]),
      ),
      'ValidationError',
    );
  });

  it('a header name with CRLF, source-ip 999.1.1.1/99, weight -5, a lookahead', async () => {
    await refused(
      create(
        JSON.stringify([{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-A\r\nB', Values: ['v'] } }]),
        fixed('x'),
      ),
      'ValidationError',
    );
    await refused(create('Field=source-ip,SourceIpConfig={Values=999.1.1.1/99}', fixed('x')), 'ValidationError');
    await refused(
      create(
        'Field=path-pattern,Values=/w',
        JSON.stringify([
          { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: -5 }] } },
        ]),
      ),
      'ValidationError',
    );
    await refused(
      create(JSON.stringify([{ Field: 'path-pattern', RegexValues: ['^/(?!admin)'] }]), fixed('x')),
      'ValidationError',
    );
  });

  it('an authentication action: checked as AWS checks it, then refused as the sandbox cannot run it', async () => {
    const jwt = JSON.stringify([
      {
        Type: 'jwt-validation',
        Order: 1,
        JwtValidationConfig: { JwksEndpoint: 'https://issuer.example.com/jwks.json', Issuer: 'issuer.example.com' },
      },
      { Type: 'forward', Order: 2, TargetGroupArn: targetGroupArn },
    ]);
    await refused(create('Field=path-pattern,Values=/jwt', jwt), 'UnsupportedBySandbox');
  });

  it('describe-rules still parses: everything accepted is described', async () => {
    const described = await aws(['describe-rules', '--listener-arn', listener443]);
    expect(described.exitCode, described.stderr).toBe(0);
    expect(JSON.parse(described.stdout).Rules.map((rule: { Priority: string }) => rule.Priority)).toEqual([
      '20',
      '21',
      '22',
      '23',
      '100',
      '200',
      'default',
    ]);
  });
});
