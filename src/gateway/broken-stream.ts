// A stream that fails after the client has started receiving it: the client gets a proper error
// event in its own protocol, never a silently truncated answer; a client that went away gets
// nothing more, and the call is marked as abandoned.
import type { StreamErrorInfo } from '../canonical/index.js';
import type { ResolvedModel } from '../catalog/index.js';
import { transportError } from '../providers/index.js';
import type { CallContext } from './call-context.js';

export function endBrokenStream(
  ctx: CallContext,
  target: ResolvedModel,
  e: unknown,
  render: (info: StreamErrorInfo) => string,
): void {
  if (ctx.res.destroyed) {
    ctx.outcome.clientAborted = true;
    return;
  }
  const err = transportError(target.provider, e);
  // the attempt's signal also fires at the request's deadline
  const message =
    err.failure === 'aborted' && ctx.signal.aborted
      ? `The request's total timeout elapsed while provider ${target.provider.id} was still answering`
      : err.message;
  ctx.outcome.error = message;
  ctx.res.end(
    render({
      status: err.failure === 'aborted' ? 504 : err.status,
      kind: err.failure === 'aborted' ? 'timeout' : err.kind,
      message: `${message} (the answer was cut off after it had started)`,
    }),
  );
}
