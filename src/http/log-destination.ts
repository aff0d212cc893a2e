// Where log lines go: stdout through an asynchronous, buffered pino destination, so a request
// never waits on a log write (a synchronous write per request cost more CPU than proxying it).
// Lines are flushed at least every `flushMs`, and synchronously when the process exits.
import pino from 'pino';

export function createLogDestination(flushMs = 500): pino.DestinationStream & { flushSync(): void } {
  const dest = pino.destination({ dest: 1, sync: false, minLength: 8192 });
  const timer = setInterval(() => {
    try {
      dest.flush();
    } catch {
      // not ready yet, or closed: the next tick or exit flushes
    }
  }, flushMs);
  timer.unref();
  process.on('exit', () => {
    try {
      dest.flushSync();
    } catch {
      // stdout already closed: nothing left to do
    }
  });
  return dest;
}
