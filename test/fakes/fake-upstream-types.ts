// The public contract of the fake provider servers, and the small internal contract between the generic
// server (start-fake-server.ts) and each provider's behaviour.
import type { IncomingHttpHeaders } from 'node:http';
import type { Answer } from './decide-answer.js';

/** One HTTP request the fake received, as it arrived. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Query parameters (last value wins when repeated). */
  query: Record<string, string>;
  /** Node's lower-cased header map. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; the raw text when it is not JSON; `undefined` when the body was empty. */
  body: unknown;
  /** The body exactly as received. */
  rawBody: string;
  /** `Date.now()` when the request was fully read. */
  at: number;
}

/**
 * A scripted behaviour for one request. `script()` queues faults; each request takes the head of the queue
 * (unless `match` is set and is not a substring of the request path, then the request gets the default
 * behaviour and the fault stays queued).
 */
export type Fault = FaultBehaviour & { match?: string };

export type FaultBehaviour =
  /** An HTTP error with the provider's real error body (or `body` when given). */
  | { status: number; retryAfter?: number; body?: unknown; headers?: Record<string, string> }
  /** Destroy the socket as soon as the request is read, without any response. */
  | { kind: 'refuse' }
  /** Never respond. `close()` still ends the connection. */
  | { kind: 'hang' }
  /** Wait `ms` before the first byte, then answer normally. */
  | { kind: 'delay'; ms: number }
  /** Send `afterEvents` SSE events of the normal answer, then destroy the socket (half the body for JSON). */
  | { kind: 'drop-mid-stream'; afterEvents: number }
  /** Send `afterEvents` SSE events, then the provider's in-stream error event, then end the response. */
  | { kind: 'stream-error-event'; afterEvents: number }
  /** Status 200 with a body that is not valid JSON (JSON answers) or one event whose data is not JSON (SSE). */
  | { kind: 'malformed' }
  /** Answer normally but wait `chunkDelayMs` between SSE events. */
  | { kind: 'slow-stream'; chunkDelayMs: number }
  /** Anything custom. An object body is sent as JSON; a string body as is. */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body: unknown }
  /**
   * Replay a recorded fixture: a path relative to the fixtures folder (e.g.
   * `anthropic/messages/anthropic-text.chunks.txt`) or absolute. `.json` is sent as the body, `.chunks.txt`
   * is rebuilt into the provider's SSE framing as described in the fixtures' SOURCE.md.
   */
  | { kind: 'fixture'; file: string; status?: number }
  /**
   * Answer this request normally (auth, validation, the provider's JSON or stream framing, usage) but with
   * this text instead of the default one: a conversation scripted turn by turn (e.g. for agent CLIs).
   */
  | { kind: 'reply-text'; text: string }
  /** Likewise, but with a call of this tool with these arguments. */
  | { kind: 'reply-tool-call'; name: string; arguments: Record<string, unknown> };

export interface FakeUpstreamStats {
  /** Requests received (including faulted ones). */
  requests: number;
  /** Requests currently being answered. */
  inFlight: number;
  /** The highest `inFlight` seen. */
  maxInFlight: number;
  /** TCP connections accepted. */
  connections: number;
  /** Requests answered by a scripted fault instead of the default behaviour. */
  faultsServed: number;
  /** SSE responses started. */
  streamsStarted: number;
  /** SSE responses written to the end. */
  streamsCompleted: number;
  /** SSE responses whose client went away before the end (e.g. the gateway aborted the upstream call). */
  streamsAborted: number;
}

export interface FakeUpstream {
  readonly provider: 'openai' | 'anthropic' | 'gemini';
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** The base URL a client or the gateway is configured with (OpenAI and Anthropic `${url}/v1`, Gemini `${url}/v1beta`). */
  readonly baseUrl: string;
  /** The key the fake accepts. */
  readonly apiKey: string;
  /** Every request received, oldest first. `reset()` empties this same array. */
  readonly requests: RecordedRequest[];
  readonly stats: FakeUpstreamStats;
  /** Queue behaviours for the next requests, one per request. */
  script(...faults: Fault[]): void;
  /** How many scripted faults are still queued. */
  pendingFaults(): number;
  /** Forget requests, queued faults and counters. */
  reset(): void;
  /** Resolves once at least `count` requests were received (rejects after `timeoutMs`, default 5000). */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Close the server and every open connection, including hanging ones. */
  close(): Promise<void>;
}

export interface FakeUpstreamOptions {
  /** The key the fake expects. Default `test-upstream-key`. */
  apiKey?: string;
  /** Delay between SSE events. Default 0. */
  chunkDelayMs?: number;
  /** Report this many prompt tokens as cached (capped at the prompt size). */
  cachedTokens?: number;
  /** Model ids listed by the models endpoints (a provider-specific default list otherwise). */
  models?: string[];
  /** Where `{kind: 'fixture'}` files are resolved. Default /work/shared/data/fixtures (../../../shared/data/fixtures). */
  fixturesDir?: string | URL;
}

export interface FakeOpenAIOptions extends FakeUpstreamOptions {
  /**
   * Also serve Azure OpenAI routes: `/openai/deployments/{deployment}/chat/completions?api-version=...`,
   * `/openai/deployments/{deployment}/embeddings?api-version=...` and `/openai/v1/...`, authenticated with the
   * `api-key` header (or `Authorization: Bearer`).
   */
  azure?: boolean;
}

export interface FakeOpenAI extends FakeUpstream {
  /** With `azure: true`: the Azure v1 base URL `${url}/openai/v1` (the resource endpoint itself is `url`). */
  readonly azureV1BaseUrl: string | undefined;
}

/** What the fake sends back for one request. */
export type Reply =
  | { type: 'json'; status: number; headers?: Record<string, string>; body: unknown }
  | { type: 'raw'; status: number; headers?: Record<string, string>; body: string }
  /** `frames` are complete SSE events including their terminating blank line. */
  | { type: 'sse'; status: number; headers?: Record<string, string>; frames: string[] };

/** What a provider plugs into the generic server. */
export interface ProviderBehaviour {
  /** The default answer: routing, auth, validation and the generated reply (`scripted` replaces the decided one). */
  answer(request: RecordedRequest, scripted?: Answer): Reply;
  /** The provider's error reply for an HTTP status (status faults). `body` replaces the default body. */
  errorReply(request: RecordedRequest, fault: { status: number; retryAfter?: number; body?: unknown }): Reply;
  /** One SSE event carrying an in-stream error, in the provider's format. */
  streamErrorFrame(): string;
  /** One SSE event, in the provider's framing, whose data is not valid JSON. */
  malformedFrame(): string;
  /** The status used for `stream-error-event` when the answer is not a stream. */
  overloadedStatus: number;
}
