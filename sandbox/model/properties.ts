// Reads a resource's properties and remembers which ones were used, so every property the compiler did not
// turn into topology can be reported by name instead of being silently dropped.
import { resolveValue, type CfnResource, type CfnTemplate, type CfnValue } from './cfn.js';
import { type Message, msg } from '../messages.js';
import type { NotRealized } from './topology.js';

export class PropertyReader {
  private readonly used = new Set<string>();
  private readonly explained = new Map<string, Message>();
  readonly properties: Record<string, CfnValue>;

  constructor(
    readonly logicalId: string,
    readonly resource: CfnResource,
    private readonly template: CfnTemplate,
  ) {
    this.properties = resource.Properties ?? {};
  }

  /** The resolved value of a property (Ref/GetAtt/Join... resolved), marking it as realized. */
  get(name: string): CfnValue {
    this.used.add(name);
    const raw = this.properties[name];
    return raw === undefined ? undefined : resolveValue(raw, this.template);
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
