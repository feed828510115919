// Reads a resource's properties and remembers which ones were used, so every property the compiler did not
// turn into topology can be reported by name instead of being silently dropped.
import { NO_VALUE, resolveValue, UnresolvableValue, type CfnResource, type CfnTemplate, type CfnValue } from './cfn.js';
import { type Message, msg } from '../messages.js';
import type { NotRealized } from './not-realized.js';

/** A property whose value cannot be resolved (sandbox/model/cfn.ts): the resource and property, and why. */
export class UnresolvedProperty extends Error {
  constructor(
    readonly logicalId: string,
    readonly property: string,
    readonly reason: Message,
  ) {
    super(`${logicalId}.${property}: ${reason.code} ${JSON.stringify(reason.params ?? {})}`);
    this.name = 'UnresolvedProperty';
  }
}

export class PropertyReader {
  private readonly used = new Set<string>();
  private readonly explained = new Map<string, Message>();
  readonly properties: Record<string, CfnValue>;

  constructor(
    readonly logicalId: string,
    readonly resource: CfnResource,
    private readonly template: CfnTemplate,
  ) {
    const given = resource.Properties;
    this.properties =
      typeof given === 'object' && given !== null && !Array.isArray(given) ? given : ({} as Record<string, CfnValue>);
  }

  /** The resolved value of a property (Ref/GetAtt/Join... resolved), marking it as realized. */
  get(name: string): CfnValue {
    this.used.add(name);
    const raw = Object.hasOwn(this.properties, name) ? this.properties[name] : undefined;
    if (raw === undefined) return undefined;
    try {
      const value = resolveValue(raw, this.template);
      return value === NO_VALUE ? undefined : value;
    } catch (error) {
      if (error instanceof UnresolvableValue) throw new UnresolvedProperty(this.logicalId, name, error.reason);
      throw error;
    }
  }

  string(name: string): string | null {
    const value = this.get(name);
    return value === undefined || value === null ? null : String(value);
  }

  number(name: string): number | null {
    const value = this.get(name);
    if (value === undefined || value === null || value === '') return null;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }

  list<T = CfnValue>(name: string): T[] {
    const value = this.get(name);
    return Array.isArray(value) ? (value as T[]) : [];
  }

  /** Properties the sandbox knowingly does not realize, with why (e.g. networking that loopback stands in for). */
  explain(reason: Message, ...names: string[]): void {
    for (const name of names) this.explained.set(name, reason);
  }

  /** Properties that were neither used nor explained: reported as not realized, by name. */
  unrealized(type: string): NotRealized[] {
    const out: NotRealized[] = [];
    for (const name of Object.keys(this.properties)) {
      if (this.used.has(name)) continue;
      const reason = this.explained.get(name) ?? msg('nr.unused-property');
      out.push({ logicalId: this.logicalId, type, property: name, reason });
    }
    return out;
  }
}
