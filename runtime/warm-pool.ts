/**
 * Spare lab nodes, started ahead of time so that a lab starts in well under a second: the
 * driver hands one to the next session that needs that image and makes another in the
 * background. Spares count against the machine's capacity: none is made while `hasRoom`
 * says no, and they are made one at a time, so filling the pool never crowds live sessions.
 */
export interface WarmPoolOptions {
  /** Spares kept ready per image (0: no pool). */
  size: number;
  images: readonly string[];
  /** Asked before each new spare: the server's capacity rule. */
  hasRoom: () => Promise<boolean>;
  /** Starts a spare node of `image` and resolves with its id once it is ready. */
  make: (image: string) => Promise<string>;
  /** How long after a spare is taken its replacement starts (0: at once). */
  refillDelayMs?: number;
  /** Told of every take: `hit` when a spare was ready, false when the node must be made (a miss). */
  onTake?: (image: string, hit: boolean) => void;
  log: (message: string, detail: Record<string, unknown>) => void;
}

export class WarmPool {
  private readonly ready = new Map<string, string[]>();
  private readonly filling = new Set<string>();
  /** Spares being made right now: stop() waits for them, so none is left behind. */
  private readonly making = new Set<Promise<string>>();
  private readonly delayed = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly opts: WarmPoolOptions) {}

  start(): void {
    for (const image of this.opts.images) void this.refill(image);
  }

  /**
   * A ready spare for `image` (the first that `accept`s), removed from the pool. Call `replenish` once it is handed over:
   * making its replacement meanwhile would slow the hand-over down (2 cores here).
   */
  take(image: string, accept: (id: string) => boolean = () => true): string | undefined {
    const ready = this.ready.get(image) ?? [];
    const index = ready.findIndex(accept);
    this.opts.onTake?.(image, index >= 0);
    return index < 0 ? undefined : ready.splice(index, 1)[0];
  }

  replenish(image: string): void {
    const delay = this.opts.refillDelayMs ?? 0;
    if (delay === 0) {
      void this.refill(image);
      return;
    }
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      void this.refill(image);
    }, delay);
    timer.unref();
    this.delayed.add(timer);
  }

  /** Spares ready now, per image. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.opts.images.map((image) => [image, this.ready.get(image)?.length ?? 0]));
  }

  /** Makes no more spares; resolves with every spare it holds or was making, for the caller to remove. */
  async stop(): Promise<string[]> {
    this.stopped = true;
    for (const timer of this.delayed) clearTimeout(timer);
    this.delayed.clear();
    const waiting = [...this.ready.values()].flat();
    this.ready.clear();
    const made = await Promise.allSettled([...this.making]);
    return [...waiting, ...made.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
  }

  /** Tops the pool of `image` up to its size, one spare at a time (a single filler per image). */
  private async refill(image: string): Promise<void> {
    if (this.filling.has(image) || !this.opts.images.includes(image)) return;
    this.filling.add(image);
    try {
      while (!this.stopped && (this.ready.get(image)?.length ?? 0) < this.opts.size && (await this.opts.hasRoom())) {
        const making = this.opts.make(image);
        this.making.add(making);
        const id = await making.finally(() => this.making.delete(making));
        if (this.stopped) break;
        this.ready.set(image, [...(this.ready.get(image) ?? []), id]);
      }
    } catch (err) {
      // A failed spare is not a failed lab: starts go the slow way until the next take().
      this.opts.log('spare node not made', { image, error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.filling.delete(image);
    }
  }
}
