/**
 * Unwrapped data keys held in memory, so reading a record does not call KMS each time: at most `max` people, each
 * for `ttlMs` (then unwrapped again, which also notices a key destroyed by another function). Least recently used
 * first out.
 */
export class KeyCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly options: { max: number; ttlMs: number; now?: () => number } = {
      max: 1000,
      ttlMs: 5 * 60_000,
    },
  ) {}

  get(subject: string): V | undefined {
    const entry = this.entries.get(subject);
    if (!entry) return undefined;
    this.entries.delete(subject);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(subject, entry);
    return entry.value;
  }

  set(subject: string, value: V): void {
    this.entries.delete(subject);
    this.entries.set(subject, { value, expiresAt: this.now() + this.options.ttlMs });
    while (this.entries.size > this.options.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(subject: string): void {
    this.entries.delete(subject);
  }

  get size(): number {
    return this.entries.size;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
