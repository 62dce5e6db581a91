import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Cooperative scheduling for long CPU loops on the event loop: `due()` says when the current slice is used up, and
 * `yield()` lets I/O (health probes, other requests, 503s) through before the loop goes on. A loop over a request's
 * items calls `await slice.pause()` once per item; it costs nothing until the slice has run `ms` milliseconds.
 */
export class TimeSlice {
  private started = performance.now();
  constructor(private readonly ms = 10) {}

  due(): boolean {
    return performance.now() - this.started >= this.ms;
  }

  async pause(): Promise<void> {
    if (!this.due()) return;
    await nextTurn();
    this.started = performance.now();
  }
}
