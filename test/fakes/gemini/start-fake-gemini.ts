// A fake Gemini API (generativelanguage.googleapis.com): generateContent, streamGenerateContent (SSE with
// ?alt=sse, a JSON array otherwise), countTokens, embedContent, batchEmbedContents and the models list, with
// the API-key checks, validation and Google error bodies of the real API.
import { type Answer, answerText, decideAnswer, promptTokens } from '../decide-answer.js';
import { estimateTokens } from '../estimate-tokens.js';
import type {
  FakeUpstream,
  FakeUpstreamOptions,
  ProviderBehaviour,
  RecordedRequest,
  Reply,
} from '../fake-upstream-types.js';
import { createFakeIdMaker } from '../make-fake-id.js';
import { startFakeServer } from '../start-fake-server.js';
import { answerGeminiBatchEmbedContents, answerGeminiEmbedContent } from './answer-gemini-embeddings.js';
import { buildGeminiResponse, buildGeminiStreamChunks } from './build-gemini-generate-reply.js';
import {
  geminiMalformedFrame,
  geminiStreamErrorFrame,
  googleError,
  googleStatusError,
  invalidApiKeyError,
  missingApiKeyError,
} from './gemini-errors.js';
import { summarizeGeminiGenerateRequest } from './summarize-gemini-generate-request.js';
import { validateGeminiGenerateRequest } from './validate-gemini-generate-request.js';

const defaultModels = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-embedding-001'];
const methods = [
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
];

export async function startFakeGemini(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const apiKey = options.apiKey ?? 'test-upstream-key';
  const models = options.models ?? defaultModels;
  const makeId = createFakeIdMaker('gemini');

  function checkKey(request: RecordedRequest): Reply | undefined {
    const key = request.headers['x-goog-api-key'] ?? request.query.key;
    if (!key) return missingApiKeyError();
    return key === apiKey ? undefined : invalidApiKeyError();
  }

  function answerGenerate(
    request: RecordedRequest,
    model: string,
    stream: boolean,
    scripted?: Answer,
  ): Reply {
    const invalid = validateGeminiGenerateRequest(request.body);
    if (invalid) return googleError(400, invalid.message, invalid.details);
    const body = request.body as Record<string, any>;
    const summary = summarizeGeminiGenerateRequest(body);
    const answer = scripted ?? decideAnswer(summary);
    const generationConfig = body.generationConfig ?? body.generation_config ?? {};
    const thinkingConfig = generationConfig.thinkingConfig ?? generationConfig.thinking_config;
    const includeThoughts = thinkingConfig?.includeThoughts ?? thinkingConfig?.include_thoughts;
    const thought =
      includeThoughts === true
        ? `Let me think about: ${summary.lastTurn.kind === 'user' ? summary.lastTurn.text : 'the function response'}`
        : undefined;
    const prompt = promptTokens(summary);
    const ctx = {
      responseId: makeId('', 22),
      modelVersion: model,
      answer,
      thought,
      thoughtsTokens: thought ? estimateTokens(thought) : 0,
      usage: {
        promptTokens: prompt,
        candidatesTokens: estimateTokens(answerText(answer)),
        cachedTokens: Math.min(options.cachedTokens ?? 0, prompt),
      },
    };
    const json = { 'content-type': 'application/json; charset=UTF-8' };
    if (!stream) return { type: 'json', status: 200, headers: json, body: buildGeminiResponse(ctx) };
    const chunks = buildGeminiStreamChunks(ctx);
    if (request.query.alt === 'sse') {
      return {
        type: 'sse',
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        // Gemini separates its SSE events with CRLF CRLF.
        frames: chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`),
      };
    }
    const array = `[${chunks.map((chunk) => JSON.stringify(chunk, null, 2)).join(',\r\n')}]`;
    return { type: 'raw', status: 200, headers: json, body: array };
  }

  function answerCountTokens(request: RecordedRequest): Reply {
    const body = (request.body ?? {}) as Record<string, any>;
    const inner = body.generateContentRequest ?? body.generate_content_request ?? { contents: body.contents };
    const invalid = validateGeminiGenerateRequest(inner);
    if (invalid) return googleError(400, invalid.message, invalid.details);
    const total = promptTokens(summarizeGeminiGenerateRequest(inner));
    return {
      type: 'json',
      status: 200,
      body: { totalTokens: total, promptTokensDetails: [{ modality: 'TEXT', tokenCount: total }] },
    };
  }

  function modelObject(id: string) {
    const embedding = id.includes('embedding');
    return {
      name: `models/${id}`,
      version: '001',
      displayName: id,
      description: `Fake ${id}`,
      inputTokenLimit: embedding ? 2048 : 1048576,
      outputTokenLimit: embedding ? 1 : 65536,
      supportedGenerationMethods: embedding
        ? ['embedContent', 'countTextTokens', 'countTokens']
        : ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    };
  }

  const behaviour: ProviderBehaviour = {
    answer(request, scripted) {
      const { method, path } = request;
      const call = /^\/(?:v1beta|v1)\/models\/([^/:]+):(\w+)$/.exec(path);
      const list = /^\/(?:v1beta|v1)\/models(?:\/([^/:]+))?$/.exec(path);
      const known = (call && method === 'POST' && methods.includes(call[2])) || (list && method === 'GET');
      if (!known) return googleError(404, `Method not found: ${method} ${path}`);
      const denied = checkKey(request);
      if (denied) return denied;
      if (call) {
        const model = decodeURIComponent(call[1]);
        switch (call[2]) {
          case 'generateContent':
            return answerGenerate(request, model, false, scripted);
          case 'streamGenerateContent':
            return answerGenerate(request, model, true, scripted);
          case 'countTokens':
            return answerCountTokens(request);
          case 'embedContent':
            return answerGeminiEmbedContent(model, request.body);
          default:
            return answerGeminiBatchEmbedContents(model, request.body);
        }
      }
      const id = list?.[1] ? decodeURIComponent(list[1]) : undefined;
      if (id !== undefined) {
        return models.includes(id)
          ? { type: 'json', status: 200, body: modelObject(id) }
          : googleError(
              404,
              `models/${id} is not found for API version v1beta, or is not supported for generateContent.`,
            );
      }
      return { type: 'json', status: 200, body: { models: models.map(modelObject) } };
    },
    errorReply(_request, fault) {
      return googleStatusError(fault.status, fault);
    },
    streamErrorFrame: geminiStreamErrorFrame,
    malformedFrame: geminiMalformedFrame,
    overloadedStatus: 503,
  };

  return startFakeServer({
    provider: 'gemini',
    basePath: '/v1beta',
    apiKey,
    behaviour,
    chunkDelayMs: options.chunkDelayMs,
    fixturesDir: options.fixturesDir,
  });
}
