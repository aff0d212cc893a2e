// Everything one client call carries through the gateway, and what it leaves behind.
import type { ServerResponse } from 'node:http';
import type { Ticket } from '../admission/admission.js';
import type { Principal } from '../auth/index.js';
import type { Usage } from '../canonical/types.js';
import type { UnitKind } from '../catalog/catalog-model.js';
import { DEFAULT_TIMEOUTS, type Timeouts } from '../config/index.js';

export type ClientProtocol = 'openai' | 'anthropic' | 'gemini' | 'responses';

export interface CallContext {
  requestId: string;
  client: ClientProtocol;
  principal: Principal;
  /** request headers, lower-case names */
  headers: Record<string, string | string[] | undefined>;
  /** the raw query string including '?', or '' */
  query: string;
  res: ServerResponse;
  /** aborted when the client goes away before the answer is complete, or at the request's deadline */
  signal: AbortSignal;
  /** aborts `signal` (the request's deadline uses it; one controller per request) */
  abort: (reason?: unknown) => void;
  /** process.hrtime.bigint() when the request arrived */
  startedAt: bigint;
  outcome: CallOutcome;
  /** the timeouts of the deployment being tried */
  timeouts?: Timeouts;
  /** called once, right before the first byte of the answer goes to the client */
  onFirstByte?: () => void;
  /** what admission reserved for this request (virtual keys), settled after it */
  ticket?: Ticket;
  /** the router's choice and its one-line reason (routed requests: `auto`, a default policy) */
  route?: { chosen: string; reason: string };
}

/** One try at one deployment, for the response headers and the log. */
export interface AttemptRecord {
  deployment: string;
  /** `ok`, or why it failed: an HTTP status, `timeout`, `connect`, `malformed`, `stream_broken`, `skipped` */
  outcome: string;
  ms: number;
}

/** What a call did, for the request log and (later) metering. Never holds prompt text or secrets. */
export interface CallOutcome {
  endpoint: string;
  status?: number;
  stream?: boolean;
  requestedModel?: string;
  modelId?: string;
  provider?: string;
  mode?: 'passthrough' | 'translated' | 'simulated';
  usage?: Usage;
  /** what a call metered by the unit used (images, seconds of audio, characters, queries) */
  units?: { kind: UnitKind; count: number };
  /** time spent inside the gateway before the upstream call went out, plus after its answer ended */
  overheadMs?: number;
  upstreamMs?: number;
  error?: string;
  /** time to the first byte of the answer, from the request's arrival */
  ttftMs?: number;
  /** the answering deployment was called with the org's own provider key (BYOK) */
  byok?: boolean;
  /** built-in tools the client offered that the answering model could not be given (left out) */
  droppedTools?: string[];
  /** the client went away mid-answer */
  clientAborted?: boolean;
  /** every deployment tried, in order (set when there was more than one try, or a skip) */
  attempts?: AttemptRecord[];
}

/**
 * Did this call get as far as a provider? A 4xx before any upstream answer is the caller's
 * mistake: it leaves no usage event, no charge and no info-level log line.
 */
export function reachedProvider(o: CallOutcome): boolean {
  return (
    o.provider !== undefined &&
    !(o.status !== undefined && o.status >= 400 && o.status < 500 && !o.upstreamMs && !o.mode)
  );
}

export const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/** the upstream timeouts of the current attempt: streams wait for the first event, others for the whole answer */
export function upstreamTimeouts(ctx: CallContext, stream: boolean) {
  const t = ctx.timeouts ?? DEFAULT_TIMEOUTS;
  return {
    connectTimeoutMs: t.connectMs,
    headersTimeoutMs: stream ? t.firstByteMs : t.responseMs,
    idleTimeoutMs: stream ? t.idleMs : t.responseMs,
  };
}
