// A log kept in memory with a bound, so a long session or benchmark stays small (connection, request and WAF logs).

/** Entries kept in memory; the oldest are dropped past `limit` so a long session or benchmark stays bounded. */
export class BoundedLog<T> {
  private items: T[] = [];

  constructor(private readonly limit = 10_000) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.limit * 1.5) this.items = this.items.slice(-this.limit);
  }

  all(): T[] {
    return this.items.slice(-this.limit);
  }
}
