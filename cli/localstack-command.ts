// `mtls-sandbox localstack start|stop|status`: one LocalStack kept running across runs (sandbox/localstack/kept.ts).
// `start --foreground` is the keeper itself: it holds LocalStack until a signal (Ctrl-C, `localstack stop`, `down`).
import { keepHere, keptStatus, startKept, stopKept } from '../sandbox/localstack/kept.js';
import { HostDriver } from '../sandbox/runtime/host-driver.js';
import type { Lang } from '../sandbox/text.js';
import { cliSay } from './i18n/cli-words.js';

export type LocalStackAction = 'start' | 'stop' | 'status';

export async function localStackCommand(
  action: LocalStackAction,
  foreground: boolean,
  stateDir: string,
  lang: Lang,
  write: (line: string) => void,
): Promise<number> {
  switch (action) {
    case 'start': {
      if (foreground) return keepInForeground(stateDir, lang, write);
      const { record, already } = await startKept(stateDir, {
        executable: process.execPath,
        args: [...process.execArgv, process.argv[1]!],
      });
      const vars = { endpoint: record.endpoint, pid: record.pid, since: record.startedAt, version: record.version };
      write(cliSay(already ? 'keptAlready' : 'keptStarted', lang, vars));
      write(cliSay('keptStopHint', lang));
      return 0;
    }
    case 'status': {
      const status = await keptStatus(stateDir);
      if (status.state === 'stopped') {
        write(cliSay('keptNone', lang));
        return 3;
      }
      const { record } = status;
      if (status.state === 'unhealthy') {
        write(cliSay('keptUnhealthy', lang, { pid: record.pid, endpoint: record.endpoint }));
        write(cliSay('keptUnhealthyHint', lang, { log: record.logFile }));
        return 1;
      }
      const services = Object.entries(status.health.services)
        .filter(([, state]) => /available|running/.test(state))
        .map(([name]) => name);
      write(
        cliSay('keptRuns', lang, {
          version: status.health.version,
          endpoint: record.endpoint,
          pid: record.pid,
          since: record.startedAt,
        }),
      );
      write(cliSay('keptServices', lang, { services: services.join(', '), log: record.logFile }));
      return 0;
    }
    case 'stop': {
      const stopped = await stopKept(stateDir);
      write(stopped ? cliSay('keptStopped', lang, { pid: stopped.pid }) : cliSay('keptNothingToStop', lang));
      return 0;
    }
  }
}

/** The keeper: LocalStack under this process's host driver, until a signal stops the drivers (cli/main.ts). */
async function keepInForeground(stateDir: string, lang: Lang, write: (line: string) => void): Promise<number> {
  const driver = new HostDriver(stateDir);
  try {
    const { record } = await keepHere(stateDir, driver);
    write(cliSay('keptForeground', lang, { version: record.version, endpoint: record.endpoint }));
  } catch (error) {
    await driver.stopAll();
    throw error;
  }
  // Held until a signal: the signal handlers stop every driver, LocalStack with it, and exit.
  return new Promise<number>(() => {});
}
