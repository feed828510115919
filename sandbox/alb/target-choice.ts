// Which target group and which target a forward action sends a request to: group stickiness (AWSALBTG), weighted
// round robin over the action's groups, target stickiness (AWSALB) and round robin over a group's healthy targets,
// failing open when none is healthy (ELB "Sticky sessions", "Health checks for your target groups"). Also the
// Set-Cookie values that keep a client where it was sent.
import type { RuleAction } from '../model/topology.js';
import { COOKIE, StickyCookieCodec, stickyCookieHeaders } from './stickiness.js';
import { type TargetGroupRuntime, type TargetRuntime, WeightedPicker } from './targets.js';

export type ForwardAction = Extract<RuleAction, { type: 'forward' }>;
type GroupStickiness = NonNullable<ForwardAction['groupStickiness']>;

/** Where a request goes: its group and target, and the group stickiness that chose the group, if any. */
export interface TargetChoice {
  group: TargetGroupRuntime;
  target: TargetRuntime;
  sticky: GroupStickiness | null;
}

export class TargetChooser {
  private readonly codec = new StickyCookieCodec();
  // Keyed by the action object: actions replaced by a live update take their pickers with them.
  private readonly pickers = new WeakMap<RuleAction, WeightedPicker>();

  /** The target group for this request: the one its group stickiness cookie names, else the weighted pick. */
  chooseGroup(action: ForwardAction, cookies: Map<string, string>, now: number) {
    const sticky = action.groupStickiness?.enabled ? action.groupStickiness : null;
    const ids = new Set(action.targetGroups.map((t) => t.targetGroupId));
    if (sticky) {
      const pinned = this.codec.decode(cookies.get(COOKIE.group) ?? '', now);
      if (pinned && ids.has(pinned.g)) return { id: pinned.g, sticky };
    }
    let picker = this.pickers.get(action);
    if (!picker) {
      picker = new WeightedPicker();
      this.pickers.set(action, picker);
    }
    return { id: picker.pick(action.targetGroups), sticky };
  }

  /** The target in the group: the one its stickiness cookie names while it may be used, else the next in turn. */
  chooseTarget(
    group: TargetGroupRuntime,
    cookies: Map<string, string>,
    now: number,
    notes: string[],
  ): TargetRuntime | null {
    if (group.group.stickiness?.enabled) {
      const cookie = cookies.get(COOKIE.target);
      const pinned = cookie ? this.codec.decode(cookie, now) : null;
      // A cookie naming a deregistered or unhealthy target is ignored and replaced (ELB sticky sessions).
      const kept = pinned && pinned.g === group.group.id && pinned.t ? group.usable(pinned.t) : null;
      if (kept) return kept;
      if (cookie)
        notes.push(
          `${COOKIE.target} cookie not usable (not ours, expired, or its target is unhealthy): a new target was chosen`,
        );
    }
    if (!group.hasHealthy() && group.registered().length > 0) {
      notes.push(`no healthy target in ${group.group.id}: routed across all its targets (fail open)`);
    }
    return group.pick();
  }

  /** The stickiness cookies the response carries, so the client's next request goes where this one went. */
  stickyCookies(choice: TargetChoice, now: number): string[] {
    const { group, target, sticky } = choice;
    const setCookies: string[] = [];
    if (sticky) {
      const expires = Math.floor(now / 1000) + sticky.durationSeconds;
      const value = this.codec.encode({ g: group.group.id, e: expires });
      setCookies.push(...stickyCookieHeaders(COOKIE.group, COOKIE.groupCors, value, expires));
    }
    if (group.group.stickiness?.enabled) {
      const expires = Math.floor(now / 1000) + group.group.stickiness.durationSeconds;
      const value = this.codec.encode({ g: group.group.id, t: target.key, e: expires });
      setCookies.push(...stickyCookieHeaders(COOKIE.target, COOKIE.targetCors, value, expires));
    }
    return setCookies;
  }
}
