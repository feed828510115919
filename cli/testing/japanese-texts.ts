// For the language tests: every Japanese text in the sources (string literals and templates that hold Japanese, each
// with its file and line), and the checks a Japanese text must pass — no variant the glossary retired, no glossary
// concept left in English, no English sentence. Test support only (it reads files and parses TypeScript).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { GLOSSARY, SEED_TITLES } from '../i18n/glossary.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

export interface JapaneseText {
  /** "scenarios/then-and-now/scenario.ts:96" */
  where: string;
  /** The text; a template's placeholders are "…". */
  text: string;
}

/** The project's source files that hold user-facing text: not tests, not test support, not the glossary itself. */
function sourceFiles(dir = ROOT): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', '.sandbox', '.git', 'testing', 'fixtures', 'docs'].includes(entry.name))
        out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && entry.name !== 'glossary.ts')
      out.push(path);
  }
  return out;
}

/** Every string literal or template of the sources that holds Japanese. */
export function japaneseTexts(): JapaneseText[] {
  const texts: JapaneseText[] = [];
  for (const file of sourceFiles()) {
    const source = readFileSync(file, 'utf8');
    if (JAPANESE.test(source)) texts.push(...textsOf(relative(ROOT, file), source, 0));
  }
  return texts;
}

/** The Japanese literals of one TypeScript source; a template that is itself a scenario's source (`new` writes
 * one) is read as TypeScript in turn. */
function textsOf(file: string, source: string, offset: number): JapaneseText[] {
  const texts: JapaneseText[] = [];
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node))
      text = node.head.text + node.templateSpans.map((span) => `…${span.literal.text}`).join('');
    if (text !== null && JAPANESE.test(text)) {
      const line = offset + tree.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (text.includes('defineScenario(')) texts.push(...textsOf(file, text, line - 1));
      else texts.push({ where: `${file}:${line}`, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return texts;
}

/** Names, product names and protocol words a Japanese text keeps in English (and TLS message names). */
const KEPT_ENGLISH = [
  'Application Load Balancer',
  'Network Load Balancer',
  'Classic Load Balancer',
  'Elastic Load Balancing',
  'AWS Certificate Manager',
  'AWS Private Certificate Authority',
  'AWS Private CA',
  'AWS Security Token Service',
  'IANA TLS Supported Groups',
  'Private Certificate Authority',
  'API Gateway REST API',
  'AppSync GraphQL API',
  'Cognito user pool',
  'App Runner service',
  'Verified Access instance',
  'Amazon Linux',
  'Docker Compose',
  'GitHub Markdown',
  'Systems Manager Parameter Store',
  'SSM Parameter Store',
  'Parameter Store',
  'Route 53',
  'Load Balancer',
  'Default Action',
  'Request CERT',
  'CERT verify',
  'Client Certificate',
  'Server Certificate',
  'Client CertificateVerify',
  'Server CertificateVerify',
  'Client hello',
  'Server hello',
  'Server key exchange',
  'Client key exchange',
  'Server finished',
  'Change cipher spec',
  'Encrypted Extensions',
  'Newsession Ticket',
  'TLS handshake',
  'TLS alert',
  'change cipher',
  'Connection reset by peer',
  'Recv failure',
  'Bad Request',
  'Bad Gateway',
  'Service Unavailable',
  'Not Found',
  'Connection established',
  'connection refused',
  'No required SSL certificate was sent',
  'The SSL certificate error',
  'Success!!',
  'NotBefore',
  'NotAfter',
  'Proxy Protocol',
  'curl / openssl',
  'kill -9',
  ' vs ',
];

/** A Japanese text's prose: code, quotations, names, paths and options taken out, so that only its own words remain. */
export function prose(text: string): string {
  let out = text
    // Indented lines are code (commands, scripts) inside an explanation.
    .replace(/^ {4,}.*$/gm, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/「[^」]*」/g, ' ')
    .replace(/"[^"]*"/g, ' ')
    .replace(/'[^']*'/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ');
  for (const name of KEPT_ENGLISH) out = out.split(name).join(' ');
  // Identifiers, paths, options, headers, key=value: anything with - _ . / = : $ * { } # @ or a digit inside.
  return out.replace(/[\w$*{}#@.:/=-]*[-_./=:$*{}#@\d][\w$*{}#@.:/=-]*/g, ' ');
}

/** An English sentence left in a Japanese text: three words or more in a row. */
export function englishSentence(text: string): string | null {
  return /\b[A-Za-z]+(?:[ ,;]+[A-Za-z]+){2,}\b/.exec(prose(text))?.[0] ?? null;
}

/** The glossary's problems with a Japanese text: retired variants it uses, concepts it leaves in English. */
export function glossaryProblems(text: string): string[] {
  const problems: string[] = [];
  // The seed articles' real titles are quoted as they are.
  const own = Object.values(SEED_TITLES).reduce((rest, title) => rest.split(title).join(' '), text);
  for (const [key, term] of Object.entries(GLOSSARY)) {
    for (const retired of 'retired' in term ? term.retired : []) {
      const found = retired.exec(own)?.[0];
      if (found) problems.push(`${key}: 「${found}」 is retired; say 「${term.ja}」`);
    }
    const english = 'english' in term ? term.english.exec(prose(own))?.[0] : undefined;
    if (english) problems.push(`${key}: "${english}" left in English; say 「${term.ja}」`);
  }
  return problems;
}
