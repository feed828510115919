// Says who holds a port, in words for a set-up error: another run of the sandbox that is still running (never
// told to `down`, which would stop that run), something an earlier, killed run left behind (`down` removes it), or
// a process that is not the sandbox's.
import { readPidRecords } from './pid-records.js';
import { portHolders } from './port-owner.js';
import { identify, isStillRunning } from '../os/process-identity.js';
import { readRunners } from './run-registry.js';
import { type Message, msg } from '../messages.js';

export interface PortHolder {
  /** Who, in a phrase ("another mtls-sandbox run that is still running (pid 123: `…`)"). */
  who: string;
  /** What to do about it, in a sentence. */
  advice: string;
  /** A live run of the sandbox holds it: `down` must not be suggested. */
  liveRun: boolean;
  /** Who and what to do, as message codes, for the command line in the user's language. */
  said: { who: Message; advice: Message };
}

/** A set-up error's words about a taken port: [who, what to do], for `list(…)`'s parts. */
export const holderParts = (holder: PortHolder): Message[] => [holder.said.who, holder.said.advice];

/** Who holds host:port (`holders`: their pids, when known already). */
export function describePortHolder(state: string, host: string, port: number, holders?: number[]): PortHolder {
  const pids = holders && holders.length > 0 ? holders : portHolders(host, port);
  const check = `\`ss -ltnp 'sport = :${port}'\` shows it`;
  if (pids.length === 0)
    return {
      who: 'a process this user cannot see',
      advice: `Stop it (${check}), then try again.`,
      liveRun: false,
      said: { who: msg('port.who-unseen'), advice: msg('port.advice-stop', { port }) },
    };
  const runners = readRunners(state).runners.map(({ record }) => record);
  const components = readPidRecords(state).map(({ record }) => record);
  for (const pid of pids) {
    if (pid === process.pid)
      return {
        who: 'this mtls-sandbox process itself',
        advice: 'Try again.',
        liveRun: true,
        said: { who: msg('port.who-self'), advice: msg('port.advice-retry') },
      };
    const runner = runners.find((record) => record.pid === pid && isStillRunning(record));
    if (runner)
      return {
        who: `another mtls-sandbox run that is still running (pid ${pid}: \`${runner.cmdline}\`, since ${runner.startedAt})`,
        advice: 'It keeps the port while it runs: let it finish (or stop it where it was started), then try again.',
        liveRun: true,
        said: {
          who: msg('port.who-run', { pid, cmdline: runner.cmdline, since: runner.startedAt }),
          advice: msg('port.advice-run'),
        },
      };
    const component = components.find((record) => record.pid === pid && isStillRunning(record));
    if (component) {
      const ownerAlive =
        (component.owner && isStillRunning(component.owner)) ||
        runners.some((record) => record.runId === component.runId && isStillRunning(record));
      return ownerAlive
        ? {
            who: `${component.name} of another mtls-sandbox run that is still running (pid ${pid})`,
            advice: 'It keeps the port while that run lasts: let it finish, then try again.',
            liveRun: true,
            said: {
              who: msg('port.who-component-live', { name: component.name, pid }),
              advice: msg('port.advice-run-component'),
            },
          }
        : {
            who: `${component.name} (pid ${pid}), left behind by an earlier mtls-sandbox run that was killed`,
            advice: 'Run `mtls-sandbox down` to stop what that run left behind, then try again.',
            liveRun: false,
            said: {
              who: msg('port.who-component-left', { name: component.name, pid }),
              advice: msg('port.advice-down'),
            },
          };
    }
  }
  const described = pids
    .map((pid) => {
      const cmdline = identify(pid)?.cmdline;
      return cmdline ? `pid ${pid} (\`${cmdline.slice(0, 120)}\`)` : `pid ${pid}`;
    })
    .join(', ');
  return {
    who: `${described}, which is not the sandbox's`,
    advice: `Stop it (${check}) or leave it be, then try again.`,
    liveRun: false,
    said: { who: msg('port.who-other', { described }), advice: msg('port.advice-other', { port }) },
  };
}
