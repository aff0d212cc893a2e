// Everything one client call carries through the gateway, and what it leaves behind.
import type { ServerResponse } from 'node:http';
import type { Principal } from '../auth/index.js';
import type { Usage } from '../canonical/types.js';

export type ClientProtocol = 'openai' | 'anthropic';

export interface CallContext {
  requestId: string;
  client: ClientProtocol;
  principal: Principal;
  /** request headers, lower-case names */
  headers: Record<string, string | string[] | undefined>;
  /** the raw query string including '?', or '' */
  query: string;
  res: ServerResponse;
  /** aborted when the client goes away before the answer is complete */
  signal: AbortSignal;
  /** process.hrtime.bigint() when the request arrived */
  startedAt: bigint;
  outcome: CallOutcome;
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
  /** time spent inside the gateway before the upstream call went out, plus after its answer ended */
  overheadMs?: number;
  upstreamMs?: number;
  error?: string;
  /** the client went away mid-answer */
  clientAborted?: boolean;
}

export const msSince = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
