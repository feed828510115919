import { describe, expect, it } from 'vitest';
import { balancer, nlbTlsBalancer, sampleDiagram } from '../testing/report-fixture.js';
import { textDiagram } from './text-diagram.js';
import { wordsFor } from './words.js';
import { renderSvg } from './svg.js';
import { textWidth } from './text-measure.js';

const en = wordsFor('en');
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

/** Each box: its rect and the texts drawn in it. */
function boxes(
  svg: string,
): { className: string; x: number; width: number; texts: { x: number; size: number; text: string }[] }[] {
  return [...svg.matchAll(/<g class="(client|balancer|target)">([\s\S]*?)<\/g>/g)].map((m) => {
    const rect = /<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/.exec(m[2]!)!;
    const inner = [
      ...m[2]!.matchAll(/<text(?: class="[^"]*")? x="([\d.]+)" y="[\d.]+" font-size="(\d+)"[^>]*>([^<]*)<\/text>/g),
    ].map((t) => ({ x: Number(t[1]), size: Number(t[2]), text: t[3]! }));
    return { className: m[1]!, x: Number(rect[1]), width: Number(rect[2]), texts: inner };
  });
}

describe('renderSvg', () => {
  it('labels the load balancer kind for CLB, NLB and ALB, and each target', () => {
    for (const kind of ['CLB', 'NLB', 'ALB'] as const) {
      const svg = renderSvg('demo', sampleDiagram(balancer(kind, ['web-1', 'web-2'])), en);
      expect(texts(svg)).toEqual(
        expect.arrayContaining([
          kind,
          'web-1',
          'web-2',
          'Client',
          'curl / openssl',
          `listener ${kind === 'ALB' ? 'HTTPS:443' : 'TCP:443'}`,
        ]),
      );
    }
  });

  it('draws a box for the client, the load balancer and each target, and an arrow to each', () => {
    const svg = renderSvg('demo', sampleDiagram(balancer('NLB', ['web-1', 'web-2', 'web-3'])), en);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="diagram" role="img" aria-label="Topology of demo: client, load balancer and targets" width="\d+" height="\d+" viewBox="0 0 \d+ \d+">/,
    );
    expect(svg).toContain('<title>Topology of demo: client, load balancer and targets</title>');
    expect(boxes(svg).map((box) => box.className)).toEqual(['client', 'balancer', 'target', 'target', 'target']);
    expect(svg.match(/marker-end="url\(#arrow-demo\)"/g)).toHaveLength(4);
    expect(svg).toContain('<marker id="arrow-demo"');
  });

  it('says where TLS ends and who checks the client certificate', () => {
    const nlb = renderSvg('demo', sampleDiagram(balancer('NLB', ['web-1', 'web-2'])), en);
    expect(texts(nlb)).toEqual(
      expect.arrayContaining([
        'TLS ends at: the target',
        'client certificate checked by:',
        'nginx (ssl_verify_client on)',
        'TLS passes through',
        '127.0.0.1:40443',
      ]),
    );
    // Passthrough: TLS ends at each target.
    expect(nlb.match(/class="tls-ends"/g)).toHaveLength(2);
    const alb = renderSvg('demo', sampleDiagram(balancer('ALB', ['app-1'])), en);
    expect(texts(alb)).toEqual(expect.arrayContaining(['TLS ends at: the load balancer', 'the ALB (trust store)']));
    expect(alb.match(/class="tls-ends"/g)).toHaveLength(1);
    expect(texts(alb)).not.toContain('TLS passes through');
  });

  it('stacks one row per load balancer', () => {
    const svg = renderSvg('two', sampleDiagram(balancer('ALB', ['a']), balancer('NLB', ['b'])), en);
    expect(svg.match(/<g class="row"/g)).toHaveLength(2);
    expect(texts(svg)).toEqual(expect.arrayContaining(['ALB', 'NLB']));
  });

  it('sizes each box to hold its text, Japanese included', () => {
    for (const lang of ['en', 'ja'] as const) {
      const svg = renderSvg(
        'demo',
        sampleDiagram({
          ...balancer('ALB', ['a-very-long-target-name-for-testing']),
          listeners: [
            {
              ...balancer('ALB', []).listeners[0]!,
              clientVerifiedBy: 'target-after-alb-passthrough',
            },
          ],
        }),
        wordsFor(lang),
      );
      for (const box of boxes(svg)) {
        for (const text of box.texts)
          expect(text.x - box.x + textWidth(text.text, text.size)).toBeLessThanOrEqual(box.width + 0.5);
      }
    }
  });

  it('escapes labels', () => {
    const svg = renderSvg('x', sampleDiagram(balancer('NLB', ['<b>&'])), en);
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });

  it('speaks Japanese', () => {
    const svg = renderSvg('demo', sampleDiagram(balancer('NLB', ['web-1'])), wordsFor('ja'));
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        'クライアント',
        'TLS の終端: ターゲット',
        'クライアント証明書の検証:',
        'TLS はここで終端',
        'TLS をパススルー',
      ]),
    );
    expect(svg).toContain('<title>demo の構成: クライアント、ロードバランサー、ターゲット</title>');
  });

  it('an NLB TLS listener says where TLS ends, who verifies, its filters and the new connection (SVG and text)', () => {
    const diagram = sampleDiagram(nlbTlsBalancer(['web-1']));
    const drawn = texts(renderSvg('demo', diagram, en)).join(' ');
    expect(drawn).toContain('the NLB (trust store, identity');
    expect(drawn).toContain('spiffe://example.org/ns/prod/');
    expect(drawn).toContain('a new TLS connection');
    expect(texts(renderSvg('demo', diagram, en))).toContain('a new TLS connection');
    const text = textDiagram(diagram, en);
    expect(text).toContain('└─┬─ a new TLS connection');
    expect(text).toContain('│    TLS ends at: the load balancer');
    expect(text).toContain('│    client certificate checked by: the NLB (trust store, identity filters)');
    expect(text).toContain('│    identity filters: san-uri prefix spiffe://example.org/ns/prod/');
    expect(text).toContain('│    to the targets: a new TLS connection (the client certificate stays here)');
  });
});
