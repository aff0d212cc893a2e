// Which upstream failures are worth another attempt, where, and whether they say anything about
// the deployment's health. The same bad request fails the same way everywhere (400, 404, 413,
// 422...), so it is not retried; capacity and transport failures are. 401/403/402 from a provider
// are about the gateway's own credentials or account at THAT provider: worth trying on another
// deployment, never on the same one. A 429 cools the deployment (for its retry-after) rather than
// counting as a failure. Once the client has received part of the response, nothing is retried.

export interface FailureInfo {
  status?: number;
  kind: 'connect' | 'timeout' | 'status' | 'malformed' | 'aborted' | 'stream_broken';
  /**
   * the client has already received part of this response, so a retry cannot be spliced in.
   * Unset means "no" for every kind except 'stream_broken', which is assumed committed unless false.
   */
  committed?: boolean;
}

export interface FailureClass {
  /** worth another attempt (on some deployment) */
  retryable: boolean;
  /** the next attempt may go to the same deployment (after the backoff) */
  sameDeployment: boolean;
  /** record it as a failure in the deployment's breaker and health stats */
  countsAgainstHealth: boolean;
  /** call coolDown(retry-after) on the deployment's breaker (a 429) */
  coolsDeployment: boolean;
}

const result = (
  retryable: boolean,
  sameDeployment: boolean,
  countsAgainstHealth: boolean,
  coolsDeployment = false,
): FailureClass => ({
  retryable,
  sameDeployment: retryable && sameDeployment,
  countsAgainstHealth,
  coolsDeployment,
});

function classifyStatus(status: number | undefined): FailureClass {
  // no status, or one that is not an error: the upstream answered something we cannot use
  if (status === undefined || !Number.isInteger(status) || status < 400 || status > 599)
    return result(true, true, true);
  if (status === 429) return result(true, false, false, true);
  if (status === 408) return result(true, true, true); // the upstream timed out waiting
  if (status === 409) return result(true, true, false); // a conflict: transient, not ill health
  if (status === 401 || status === 403 || status === 402) return result(true, false, true);
  if (status >= 500) return result(true, true, true); // 500, 502, 503, 504, 529...
  return result(false, false, false); // 400, 404, 413, 422...: the request itself
}

export function classifyFailure(f: FailureInfo): FailureClass {
  const c = classifyKind(f);
  return f.committed ? { ...c, retryable: false, sameDeployment: false } : c;
}

function classifyKind(f: FailureInfo): FailureClass {
  switch (f.kind) {
    case 'aborted':
      return result(false, false, false); // the client went away: no retry, no verdict
    case 'connect':
    case 'timeout':
    case 'malformed':
      return result(true, true, true);
    case 'stream_broken':
      // a stream that broke midway has usually reached the client already: retry only when the
      // caller says explicitly that nothing was sent (committed: false)
      return result(f.committed === false, true, true);
    case 'status':
      return classifyStatus(f.status);
  }
}
