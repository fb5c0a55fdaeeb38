// The bot's event log. waitFor hands out each event once per type, so a test can wait for the
// second 'ended' after the first without bookkeeping, and events that fired before the wait
// still count.
import type { BotEvent } from './protocol.ts';

export class BotEvents {
  private readonly log: BotEvent[] = [];
  private readonly cursor = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  record(type: string, detail: Record<string, unknown>): void {
    this.log.push({ type, at: performance.timeOrigin + performance.now(), detail });
    for (const wake of [...this.waiters]) wake();
  }

  count(): number {
    return this.log.length;
  }

  all(): BotEvent[] {
    return this.log.slice();
  }

  /** The next not-yet-returned event of this type, waiting up to timeoutMs for it. */
  async waitFor(type: string, timeoutMs = 10_000): Promise<BotEvent> {
    const from = this.cursor.get(type) ?? 0;
    const found = await this.waitAny([type], timeoutMs, from);
    this.cursor.set(type, this.log.indexOf(found) + 1);
    return found;
  }

  /** Marks an event as returned, so the next waitFor of its type looks past it. */
  consume(event: BotEvent): void {
    const index = this.log.indexOf(event);
    if (index >= (this.cursor.get(event.type) ?? 0)) this.cursor.set(event.type, index + 1);
  }

  /** The first event at index >= from whose type is one of types. */
  waitAny(types: string[], timeoutMs: number, from: number): Promise<BotEvent> {
    const find = (): BotEvent | undefined => this.log.slice(from).find((e) => types.includes(e.type));
    const hit = find();
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        const found = find();
        if (!found) return;
        this.waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        const seen = this.log.map((e) => e.type).join(', ');
        reject(new Error(`no ${types.join('|')} event within ${timeoutMs} ms (seen: ${seen})`));
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
