// The shape every protocol folder fills in. A client codec is the side that faces the caller
// (decode its request, encode our answer); an upstream codec faces a provider (encode our
// request, decode its answer). A protocol may be both.

import type { TargetModelLimits } from './target-limits.js';
import type {
  CanonicalEmbeddingRequest,
  CanonicalEmbeddingResponse,
  CanonicalRequest,
  CanonicalResponse,
  CanonicalStreamEvent,
} from './types.js';

/** One server-sent event as parsed off the wire. */
export interface SseEvent {
  event?: string;
  data: string;
}

export interface StreamEncoder {
  /** SSE text for one canonical event (may be empty) */
  encode(ev: CanonicalStreamEvent): string;
  /** SSE text that closes the stream properly (final usage, stop events, [DONE]) */
  finish(): string;
  /** a keep-alive the protocol's clients ignore */
  keepAlive(): string;
}

export interface StreamDecoder {
  /** canonical events for one upstream SSE event */
  decode(ev: SseEvent): CanonicalStreamEvent[];
  /** called at the end of the upstream stream; returns anything still pending */
  finish(): CanonicalStreamEvent[];
}

export interface StreamEncoderOptions {
  /** the model name to show the client (the name it asked for) */
  model: string;
  /** include a usage report (OpenAI: only when the client asked with stream_options.include_usage) */
  includeUsage: boolean;
  /** response id to use when the upstream gave none */
  id?: string;
}

export interface ClientCodec {
  /** validates and converts a client request body; throws GatewayError('invalid_request') */
  decodeRequest(body: unknown): CanonicalRequest;
  /** our answer in the client's shape; `model` is the name to show */
  encodeResponse(res: CanonicalResponse, model: string): unknown;
  createStreamEncoder(opts: StreamEncoderOptions): StreamEncoder;
}

export interface UpstreamEncodeOptions {
  /** the model id the provider expects */
  model: string;
  stream: boolean;
  /**
   * what the target model accepts (output limit, reasoning), from its catalog record; given for
   * translated calls, absent for models the catalog does not describe (then sent as asked)
   */
  limits?: TargetModelLimits;
}

export interface UpstreamCodec {
  encodeRequest(req: CanonicalRequest, opts: UpstreamEncodeOptions): unknown;
  decodeResponse(body: unknown): CanonicalResponse;
  createStreamDecoder(): StreamDecoder;
  /**
   * a stream framing other than SSE (Bedrock's binary event stream): its content type, and its
   * events read off the body as `SseEvent`s (event = the event's type, data = its JSON payload)
   */
  streamFraming?: {
    contentType: string;
    read(body: AsyncIterable<Buffer>): AsyncIterable<SseEvent>;
  };
}

export interface EmbeddingUpstreamCodec {
  encodeEmbeddingRequest(req: CanonicalEmbeddingRequest, model: string): unknown;
  decodeEmbeddingResponse(body: unknown, model: string): CanonicalEmbeddingResponse;
}
