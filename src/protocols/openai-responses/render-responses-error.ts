// Errors for a Responses client: whole answers use OpenAI's error body (renderOpenAIError); an
// error in the middle of a stream is an `error` event, the event OpenAI's SDKs treat as a failure.
import type { StreamErrorInfo } from '../../canonical/index.js';
import { kindForStatus } from '../../canonical/index.js';
import { failureCode, responsesEvent } from './responses-sse.js';

/** `sequenceNumber`: the next number of the stream it ends (a stateless caller cannot know it) */
export function renderResponsesStreamError(info: StreamErrorInfo, sequenceNumber = 0): string {
  return responsesEvent('error', sequenceNumber, {
    code: failureCode(info.kind ?? kindForStatus(info.status)),
    message: info.message,
    param: null,
  });
}
