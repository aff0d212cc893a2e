// Writes a stream to the client with back-pressure (the next upstream chunk is not read until
// the client has taken the last one), keep-alives while the upstream is silent, and a clean
// stop when the client goes away.
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

export interface StreamWriter {
  /** writes text; resolves when the client can take more */
  write(text: string): Promise<void>;
  end(text?: string): void;
  /** stops the keep-alive timer */
  close(): void;
}

export function createStreamWriter(
  res: ServerResponse,
  keepAlive: (() => string) | undefined,
  keepAliveMs: number,
): StreamWriter {
  let last = Date.now();
  let timer: NodeJS.Timeout | undefined;
  if (keepAlive && keepAliveMs > 0) {
    timer = setInterval(
      () => {
        if (Date.now() - last >= keepAliveMs && !res.writableEnded && !res.destroyed) {
          res.write(keepAlive());
          last = Date.now();
        }
      },
      Math.max(250, Math.floor(keepAliveMs / 2)),
    );
    timer.unref();
  }
  const close = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    async write(text) {
      if (!text || res.destroyed) return;
      last = Date.now();
      if (!res.write(text)) {
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    },
    end(text) {
      close();
      if (res.destroyed || res.writableEnded) return;
      if (text) res.end(text);
      else res.end();
    },
    close,
  };
}
