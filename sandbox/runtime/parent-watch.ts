// Noticing that the process that started us is gone. `npx mtls-sandbox up …` runs the sandbox under an `npm exec`
// wrapper; a wrapper killed with SIGTERM does not pass the signal on, and the sandbox would keep serving with
// init as its parent. Orphaned, it stops as if it got SIGHUP.
/**
 * Calls `onGone` once when this process's parent changes (it died and we were re-parented); returns a function that
 * stops watching. A process started by init (parent 1) from the start has no parent to lose.
 */
export function watchParent(onGone: (parent: number) => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  if (parent <= 1) return () => {};
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone(parent);
  }, intervalMs);
  // Never the reason the process stays alive.
  timer.unref();
  return () => clearInterval(timer);
}
