// `doctor` in the user's language: the engine's English and the catalogue's words for each line say the same, and the
// Japanese text has no English sentence (commands and versions aside). Runs the real checks of this machine.
import { describe, expect, it } from 'vitest';
import { collectDoctor, type Said } from '../sandbox/localstack/doctor.js';
import { doctorJson, doctorText } from './doctor-text.js';
import { say } from './i18n/index.js';
import { englishSentence, glossaryProblems } from './testing/japanese-texts.js';

describe('doctor', async () => {
  const report = await collectDoctor();
  const lines = [
    ...report.checks.map((check) => ({ said: check.said, detail: check.detail, fix: check.fix, other: {} })),
    ...report.modes.map((mode) => ({ said: mode.said, detail: mode.detail, fix: null, other: {} })),
    ...(report.listeners ?? []).map((listener) => ({
      said: listener.said,
      detail: listener.detail,
      fix: null,
      other: { kind: listener.kind, realizedBy: listener.realizedBy },
    })),
  ];

  it("says every line's words as message codes that render to the engine's English", () => {
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) {
      const said: Said = line.said!;
      expect(said, line.detail).toBeDefined();
      expect(say(said.detail, 'en')).toBe(line.detail);
      expect(said.fix ? say(said.fix, 'en') : null).toBe(line.fix);
      for (const [part, english] of Object.entries(line.other))
        expect(say(said[part as 'kind' | 'realizedBy']!, 'en')).toBe(english);
    }
  });

  it('speaks Japanese under --lang ja, and keeps --json as it was', () => {
    const text = doctorText(report, 'ja');
    expect(text).toMatch(/^サンドボックスに必要なものと、見つかったもの:/);
    // What a tool says of its own version ("HAProxy version 2.6.12") is data, not the doctor's words.
    const values = report.checks.filter((check) => check.said?.detail.code === 'doctor.value').map((c) => c.detail);
    for (const line of text.split('\n')) {
      // A fix is a command first; its words follow it in parentheses.
      const prose = values.reduce((rest, value) => rest.replace(value, ''), line.replace(/^\s+対処: \S.*?\s{3}/, ''));
      expect(englishSentence(prose), line).toBeNull();
      expect(glossaryProblems(prose), line).toEqual([]);
    }
    expect(doctorText(report, 'en')).toMatch(/^What the sandbox needs and finds:/);
    expect(doctorJson(report)).not.toContain('"said"');
  });
});
