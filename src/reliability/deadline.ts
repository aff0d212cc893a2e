// One deadline for a whole request: an AbortSignal that fires when the client goes away (the
// parent signal) or when `totalMs` have passed, whichever comes first. The timer is unref'd (it
// never keeps the process alive) and dispose() clears it and detaches from the parent, so a
// finished request leaves nothing behind. Wired by hand rather than with AbortSignal.any so that
// dispose() can detach the listener from a long-lived parent.
// remaining() and expired() read the injected clock; the abort itself comes from a real timer.

export interface Deadline {
  /** aborts with the parent's reason, or with a TimeoutError DOMException when time is up */
  readonly signal: AbortSignal;
  /** the ms timestamp the deadline falls at */
  readonly at: number;
  /** ms left (0 once passed) */
  remaining(): number;
  /** the time is up (by the clock, or the timer has fired) */
  expired(): boolean;
  /** clear the timer and stop following the parent; idempotent */
  dispose(): void;
}

// setTimeout's longest delay; a deadline further off than ~24.8 days gets no timer
const MAX_TIMER_MS = 2 ** 31 - 1;

export function createDeadline(
  totalMs: number,
  parent?: AbortSignal,
  now: () => number = Date.now,
): Deadline {
  if (Number.isNaN(totalMs)) throw new RangeError('createDeadline: totalMs is NaN');
  const controller = new AbortController();
  const at = now() + totalMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;

  const detach = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    parent?.removeEventListener('abort', onParentAbort);
  };
  function onParentAbort() {
    detach();
    controller.abort(parent?.reason);
  }
  const onTimeout = () => {
    timer = undefined;
    timedOut = true;
    detach();
    controller.abort(new DOMException('The request deadline has passed', 'TimeoutError'));
  };

  if (parent?.aborted) controller.abort(parent.reason);
  else if (totalMs <= 0) onTimeout();
  else {
    parent?.addEventListener('abort', onParentAbort, { once: true });
    if (totalMs <= MAX_TIMER_MS) {
      timer = setTimeout(onTimeout, totalMs);
      timer.unref?.();
    }
  }

  return {
    signal: controller.signal,
    at,
    remaining: () => Math.max(0, at - now()),
    expired: () => timedOut || now() >= at,
    dispose: detach,
  };
}
