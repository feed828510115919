// Set-up errors in the user's language (issue 28): a taken port names its holder and the fix in Japanese, and every
// start, port and topology message reads as Japanese prose with the glossary's words — no English sentence left.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Message, type MessageCode, list, msg } from '../../sandbox/messages.js';
import { AwsApiError, TopologyError } from '../../sandbox/model/errors.js';
import { describePortHolder, holderParts } from '../../sandbox/runtime/port-holder.js';
import { freshState } from '../../sandbox/testing/suite.js';
import { englishSentence, glossaryProblems } from '../testing/japanese-texts.js';
import { say } from './messages.js';

/** What a Japanese text gets wrong: an English sentence, a retired word, a glossary concept left in English. */
const problemsOf = (text: string): string[] => {
  const sentence = englishSentence(text);
  return [...glossaryProblems(text), ...(sentence ? [`"${sentence}"`] : [])];
};

/** Parameters as the engine gives them: names, paths, ports, commands, a log's tail in English (not ours). */
const SAMPLE = {
  name: 'web-1',
  tool: 'nginx',
  where: '127.0.0.1:40443',
  port: 40443,
  pid: 4242,
  cmdline: 'node bin/mtls-sandbox.js run nlb-tcp-passthrough',
  since: '2026-12-01T10:00:00Z',
  described: 'pid 4242 (`python3 -m http.server`)',
  attempts: 4,
  executable: '/usr/sbin/nginx',
  command: 'sudo bash scripts/setup-docker.sh',
  image: 'localstack/localstack:2026.3.0',
  pulled: 'no registry',
  error: 'connect ENOENT /var/run/docker.sock',
  log: '/tmp/state/runs/x/web-1.log',
  tail: '[emerg] bind() failed',
  seconds: 60,
  what: 'NLB TLS listener emulator',
  venv: '.sandbox/localstack-venv',
  python: '.sandbox/localstack-venv/bin/python',
  origin: 'http://10.0.0.5:4566',
  endpoint: 'http://127.0.0.1:4566',
  status: 1,
  kind: 'stand-in',
  exited: true,
  path: 'Nlb',
  protocol: 'UDP',
  group: 'WebTargets',
  id: 'TrustStore',
  store: 'TrustStore',
  key: 'ca-bundle.pem',
  scenario: 'my-rule',
  count: 2,
  backends: 1,
  known: 'Alb:443',
  verb: 'restart',
  rule: 'ByClientIp',
  alb: 'Alb',
  albPort: 443,
  distribution: 'Cdn',
  balancerId: 'Alb',
  balancer: 'Alb',
  reason: 'boom',
  resource: 'Listener (AWS::ElasticLoadBalancingV2::Listener)',
  operation: 'CreateListener',
  code: 'ValidationError',
  awsMessage: 'Invalid protocol',
  detail: 'UDP',
  assumed: true,
  container: null,
  probe: 'clientA',
  certificate: 'clientX',
  near: 'clientA',
  loadBalancer: 'Alb',
};

const codes = (): MessageCode[] => {
  const source = readFileSync(new URL('../../sandbox/messages.ts', import.meta.url), 'utf8');
  return [...source.matchAll(/^\s+\| '((?:start|port|topo|check)\.[a-z-]+)'/gm)].map((m) => m[1] as MessageCode);
};

describe('set-up errors in Japanese', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('says who holds a taken port and what to do, in Japanese, and in English as before', () => {
    // This process listens there: the holder is found by its pid, as for any other.
    const holder = describePortHolder(freshState('mtls-sandbox-port-words'), '127.0.0.1', port);
    const said = list('start.port-held', { name: 'echo-1', where: `127.0.0.1:${port}` }, holderParts(holder));
    expect(say(said, 'en')).toBe(
      `echo-1 could not listen on 127.0.0.1:${port}: the port is held by ${holder.who}. ${holder.advice}`,
    );
    expect(say(said, 'ja')).toBe(
      `echo-1 は 127.0.0.1:${port} で待ち受けできませんでした。そのポートは この mtls-sandbox のプロセス自身 が使っています。もう一度実行してください。`,
    );
    const tried = msg('start.ports-tried', { attempts: 4 }, said);
    expect(say(tried, 'ja')).toMatch(/\(ポートを 4 個試しましたが、どれも使う前にほかに取られました\)$/);
  });

  it('says a topology error and a refusal AWS would give in the same words as their English message', () => {
    const refusal = new AwsApiError('Listener (AWS::X)', 'CreateListener', 'ValidationError', 'Bad', 'why', true);
    expect(say(refusal.said!, 'en')).toBe(refusal.message);
    expect(say(refusal.said!, 'ja')).toMatch(/^Listener \(AWS::X\): CreateListener は ValidationError で失敗します/);
    const plain = new TopologyError('x', msg('topo.no-trust-store', { id: null }));
    expect(say(plain.said!, 'ja')).toBe(
      '検証モードのリスナーが指すトラストストア (なし) は、このスタックにありません。検証モードには TrustStoreArn が必要です。',
    );
  });

  it('leaves no English sentence and no retired word in any start, port, topology or check message', () => {
    const all = codes();
    expect(all.length).toBeGreaterThan(50);
    const parts: Message[] = [msg('port.who-unseen'), msg('port.advice-stop', { port: 1 })];
    const problems = all.flatMap((code) => {
      // The sample's English log tail and error are the tools' words, not ours: left out of the check.
      const text = say({ code, params: SAMPLE, inner: msg('port.advice-retry'), parts }, 'ja')
        .replaceAll(SAMPLE.tail, '')
        .replaceAll(SAMPLE.error, '');
      return problemsOf(text).map((problem) => `${code}: ${problem}`);
    });
    expect(problems).toEqual([]);
    // And a component in a container is named in Japanese too.
    expect(say(msg('start.container-exited', { ...SAMPLE, container: 'mtls-web-1' }), 'ja')).toMatch(
      /^web-1 \(コンテナ mtls-web-1, localstack\/localstack:2026\.3\.0\) が起動中に終了しました。/,
    );
  });
});
