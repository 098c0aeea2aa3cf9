// A background loop for work found by polling (the outbox relay, the reconciler): one pass at a time, the
// next after `pollMs` — or at once when the pass says more is waiting — and a stop that waits for the pass in flight.
export interface PollLoop {
  start(): void;
  /** Stops the loop and waits for the pass in flight (so the pool can close after it). */
  stop(): Promise<void>;
}

/** `pass` returns true when it left more work than it took (then the next pass starts at once). */
export function createPollLoop(pass: () => Promise<boolean | unknown>, pollMs: number, onError?: (err: unknown) => void): PollLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  return {
    start() {
      const loop = () => {
        let again = false;
        running = pass()
          .then((more) => (again = more === true))
          .catch((err) => onError?.(err))
          .finally(() => {
            if (timer !== undefined) timer = setTimeout(loop, again ? 0 : pollMs);
          });
      };
      timer = setTimeout(loop, 0);
    },
    async stop() {
      const t = timer;
      timer = undefined;
      if (t) clearTimeout(t);
      await running;
    },
  };
}
