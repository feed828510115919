// `mtls-sandbox doctor` as text in the user's language: the engine's report (sandbox/localstack/doctor.ts) carries
// each line's words as message codes beside its English; this renders them through the catalogue. Pure.
import { type DoctorReport, formatDoctor, type Said } from '../sandbox/localstack/doctor.js';
import type { Lang } from '../sandbox/text.js';
import { say } from './i18n/index.js';

/** The checks' names in Japanese (their English names are the record's keys, kept in --json). */
const NAMES_JA: Record<string, string> = {
  'python ≥ 3.12': 'Python 3.12 以降',
  'localstack venv': 'LocalStack の venv',
  'running localstack': '動作中の LocalStack',
  'docker engine': 'Docker エンジン',
  'docker images': 'Docker イメージ',
  'docker compose': 'Docker Compose',
  'localstack image': 'LocalStack イメージ',
};

/** The report with its words in `lang` (English as the engine wrote it). */
export function doctorIn(report: DoctorReport, lang: Lang): DoctorReport {
  if (lang === 'en') return report;
  const words = (said: Said | undefined, english: string, part: 'detail' | 'kind' | 'realizedBy') =>
    said?.[part] ? say(said[part]!, lang) : english;
  return {
    checks: report.checks.map((check) => ({
      ...check,
      name: NAMES_JA[check.name] ?? check.name,
      detail: words(check.said, check.detail, 'detail'),
      fix: check.said?.fix ? say(check.said.fix, lang) : check.fix,
    })),
    modes: report.modes.map((mode) => ({ ...mode, detail: words(mode.said, mode.detail, 'detail') })),
    ...(report.listeners
      ? {
          listeners: report.listeners.map((listener) => ({
            ...listener,
            kind: words(listener.said, listener.kind, 'kind'),
            realizedBy: words(listener.said, listener.realizedBy, 'realizedBy'),
            detail: words(listener.said, listener.detail, 'detail'),
          })),
        }
      : {}),
  };
}

/** What `doctor` prints: the report in the user's language. */
export const doctorText = (report: DoctorReport, lang: Lang): string => formatDoctor(doctorIn(report, lang), lang);

/** What `doctor --json` prints: the record as before, without the message codes the text is made from. */
export const doctorJson = (report: DoctorReport): string =>
  JSON.stringify(report, (key, value) => (key === 'said' ? undefined : value), 2);
