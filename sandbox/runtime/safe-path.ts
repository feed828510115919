// Names that come from a template (construct paths from aws:cdk:path, logical ids) become file and folder names of
// a run: each is reduced to one safe segment, and every path made from them is checked to stay inside the run's
// directory, so a template cannot write outside the state dir ("T/../../../tmp/x" included). Pure.
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The longest segment kept: file systems allow 255 bytes; the rest of a name (ports, suffixes) needs room. */
const MAX_SEGMENT = 80;

/**
 * One lowercase file-name segment from any text: runs of anything but letters and digits become one hyphen, as
 * component names always were ("PublicAlb" → "publicalb", "Nlb/Tls" → "nlb-tls", "../../x" → "x").
 */
export function fileSlug(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SEGMENT)
    .replace(/-+$/, '');
  return slug || 'unnamed';
}

/** `join(dir, ...parts)`, refused when the result would leave `dir` (a defence behind fileSlug). */
export function inside(dir: string, ...parts: string[]): string {
  const base = resolve(dir);
  const path = resolve(join(base, ...parts));
  const rel = relative(base, path);
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return path;
  throw new Error(`${join(...parts)} would leave ${base}; names from a template must stay inside the run's folder.`);
}
