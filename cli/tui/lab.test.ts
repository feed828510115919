// The lab view and predict-then-see, rendered with ink-testing-library at 100×40 without colour, driven by keys and
// a fake engine whose lab session answers from canned transcripts (cli/testing/lab-fixtures.ts).
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { labAlb, LAB_ENDPOINT } from '../testing/lab-fixtures.js';
import { renderApp, stringWidth } from '../testing/render-app.js';
import { NLB } from '../testing/tui-fixtures.js';

afterEach(() => cleanup());

const SIZE = { columns: 100, rows: 40 };
const scenarios = () => [NLB, labAlb()];

function expectFits(frame: string, columns = SIZE.columns): void {
  for (const line of frame.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

async function openLab() {
  const ui = renderApp({ ...SIZE, scenarios: scenarios() });
  await ui.waitFor('› · demo-nlb');
  await ui.press('j');
  await ui.waitFor('› · demo-alb');
  await ui.press('u');
  await ui.waitFor('● up · 2 components · ELBv2 API http://127.0.0.1:41999');
  return ui;
}

describe('the lab view', () => {
  it('u keeps the selected scenario up: components, addresses, the environment to paste, the ARNs', async () => {
    const ui = await openLab();
    const frame = await ui.waitFor('Lab · demo-alb', 'Overview');
    // Wider than the terminal: broken between assignments with a shell continuation, so it still pastes.
    expect(frame).toContain(
      `export AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2=${LAB_ENDPOINT} AWS_ACCESS_KEY_ID=test \\\n  AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1`,
    );
    expect(frame).toContain('the AWS CLI: /work/.sandbox/localstack-venv/bin/aws');
    expect(frame).toContain(
      'listener Alb HTTPS:443: arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/Alb/',
    );
    expect(frame).toContain('● web-1');
    expect(frame).toContain('the topology is up');
    expectFits(frame);
  });

  it('builds a request by choosing, sends it, and shows the result, the curl command and the event', async () => {
    const ui = await openLab();
    await ui.press('tab');
    let frame = await ui.waitFor('› listener', '‹ Alb HTTPS:443 (ALB) ›', 'mutual TLS: verify');
    expect(frame).toContain('forged identity headers: 1 ALB verify · 2 ALB passthrough · 3 ALB renamed');
    await ui.press('down', 'right');
    frame = await ui.waitFor(
      '‹ clientB ›',
      '                CN=clientB,O=example.org\n                issued by CN=privateCA,O=example.org',
    );
    await ui.press('1');
    await ui.waitFor('X-Amzn-Mtls-Clientcert-Subject: CN=clientA');
    await ui.press('enter');
    frame = await ui.waitUntil((text) => /\d\d:\d\d:\d\d · console-1 sent: ALLOWED/.test(text), 'the probe sent');
    expect(frame).toContain('Result: console-1');
    expect(frame).toContain('The model predicts: nothing for this client here');
    // The command to copy breaks between arguments only, each broken line ending in a shell continuation.
    expect(frame).toContain(
      "$ curl -v --cacert /tmp/state/certs/sandboxServerCA.crt \\\n  -H 'X-Amzn-Mtls-Clientcert-Subject: CN=clientA'",
    );
    // Pressed again, the preset comes off.
    await ui.press('1');
    await ui.waitUntil((text) => text.includes('headers      none of its own'), 'the header taken off');
    expectFits(frame);
  });

  it('m switches mutual TLS through the API: the event appears, r re-runs the probes, before and after side by side', async () => {
    const ui = await openLab();
    await ui.press('tab', 'down', 'left'); // no certificate
    await ui.waitFor('‹ none ›');
    await ui.press('enter');
    await ui.waitFor('console-1 sent: RESET during the handshake');
    await ui.press('m');
    let frame = await ui.waitFor(
      '↻ listener Alb HTTPS:443: mutual authentication verify → passthrough, by ModifyListener',
      'mutual TLS: passthrough',
    );
    await ui.press('r');
    frame = await ui.waitFor('re-ran 1 probe(s) against the topology as it is now', 'before', 'after');
    expect(frame).toMatch(/› ✓ console-1 +✕ RESET.* → ● ALLOWED.* changed/);
    expect(frame).toMatch(/before +│ after/);
    // Predicted again for passthrough, and judged against that: never "differs" for the mode it was sent in before.
    expect(frame).toMatch(/✓ matches AWS · observed +│ +✓ as the sandbox assumes · AWS is silent/);
    expect(frame).not.toContain('DIFFERS');
    expectFits(frame);
  });

  it('checks a challenge against the running topology: not yet, then done', async () => {
    const ui = await openLab();
    await ui.press('tab', 'tab', 'tab');
    await ui.waitFor('› · let-everyone-in', 'Let a client without a certificate in.', 'h shows a hint');
    await ui.press('h');
    await ui.waitFor('Hint: Passthrough asks but checks nothing.');
    await ui.press('enter');
    let frame = await ui.waitFor('Not yet: 0 of 1 parts hold.', '✗ no-certificate-allowed: No certificate: HTTP 200.');
    expect(frame).toContain('challenge let-everyone-in: 0/1 parts hold');
    await ui.press('tab', 'tab', 'm');
    await ui.waitFor('verify → passthrough');
    await ui.press('tab', 'tab', 'enter');
    frame = await ui.waitFor('Done: every part of the goal holds.', '✓ no-certificate-allowed');
    expect(frame).toContain('challenge let-everyone-in: done — every part holds');
  });

  it('Esc leaves the lab and stops its topology; a component that stops ends it', async () => {
    const ui = await openLab();
    await ui.press('escape');
    await ui.waitFor('mtls-sandbox · Scenarios');
    expect(ui.engine.labs[0]!.stops).toBe(1);
    await ui.press('u');
    await ui.waitFor('● up · 2 components');
    ui.engine.labs[1]!.end('echo-1');
    await ui.waitFor('echo-1 stopped (mtls-sandbox down, or it died): the lab is over. Esc goes back.');
  });

  it('up on a terminal opens straight in the lab, in Japanese too', async () => {
    const ui = renderApp({ ...SIZE, scenarios: scenarios(), startIn: { lab: 'demo-alb' }, lang: 'ja' });
    const frame = await ui.waitFor('ラボ · demo-alb', '稼働中 · コンポーネント 2 個', 'このラボに AWS CLI を向ける');
    expect(frame).toContain('トポロジーが起動した');
    expectFits(frame);
  });
});

describe('predict, then see', () => {
  async function predictAll(lang: 'en' | 'ja') {
    const ui = renderApp({ ...SIZE, scenarios: scenarios(), lang });
    await ui.waitFor('demo-nlb');
    await ui.press('j');
    await ui.waitFor('› · demo-alb');
    await ui.press('e');
    return ui;
  }

  it('asks before each probe, shows the answer with why and how we know, and ends with a score sheet', async () => {
    const ui = await predictAll('en');
    let frame = await ui.waitFor('Predict, then see · demo-alb', 'Probe 1 of 2', 'What will happen?', 'Who decides?');
    // The client is described, never the probe's description (it would give the answer away).
    expect(frame).toContain('without a client certificate');
    expect(frame).not.toContain('No certificate: the ALB resets.');
    await ui.press('3', 'a');
    await ui.waitFor('› 3 reset in the handshake', '› a the load balancer', 'Enter: run it and see');
    await ui.press('enter');
    frame = await ui.waitFor('What happened', 'the answer: reset in the handshake; the load balancer decides');
    expect(frame).toContain('✓ right / ✓ right');
    expect(frame).toContain('No certificate: the ALB resets.');
    expect(frame).toContain('How we know');
    await ui.press('enter');
    await ui.waitFor('Probe 2 of 2', 'score so far 1/1');
    await ui.press('2', 'b', 'enter');
    frame = await ui.waitFor('the answer: allowed; the load balancer decides', '✗ wrong');
    await ui.press('enter');
    frame = await ui.waitFor('Score sheet', 'What happens: 1/2 right · who decides: 1/2 right · both: 1/2');
    expect(frame).toContain('✗ clientA-verified: you said: refused by the target; the target decides');
    await ui.waitFor('Your answers are in /tmp/state/predictions/demo-alb.json; mtls-sandbox report --predictions');
    expect(ui.engine.sheets[0]!.answers.map((answer) => answer.outcomeRight)).toEqual([true, false]);
    expectFits(frame);
  });

  it('in Japanese, to the score sheet', async () => {
    const ui = await predictAll('ja');
    await ui.waitFor('予想してから見る · demo-alb', '何が起きる?', '誰が決める?');
    await ui.press('3', 'a', 'enter');
    await ui.waitFor('正解: ハンドシェイクでリセット。決めるのはロードバランサー');
    await ui.press('enter', '1', 'a', 'enter');
    await ui.waitFor('正解: 通る。決めるのはロードバランサー');
    await ui.press('enter');
    const frame = await ui.waitFor(
      '採点表',
      '何が起きるか: 2 問中 2 問正解',
      '予想と違ったプローブ',
      'なし: すべての予想が正解でした。',
    );
    expectFits(frame);
  });
});
