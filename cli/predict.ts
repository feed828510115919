// `mtls-sandbox run <id> --predict`: the scenario's topology kept up, and before each probe the learner types what
// will happen and who decides (e.g. "3a"); then the probe runs and the answer shows, with why and how we know; at the
// end the score, the probes that surprised them, and the sheet written for `report --predictions FILE`. Answers come
// one a line from stdin, so a trainer can also pipe them in.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { openSandbox } from '../sandbox/door.js';
import { answerFor, type PredictionAnswer, type PredictionPick } from '../sandbox/lab/prediction.js';
import type { LocalStackRequest } from '../sandbox/localstack/session.js';
import type { Message } from '../sandbox/messages.js';
import { stateDir } from '../sandbox/runtime/state-dir.js';
import type { ScenarioDefinition } from '../sandbox/scenario.js';
import { pick, type Lang } from '../sandbox/text.js';
import type { Runtime } from './args.js';
import { say, t } from './i18n/index.js';
import { colorEnabled, plainPrinter } from './plain.js';
import { writePredictionSheet } from './predict-sheet.js';
import { answerLines, choiceLines, parsePick, questionLines, scoreLines } from './predict-text.js';

export interface PredictOptions {
  localstack?: LocalStackRequest;
  runtime?: Runtime;
  input?: Readable & { isTTY?: boolean };
  write?: (line: string) => void;
}

export async function predictRun(
  scenario: ScenarioDefinition,
  lang: Lang,
  options: PredictOptions = {},
): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const input = options.input ?? process.stdin;
  const lines = createInterface({ input, terminal: false })[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    const line = await lines.next();
    return line.done ? null : line.value;
  };
  const sandbox = openSandbox({
    stateDir: stateDir(),
    lang,
    localstack: options.localstack ?? 'auto',
    runtime: options.runtime ?? 'host',
    log: (line: Message) => write(say(line, lang)),
  });
  const startedAt = new Date().toISOString();
  const answers: PredictionAnswer[] = [];
  try {
    const session = await sandbox.up(
      scenario,
      plainPrinter(write, colorEnabled(process.stdout), lang, { diagrams: false }),
    );
    const certificates = session.certificates;
    const choices = choiceLines(lang);
    let ended = false;
    for (const [index, spec] of scenario.probes.entries()) {
      write('');
      write(`── ${t('predictProgress', lang, { index: index + 1, total: scenario.probes.length })} · ${spec.name} ──`);
      for (const text of questionLines(spec, session.liveTopology(), certificates, lang)) write(`  ${text}`);
      write(`${t('predictWhat', lang)}`);
      for (const text of choices.outcomes) write(`  ${text}`);
      write(`${t('predictWho', lang)}`);
      for (const text of choices.deciders) write(`  ${text}`);
      let picked: PredictionPick | null = null;
      while (!ended && picked === null) {
        write(t('predictPrompt', lang));
        const line = await next();
        if (line === null) ended = true;
        else picked = parsePick(line);
        // On a terminal a slip is asked again; piped answers go on, the unreadable one counting as none.
        if (picked === null && !ended) {
          write(`  ${t('predictUnreadable', lang)}`);
          if (!input.isTTY) break;
        }
      }
      const report = await session.probe(spec);
      const answer = answerFor(spec, report, picked);
      answers.push(answer);
      write(`── ${t('predictHappened', lang)} ──`);
      for (const entry of answerLines(answer, lang))
        write(entry.kind === 'heading' ? entry.text : `  ${entry.text.split('\n').join('\n  ')}`);
    }
    write('');
    write(`══ ${t('predictScoreHeading', lang)} · ${scenario.id} · ${pick(scenario.title, lang)} ══`);
    for (const text of scoreLines(answers, lang)) write(text);
    const file = await writePredictionSheet(stateDir(), {
      kind: 'mtls-sandbox-predictions',
      version: 1,
      scenario: scenario.id,
      title: scenario.title,
      startedAt,
      answers,
    });
    write('');
    write(t('predictSaved', lang, { file }));
    return 0;
  } finally {
    await sandbox.stop();
  }
}
