// Applying what an API call changed to the ALB emulators that run (RunningAlb.update): all of it, or, when one
// listener refuses, none of it — those already changed are put back, and the call fails.
import type { AlbLiveUpdate } from '../alb/config.js';
import type { LiveAlbListener } from '../runtime/alb-lb.js';
import type { Change } from './actions.js';
import { ApiError } from './query.js';
import { type ElbState, trustStoreObjects } from './state.js';

/** Applies the changes; on a refusal undoes the ones applied and throws the ApiError that says why. */
export function applyChanges(listeners: LiveAlbListener[], before: ElbState, after: ElbState, changes: Change[]): void {
  const undo: (() => void)[] = [];
  try {
    for (const change of changes) undo.push(...applyOne(listeners, before, after, change));
  } catch (error) {
    for (const step of undo.reverse()) step();
    throw refusalOf(error);
  }
}

/** Applies one change; returns how to put each listener it reached back. */
function applyOne(listeners: LiveAlbListener[], before: ElbState, after: ElbState, change: Change): (() => void)[] {
  if (change.kind === 'listener') {
    const entry = liveListener(listeners, after, change.listenerArn);
    entry.handle.update!(listenerUpdate(after, change.listenerArn));
    return [() => entry.handle.update!(listenerUpdate(before, change.listenerArn))];
  }
  const id = after.targetGroups.find((candidate) => candidate.arn === change.targetGroupArn)!.group.logicalId;
  const undo: (() => void)[] = [];
  for (const entry of listeners) {
    const running = entry.config.targetGroups.find((candidate) => candidate.id === id);
    if (!running) continue;
    entry.handle.update!(groupUpdate(change, after, running));
    undo.push(() => entry.handle.update!(groupUpdate(change, before, running)));
  }
  return undo;
}

type RunningGroup = LiveAlbListener['config']['targetGroups'][number];

/** A target group's registered targets or stickiness, as the emulator behind one listener takes it. */
function groupUpdate(
  change: Change & { targetGroupArn: string },
  state: ElbState,
  running: RunningGroup,
): AlbLiveUpdate {
  const group = state.targetGroups.find((candidate) => candidate.arn === change.targetGroupArn)!;
  const targetGroupId = group.group.logicalId;
  if (change.kind === 'targets') {
    const targets = running.targets.filter((_, i) => group.registered[i] !== false).map((target) => target.name);
    return { registered: { targetGroupId, targets } };
  }
  const { enabled, durationSeconds } = group.stickiness;
  return { stickiness: { targetGroupId, stickiness: enabled ? { enabled: true, durationSeconds } : null } };
}

function refusalOf(error: unknown): ApiError {
  const refusal = (error as { refusal?: { code: string; message: string; detail: string } | null }).refusal;
  if (refusal) return new ApiError(refusal.code, `${refusal.message} (${refusal.detail})`);
  return new ApiError(
    'UnsupportedBySandbox',
    `mtls-sandbox cannot apply this: the running listener refused it: ${(error as Error).message}`,
  );
}

function liveListener(listeners: LiveAlbListener[], current: ElbState, arn: string): LiveAlbListener {
  const listener = current.listeners.find((candidate) => candidate.arn === arn)!;
  return listeners.find((entry) => entry.listener.logicalId === listener.logicalId)!;
}

/** A listener's whole set-up as the emulator takes it. */
function listenerUpdate(current: ElbState, arn: string): AlbLiveUpdate {
  const listener = current.listeners.find((candidate) => candidate.arn === arn)!;
  const mutual = listener.mutualAuthentication;
  return {
    rules: listener.rules.map((rule) => rule.rule),
    defaultActions: listener.defaultActions,
    mutualAuthentication: mutual,
    trustStore: mutual?.mode === 'verify' ? trustStoreObjects(current, mutual.trustStoreId) : null,
  };
}
