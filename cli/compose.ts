// `mtls-sandbox compose <id> [--out DIR]`: the engine writes the compose project (sandbox/compose/, through the door);
// this writes the README.md beside its compose.yaml and says what to run next. The README and the summary are pure
// renderers of the project record.
import { writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { shellQuote } from '../certs/shell-quote.js';
import type { ComposeProject } from '../sandbox/compose/project.js';
import type { Sandbox } from '../sandbox/door.js';
import type { ScenarioDefinition } from '../sandbox/scenario.js';
import { pick, type Lang } from '../sandbox/text.js';
import { t } from './i18n/index.js';

/** Where `compose <id>` writes without --out: beside the state dir's other generated files. */
export const defaultComposeDir = (state: string, id: string): string => join(state, 'compose', id);

/** The compose commands, from the project's folder (README.md) or from anywhere with -f (the CLI's summary, docs). */
export function composeCommands(composeFile: string | null): { up: string[]; down: string[] } {
  const file = composeFile === null ? [] : ['-f', composeFile];
  return { up: ['docker', 'compose', ...file, 'up', '-d', '--wait'], down: ['docker', 'compose', ...file, 'down'] };
}

export const commandLine = (args: readonly string[]): string => args.map(shellQuote).join(' ');

/** Writes the project and its README.md; returns the project (its `probe` judges it once it is up). */
export async function writeCompose(
  sandbox: Sandbox,
  scenario: ScenarioDefinition,
  out: string,
  lang: Lang,
): Promise<ComposeProject> {
  const project = await sandbox.compose(scenario, out);
  await writeFile(join(project.dir, 'README.md'), composeReadme(project, lang));
  return project;
}

/** README.md of a compose project: its services, how to start it, the probes to try, how to remove it. */
export function composeReadme(project: ComposeProject, lang: Lang): string {
  const id = project.scenario.id;
  const { up, down } = composeCommands(null);
  const fence = (lines: string[]) => ['```sh', ...lines, '```'];
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    `# ${t('composeReadmeTitle', lang, { scenario: id })}`,
    '',
    t('composeReadmeIntro', lang, { scenario: id, title: pick(project.scenario.title, lang) }),
    '',
    `## ${t('composeReadmeServices', lang)}`,
    '',
    `| ${t('composeReadmeService', lang)} | ${t('composeReadmeImage', lang)} | ${t('composeReadmeListens', lang)} |`,
    '| --- | --- | --- |',
    ...project.services.map(
      (service) => `| \`${service.service}\` | \`${service.image}\` | ${cell(service.listens.join(', '))} |`,
    ),
    '',
    `## ${t('composeReadmeTry', lang)}`,
    '',
    t('composeReadmeUp', lang),
    '',
    ...fence([commandLine(up)]),
    '',
    t('composeReadmeProbes', lang),
    '',
    ...fence(
      project.probes.flatMap((probe, index) => [
        ...(index > 0 ? [''] : []),
        `# ${probe.name}: ${pick(probe.description, lang)}`,
        probe.command,
      ]),
    ),
    '',
    // The scenario's own "What to notice" list.
    pick(project.scenario.explain, lang),
    '',
    t('composeReadmeDown', lang),
    '',
    ...fence([commandLine(down)]),
    '',
    `## ${t('composeReadmeNotes', lang)}`,
    '',
    `- ${t('composeReadmePorts', lang, { scenario: id })}`,
    ...(project.checkout ? [`- ${t('composeReadmeCheckout', lang, { checkout: `\`${project.checkout}\`` })}`] : []),
    `- ${t('composeReadmeFiles', lang)}`,
    `- ${t('composeReadmeJudge', lang, { scenario: id })}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** What the CLI prints once the project is written: where, which services, and the commands to run next. */
export function composeSummary(project: ComposeProject, lang: Lang, cwd = process.cwd()): string {
  const shown = (path: string) => {
    const near = relative(cwd, path);
    return near && !near.startsWith('..') && !isAbsolute(near) ? near : path;
  };
  const { up, down } = composeCommands(shown(project.composeFile));
  return [
    t('composeWrote', lang, {
      scenario: project.scenario.id,
      dir: shown(project.dir),
      count: project.services.length,
      services: project.services.map((service) => service.service).join(', '),
    }),
    t('composeNext', lang, { readme: shown(join(project.dir, 'README.md')) }),
    `  ${commandLine(up)}`,
    `  ${commandLine(down)}`,
  ].join('\n');
}
