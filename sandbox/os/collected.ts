// What a short-lived command left behind (run-collected.ts runs it, directly or through spawner.ts).
export interface Collected {
  /** The exit status; null when a signal ended it (or it never started). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they arrived, each decoded on its own (a character split across chunks stays whole). */
  all: string;
  /** It outlived `timeoutMs` and was stopped. */
  timedOut: boolean;
  /** The executable could not be started: its error code (ENOENT: not installed). */
  startError: string | null;
}
