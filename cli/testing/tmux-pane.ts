// A terminal for the end-to-end tests: our own tmux server (-L) and session, so nothing of anyone else's is touched,
// and a bounded poll of what the pane shows.
import { execa } from 'execa';

export function tmuxPane(label: string) {
  const socket = `mtls-${label}-${process.pid}`;
  const session = `${label}-${Date.now()}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', socket, ...args], { reject: false });
  const pane = async (): Promise<string> => (await tmux('capture-pane', '-p', '-t', session)).stdout;
  const keys = (...names: string[]) => tmux('send-keys', '-t', session, ...names);

  /** Polls the pane until `ready` holds, or fails with what the pane showed. */
  async function waitForPane(ready: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = await pane();
      if (ready(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. The pane showed:\n${text}`);
  }

  return { session, tmux, pane, keys, waitForPane };
}
