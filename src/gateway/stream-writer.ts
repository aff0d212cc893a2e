// Writes a stream to the client with back-pressure (the next upstream chunk is not read until
// the client has taken the last one), keep-alives while the upstream is silent, and a clean
// stop when the client goes away.
import type { ServerResponse } from 'node:http';

export interface StreamWriter {
  /** writes text or bytes; resolves when the client can take more */
  write(chunk: string | Buffer): Promise<void>;
  end(chunk?: string | Buffer): void;
  /** stops the keep-alive timer */
  close(): void;
}

/** resolves when the client has taken the buffered output, or has gone away */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
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
    async write(chunk) {
      if (!chunk || chunk.length === 0 || res.destroyed) return;
      last = Date.now();
      if (!res.write(chunk)) await drained(res);
    },
    end(chunk) {
      close();
      if (res.destroyed || res.writableEnded) return;
      if (chunk && chunk.length > 0) res.end(chunk);
      else res.end();
    },
    close,
  };
}
