// The provider-independent part of every fake: an HTTP server on 127.0.0.1 with an ephemeral port that
// records requests, applies scripted faults in order, and closes every connection on close().
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  FakeUpstream,
  FakeUpstreamStats,
  Fault,
  ProviderBehaviour,
  RecordedRequest,
  Reply,
} from './fake-upstream-types.js';
import { loadFixtureReply } from './load-fixture-reply.js';
import { sendReply } from './send-reply.js';

export interface StartFakeServerOptions {
  provider: FakeUpstream['provider'];
  /** Appended to the server URL to form `baseUrl`, e.g. `/v1`. */
  basePath: string;
  apiKey: string;
  behaviour: ProviderBehaviour;
  chunkDelayMs?: number;
  fixturesDir?: string | URL;
}

export async function startFakeServer(options: StartFakeServerOptions): Promise<FakeUpstream> {
  const { behaviour } = options;
  const requests: RecordedRequest[] = [];
  const queue: Fault[] = [];
  const stats: FakeUpstreamStats = emptyStats();
  const closing = new AbortController();
  const sockets = new Set<Socket>();
  const waiters = new Set<() => void>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake upstream bug: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
  server.on('connection', (socket) => {
    stats.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await recordRequest(req);
    requests.push(recorded);
    stats.requests++;
    for (const wake of waiters) wake();
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => {
      stats.inFlight--;
    });
    const fault = takeFault(recorded.path);
    if (fault) stats.faultsServed++;
    await respond(recorded, fault, req, res);
  }

  function takeFault(path: string): Fault | undefined {
    const head = queue[0];
    if (!head || (head.match !== undefined && !path.includes(head.match))) return undefined;
    return queue.shift();
  }

  async function respond(
    request: RecordedRequest,
    fault: Fault | undefined,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const base = { chunkDelayMs: options.chunkDelayMs ?? 0, signal: closing.signal, stats };
    const answer = (): Reply => behaviour.answer(request);
    if (!fault) return sendReply(res, answer(), base);
    if (!('kind' in fault)) {
      const reply = behaviour.errorReply(request, fault);
      return sendReply(res, { ...reply, headers: { ...reply.headers, ...fault.headers } }, base);
    }
    switch (fault.kind) {
      case 'refuse':
        req.socket.destroy();
        return;
      case 'hang':
        return; // close() destroys the socket
      case 'delay':
        try {
          await sleep(fault.ms, undefined, { signal: closing.signal });
        } catch {
          return;
        }
        return sendReply(res, answer(), base);
      case 'drop-mid-stream':
        return sendReply(res, answer(), { ...base, dropAfterEvents: fault.afterEvents });
      case 'stream-error-event': {
        const reply = answer();
        if (reply.type !== 'sse') {
          return sendReply(res, behaviour.errorReply(request, { status: behaviour.overloadedStatus }), base);
        }
        const errorAfterEvents = { count: fault.afterEvents, frame: behaviour.streamErrorFrame() };
        return sendReply(res, reply, { ...base, errorAfterEvents });
      }
      case 'malformed':
        return sendReply(res, answer(), { ...base, malformed: { frame: behaviour.malformedFrame() } });
      case 'slow-stream':
        return sendReply(res, answer(), { ...base, chunkDelayMs: fault.chunkDelayMs });
      case 'respond': {
        const reply: Reply =
          typeof fault.body === 'string'
            ? { type: 'raw', status: fault.status, headers: fault.headers, body: fault.body }
            : { type: 'json', status: fault.status, headers: fault.headers, body: fault.body };
        return sendReply(res, reply, base);
      }
      case 'fixture':
        return sendReply(res, loadFixtureReply(fault.file, fault.status, options.fixturesDir), base);
      case 'reply-text':
        return sendReply(
          res,
          behaviour.answer(request, { kind: 'text', text: fault.text, truncated: false }),
          base,
        );
      case 'reply-tool-call': {
        const scripted = { kind: 'tool-call', name: fault.name, arguments: fault.arguments } as const;
        return sendReply(res, behaviour.answer(request, scripted), base);
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    provider: options.provider,
    url,
    baseUrl: url + options.basePath,
    apiKey: options.apiKey,
    requests,
    stats,
    script(...faults: Fault[]) {
      queue.push(...faults);
    },
    pendingFaults: () => queue.length,
    reset() {
      requests.length = 0;
      queue.length = 0;
      Object.assign(stats, emptyStats(), { inFlight: stats.inFlight });
    },
    waitForRequests(count: number, timeoutMs = 5000) {
      return new Promise<RecordedRequest[]>((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          cleanup();
          resolve(requests);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`fake ${options.provider}: expected ${count} requests, got ${requests.length}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}

function emptyStats(): FakeUpstreamStats {
  return {
    requests: 0,
    inFlight: 0,
    maxInFlight: 0,
    connections: 0,
    faultsServed: 0,
    streamsStarted: 0,
    streamsCompleted: 0,
    streamsAborted: 0,
  };
}

async function recordRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const target = new URL(req.url ?? '/', 'http://fake.invalid');
  return {
    method: req.method ?? 'GET',
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: req.headers,
    body: parseBody(rawBody),
    rawBody,
    at: Date.now(),
  };
}

function parseBody(rawBody: string): unknown {
  if (rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}
