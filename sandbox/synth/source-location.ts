// Where in a scenario's folder an error comes from: the first file:line of its own that the error's message or stack
// names (esbuild's "file:line:col: ERROR", a stack frame, a CDK construct trace). Pure.
import { fileURLToPath } from 'node:url';

export interface SourceLocation {
  file: string;
  line: number | null;
  column: number | null;
}

/** The first place inside `folder` that the error names; the fallback file (line unknown) when it names none. */
export function locateError(error: unknown, folder: string, fallback: string): SourceLocation {
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  // file:///a/b.ts:3:4, /a/b.ts:3:4, (/a/b.ts:3:4); the path stops at whitespace, a bracket or a quote.
  const pattern = /(file:\/\/[^\s()'":]+|\/[^\s()'":]+):(\d+)(?::(\d+))?/g;
  for (const match of text.matchAll(pattern)) {
    let file = match[1]!;
    if (file.startsWith('file:')) {
      try {
        file = fileURLToPath(file.replace(/\?.*$/, ''));
      } catch {
        continue;
      }
    }
    if (!file.startsWith(prefix)) continue;
    return { file, line: Number(match[2]), column: match[3] ? Number(match[3]) : null };
  }
  return { file: fallback, line: null, column: null };
}

/** "file:line:column", as editors and terminals open it. */
export const formatLocation = (where: SourceLocation): string =>
  `${where.file}${where.line === null ? '' : `:${where.line}${where.column === null ? '' : `:${where.column}`}`}`;

/** The error's first line, without the location esbuild repeats in it. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').map((line) => line.trim());
  const esbuild = lines.find((line) => /: ERROR: /.test(line));
  if (esbuild) return esbuild.replace(/^.*?: ERROR: /, '');
  return lines.find((line) => line.length > 0 && !/^Transform failed/.test(line)) ?? message;
}
