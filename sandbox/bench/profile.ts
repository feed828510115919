// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per source file.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  ms: number;
  share: number;
}

/** The newest main-thread profile in `dir`, summarised (shares of busy time, idle excluded); null when none. */
export async function summariseNewestProfile(
  dir: string,
  top = 15,
): Promise<{ file: string; busyMs: number; functions: HotSpot[]; files: HotSpot[] } | null> {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx's loader runs on another).
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.0\.\d+\.cpuprofile$/.test(n));
  if (!names.length) return null;
  const withTimes = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n))).mtimeMs })));
  const file = join(dir, withTimes.sort((a, b) => b.t - a.t)[0]!.n);
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const fn = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') return;
    total += us;
    const where = shortUrl(frame.url);
    // tsx-compiled project files have no useful line numbers; node's own do.
    const line = where && !where.startsWith('sandbox/') ? `:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where ? ` ${where}${line}` : ''}`;
    fn.set(key, (fn.get(key) ?? 0) + us);
    const group = where ? where.replace(/:.*$/, '') : frame.functionName;
    files.set(group, (files.get(group) ?? 0) + us);
  });
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
  return { file, busyMs: total / 1000, functions: rank(fn), files: rank(files) };
}

function shortUrl(url: string): string {
  if (!url) return '';
  const project = url.indexOf('/sandbox/');
  if (project >= 0) return url.slice(project + 1);
  return url.replace(/^file:\/\/.*\/node_modules\//, 'node_modules/');
}
