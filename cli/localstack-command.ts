// `mtls-sandbox localstack start|stop|status`: one LocalStack kept running across runs (sandbox/localstack/kept.ts).
// `start --foreground` is the keeper itself: it holds LocalStack until a signal (Ctrl-C, `localstack stop`, `down`).
import { keepHere, keptStatus, startKept, stopKept } from '../sandbox/localstack/kept.js';
import { HostDriver } from '../sandbox/runtime/host-driver.js';

export type LocalStackAction = 'start' | 'stop' | 'status';

export async function localStackCommand(
  action: LocalStackAction,
  foreground: boolean,
  stateDir: string,
  write: (line: string) => void,
): Promise<number> {
  switch (action) {
    case 'start': {
      if (foreground) return keepInForeground(stateDir, write);
      const { record, already } = await startKept(stateDir, {
        executable: process.execPath,
        args: [...process.execArgv, process.argv[1]!],
      });
      write(
        already
          ? `A kept LocalStack already runs: ${record.endpoint} (pid ${record.pid}, since ${record.startedAt}).`
          : `LocalStack ${record.version} runs at ${record.endpoint} (keeper pid ${record.pid}); runs with --localstack auto use it.`,
      );
      write('Stop it with `mtls-sandbox localstack stop` (or `mtls-sandbox down`).');
      return 0;
    }
    case 'status': {
      const status = await keptStatus(stateDir);
      if (status.state === 'stopped') {
        write('No kept LocalStack runs. Start one with `mtls-sandbox localstack start`.');
        return 3;
      }
      const { record } = status;
      if (status.state === 'unhealthy') {
        write(`The keeper (pid ${record.pid}) runs, but LocalStack does not answer at ${record.endpoint}.`);
        write(`See ${record.logFile}; \`mtls-sandbox localstack stop\` stops it.`);
        return 1;
      }
      const services = Object.entries(status.health.services)
        .filter(([, state]) => /available|running/.test(state))
        .map(([name]) => name);
      write(
        `LocalStack ${status.health.version} runs at ${record.endpoint} (keeper pid ${record.pid}, since ${record.startedAt}).`,
      );
      write(`Services: ${services.join(', ')}. Log: ${record.logFile}`);
      return 0;
    }
    case 'stop': {
      const stopped = await stopKept(stateDir);
      write(stopped ? `Stopped the kept LocalStack (keeper pid ${stopped.pid}).` : 'No kept LocalStack was running.');
      return 0;
    }
  }
}

/** The keeper: LocalStack under this process's host driver, until a signal stops the drivers (cli/main.ts). */
async function keepInForeground(stateDir: string, write: (line: string) => void): Promise<number> {
  const driver = new HostDriver(stateDir);
  try {
    const { record } = await keepHere(stateDir, driver);
    write(
      `LocalStack ${record.version} runs at ${record.endpoint}; Ctrl-C (or \`mtls-sandbox localstack stop\`) stops it.`,
    );
  } catch (error) {
    await driver.stopAll();
    throw error;
  }
  // Held until a signal: the signal handlers stop every driver, LocalStack with it, and exit.
  return new Promise<number>(() => {});
}
