// Writes a Reply to the socket, with the stream-level faults applied: pacing between SSE events, dropping the
// connection after n events, an in-stream error event, or corrupt data.
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeUpstreamStats, Reply } from './fake-upstream-types.js';

export interface SendReplyOptions {
  /** Pause between SSE events. */
  chunkDelayMs: number;
  /** Aborted when the server closes: pending pauses end and nothing more is written. */
  signal: AbortSignal;
  stats: FakeUpstreamStats;
  /** Send this many SSE events (or half the JSON body), then destroy the socket. */
  dropAfterEvents?: number;
  /** Send `count` SSE events, then `frame`, then end the response. */
  errorAfterEvents?: { count: number; frame: string };
  /** Corrupt the reply: status 200, a truncated JSON body, or this frame inserted after the first SSE event. */
  malformed?: { frame: string };
}

export async function sendReply(res: ServerResponse, reply: Reply, options: SendReplyOptions): Promise<void> {
  res.on('error', () => {});
  if (reply.type === 'sse') {
    await sendSse(res, reply, options);
    return;
  }
  const isJson = reply.type === 'json';
  let text = isJson ? JSON.stringify(reply.body) : reply.body;
  const headers: Record<string, string> = {
    ...(isJson ? { 'content-type': 'application/json' } : {}),
    ...reply.headers,
  };
  let status = reply.status;
  if (options.malformed) {
    status = 200;
    text = truncateToInvalidJson(text);
  }
  if (options.dropAfterEvents !== undefined) {
    const bytes = Buffer.from(text);
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    await write(res, bytes.subarray(0, Math.floor(bytes.length / 2)));
    res.destroy();
    return;
  }
  res.writeHead(status, headers);
  res.end(text);
}

async function sendSse(
  res: ServerResponse,
  reply: Extract<Reply, { type: 'sse' }>,
  options: SendReplyOptions,
): Promise<void> {
  const { stats } = options;
  let endedByServer = false;
  stats.streamsStarted++;
  res.on('close', () => {
    if (!res.writableFinished && !endedByServer) stats.streamsAborted++;
  });
  res.writeHead(reply.status, reply.headers ?? { 'content-type': 'text/event-stream' });
  res.flushHeaders();

  let frames = reply.frames;
  if (options.malformed) frames = [...frames.slice(0, 1), options.malformed.frame, ...frames.slice(1)];
  const limit = options.dropAfterEvents ?? options.errorAfterEvents?.count ?? frames.length;
  const count = Math.min(limit, frames.length);
  for (let i = 0; i < count; i++) {
    if (i > 0 && options.chunkDelayMs > 0) {
      try {
        await sleep(options.chunkDelayMs, undefined, { signal: options.signal });
      } catch {
        return; // the server is closing
      }
    }
    if (res.destroyed || options.signal.aborted) return;
    await write(res, frames[i]);
  }
  if (res.destroyed || options.signal.aborted) return;
  endedByServer = true;
  if (options.dropAfterEvents !== undefined) {
    res.destroy();
    return;
  }
  if (options.errorAfterEvents) await write(res, options.errorAfterEvents.frame);
  res.end();
  if (!options.errorAfterEvents) stats.streamsCompleted++;
}

function write(res: ServerResponse, chunk: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    res.write(chunk, () => resolve());
  });
}

/** Cut the text in half so it is not valid JSON any more. */
export function truncateToInvalidJson(text: string): string {
  const half = text.slice(0, Math.floor(text.length / 2));
  try {
    JSON.parse(half);
    return `${half}{`;
  } catch {
    return half;
  }
}
