/**
 * Once a day at HH:MM, server time (DOCKYARD_LAB_HEALTH_AT): the nightly lab tests. The timer
 * sleeps an hour at most before it looks at the clock again, so that a clock set forward or
 * back (summer time) still fires at the right hour. A night the server was down is not made
 * up: the next one comes. Started and stopped with the `lab-health` lease, so that one server
 * of several runs it.
 */

export type DailyTime = { hours: number; minutes: number };

const HOUR_MS = 3_600_000;

/** `03:30` → { hours: 3, minutes: 30 }; `off` → null. */
export function parseDailyTime(at: string): DailyTime | null {
  const match = /^(\d{2}):(\d{2})$/.exec(at);
  if (!match) return null;
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/** The next moment at that time of day, in the server's time zone, strictly after `now`. */
export function nextDailyTime({ hours, minutes }: DailyTime, now: Date): Date {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, minutes, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next;
}

export class DailySchedule {
  private timer: NodeJS.Timeout | undefined;
  private due: Date | undefined;

  constructor(
    private readonly time: DailyTime,
    private readonly task: () => Promise<void>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** When it runs next; undefined while stopped. */
  get nextAt(): Date | undefined {
    return this.due;
  }

  start(): void {
    if (this.due) return;
    this.due = nextDailyTime(this.time, this.now());
    this.arm();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = undefined;
  }

  private arm(): void {
    const due = this.due;
    if (!due) return;
    const wait = due.getTime() - this.now().getTime();
    this.timer = setTimeout(() => this.wake(), Math.max(0, Math.min(wait, HOUR_MS)));
    this.timer.unref();
  }

  private wake(): void {
    const due = this.due;
    if (!due) return;
    if (this.now().getTime() < due.getTime()) return this.arm();
    this.due = nextDailyTime(this.time, this.now());
    this.arm();
    void this.task();
  }
}
