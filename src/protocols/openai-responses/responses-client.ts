// The client-facing Responses codec. A response object repeats the request's settings and has an
// id the gateway may keep, so the codec is made per request with both.
import type { ClientCodec } from '../../canonical/index.js';
import { createResponsesStreamEncoder } from './create-responses-stream-encoder.js';
import { decodeResponsesRequest } from './decode-responses-request.js';
import { encodeResponsesResponse } from './encode-responses-response.js';
import { type ResponsesEcho, responsesEcho } from './responses-echo.js';
import { responsesId } from './responses-ids.js';
import type { ClientToolNames } from './responses-tool-names.js';
import type { ResponsesResponse } from './responses-wire-types.js';

export interface ResponsesClientOptions {
  echo: ResponsesEcho;
  /** the response id to answer with */
  id: string;
  /** called with every finished response object (stream or not) */
  onComplete?: (response: ResponsesResponse) => void;
  /** the request's custom and namespaced tools (clientToolNames), to answer their calls in kind */
  toolNames?: ClientToolNames;
}

export function createResponsesClient(opts: ResponsesClientOptions): ClientCodec {
  return {
    decodeRequest: decodeResponsesRequest,
    encodeResponse(res, model) {
      const out = encodeResponsesResponse(res, model, opts.echo, opts.id, opts.toolNames);
      opts.onComplete?.(out);
      return out;
    },
    createStreamEncoder: (o) =>
      createResponsesStreamEncoder({
        ...o,
        id: opts.id,
        echo: opts.echo,
        onComplete: opts.onComplete,
        toolNames: opts.toolNames,
      }),
  };
}

/** A codec for requests seen on their own (token counting, the protocol registry): store off, fresh ids. */
export const responsesClient: ClientCodec = {
  decodeRequest: decodeResponsesRequest,
  encodeResponse: (res, model) =>
    encodeResponsesResponse(
      res,
      model,
      responsesEcho({}, { store: false, previousResponseId: null }),
      responsesId.response(),
    ),
  createStreamEncoder: (o) =>
    createResponsesStreamEncoder({
      ...o,
      echo: responsesEcho({}, { store: false, previousResponseId: null }),
    }),
};
