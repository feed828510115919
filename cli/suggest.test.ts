import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from './suggest.js';

describe('did you mean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('rnu', 'run')).toBe(1);
    expect(editDistance('run', 'run')).toBe(0);
    expect(editDistance('lst', 'list')).toBe(1);
  });

  it('suggests the closest command, option or scenario id, and nothing for a far-off word', () => {
    const commands = ['list', 'run', 'report', 'up', 'certs', 'down', 'doctor'];
    expect(didYouMean('rnu', commands)).toBe(' Did you mean "run"?');
    expect(closest('reprot', commands)).toBe('report');
    expect(closest('--jsn', ['--json', '--all', '--lang'])).toBe('--json');
    expect(closest('nlb-tcp-pasthrough', ['nlb-tcp-passthrough', 'alb-mtls-passthrough'])).toBe('nlb-tcp-passthrough');
    expect(closest('alb-rule', ['alb-rule-on-mtls-header', 'alb-tls-termination'])).toBe('alb-rule-on-mtls-header');
    expect(didYouMean('banana', commands)).toBe('');
  });
});
