// The media and legacy routes: rerank, image generation, transcription, speech, completions.
// Each runs through the same frame as the chat routes (`run`: auth scope, errors in OpenAI's
// shape, settlement, the log line). Uploads (multipart/form-data) arrive as raw bytes and are
// parsed by the transcription call itself.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallContext, GatewayServices } from '../gateway/index.js';
import { completionsCall, imagesCall, rerankCall, speechCall, transcriptionCall } from '../gateway/index.js';

type Handler = (gw: GatewayServices, ctx: CallContext, body: unknown) => Promise<void>;
type Run = (
  gw: GatewayServices,
  endpoint: string,
  handler: Handler,
) => (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function registerMediaRoutes(app: FastifyInstance, gw: GatewayServices, run: Run): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  const openai = { config: { protocol: 'openai' as const } };
  for (const path of ['/v1/rerank', '/v2/rerank', '/rerank'])
    app.post(path, openai, run(gw, 'rerank', rerankCall));
  for (const path of ['/v1/images/generations', '/images/generations'])
    app.post(path, openai, run(gw, 'images.generations', imagesCall));
  for (const path of ['/v1/audio/transcriptions', '/audio/transcriptions'])
    app.post(path, openai, run(gw, 'audio.transcriptions', transcriptionCall));
  for (const path of ['/v1/audio/speech', '/audio/speech'])
    app.post(path, openai, run(gw, 'audio.speech', speechCall));
  for (const path of ['/v1/completions', '/completions'])
    app.post(path, openai, run(gw, 'completions', completionsCall));
}
