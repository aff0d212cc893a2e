// A fake api.openai.com (and, with `azure: true`, a fake Azure OpenAI resource): chat completions, the
// Responses API (responses-endpoint.ts), embeddings and the models list, with OpenAI's auth, validation,
// error bodies and SSE framing.
import { type Answer, answerText, decideAnswer, promptTokens } from '../decide-answer.js';
import { estimateTokens } from '../estimate-tokens.js';
import type {
  FakeOpenAI,
  FakeOpenAIOptions,
  ProviderBehaviour,
  RecordedRequest,
  Reply,
} from '../fake-upstream-types.js';
import { createFakeIdMaker } from '../make-fake-id.js';
import { startFakeServer } from '../start-fake-server.js';
import { answerOpenAIEmbeddings } from './answer-openai-embeddings.js';
import { buildOpenAIChatChunks, buildOpenAIChatCompletion } from './build-openai-chat-reply.js';
import {
  azureAccessDenied,
  azureError,
  incorrectKeyError,
  invalidUrlError,
  missingKeyError,
  openAIError,
  openAIMalformedFrame,
  openAIStatusError,
  openAIStreamErrorFrame,
} from './openai-errors.js';
import { answerResponses, type FakeResponsesState } from './responses-endpoint.js';
import { summarizeOpenAIChatRequest } from './summarize-openai-chat-request.js';
import { validateOpenAIChatRequest } from './validate-openai-chat-request.js';

const defaultModels = [
  'gpt-4o-mini',
  'gpt-4.1-nano',
  'gpt-5-mini',
  'text-embedding-3-small',
  'text-embedding-3-large',
];
const reasoningTokensByEffort: Record<string, number> = { minimal: 4, low: 8, medium: 16, high: 32 };

type Route =
  | { name: 'chat'; azure: boolean; deployment?: string }
  | { name: 'embeddings'; azure: boolean; deployment?: string }
  | { name: 'responses'; azure: boolean }
  | { name: 'models'; azure: boolean }
  | { name: 'model'; azure: boolean; id: string };

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const apiKey = options.apiKey ?? 'test-upstream-key';
  const models = options.models ?? defaultModels;
  const makeId = createFakeIdMaker('openai');
  const responses: FakeResponsesState = { kept: new Map(), makeId, cachedTokens: options.cachedTokens ?? 0 };

  function route(request: RecordedRequest): Route | undefined {
    const { method, path } = request;
    const native = /^\/v1\/(chat\/completions|embeddings|models|responses)(?:\/([^/]+))?$/.exec(path);
    const azureV1 = /^\/openai\/v1\/(chat\/completions|embeddings|models|responses)(?:\/([^/]+))?$/.exec(
      path,
    );
    const match = native ?? (options.azure ? azureV1 : null);
    if (match) {
      const azure = match === azureV1;
      if (match[1] === 'chat/completions' && !match[2] && method === 'POST') return { name: 'chat', azure };
      if (match[1] === 'embeddings' && !match[2] && method === 'POST') return { name: 'embeddings', azure };
      if (match[1] === 'responses' && !match[2] && method === 'POST') return { name: 'responses', azure };
      if (match[1] === 'models' && method === 'GET') {
        return match[2]
          ? { name: 'model', azure, id: decodeURIComponent(match[2]) }
          : { name: 'models', azure };
      }
      return undefined;
    }
    const deployment = options.azure
      ? /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/.exec(path)
      : null;
    if (deployment && method === 'POST') {
      const name = deployment[2] === 'embeddings' ? 'embeddings' : 'chat';
      return { name, azure: true, deployment: decodeURIComponent(deployment[1]) };
    }
    return undefined;
  }

  function checkAuth(request: RecordedRequest, azure: boolean): Reply | undefined {
    const authorization = request.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    if (azure) {
      const key = request.headers['api-key'] ?? bearer;
      return key === apiKey ? undefined : azureAccessDenied();
    }
    if (!bearer) return missingKeyError();
    return bearer === apiKey ? undefined : incorrectKeyError(bearer);
  }

  function answerChat(
    request: RecordedRequest,
    found: Extract<Route, { name: 'chat' }>,
    scripted?: Answer,
  ): Reply {
    const invalid = validateOpenAIChatRequest(request.body, { modelRequired: !found.deployment });
    if (invalid) return invalid;
    const body = request.body as Record<string, any>;
    const summary = summarizeOpenAIChatRequest(body);
    const answer = scripted ?? decideAnswer(summary);
    const prompt = promptTokens(summary);
    const reasoningTokens = reasoningTokensByEffort[body.reasoning_effort] ?? 0;
    const id = makeId('chatcmpl-', 29);
    let chunkCount = 0;
    const ctx = {
      id,
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? found.deployment,
      systemFingerprint: 'fp_fake0penai',
      answer,
      toolCallId: makeId('call_', 24),
      forcedTool: summary.toolChoice.type === 'tool',
      usage: {
        promptTokens: prompt,
        completionTokens: estimateTokens(answerText(answer)) + reasoningTokens,
        cachedTokens: Math.min(options.cachedTokens ?? 0, prompt),
        reasoningTokens,
      },
      azure: found.azure,
      obfuscation: () => makeId('', 3 + (chunkCount++ % 9)),
    };
    const headers = { 'x-request-id': makeId('req_', 32), 'openai-processing-ms': '12' };
    if (body.stream !== true) {
      return { type: 'json', status: 200, headers, body: buildOpenAIChatCompletion(ctx) };
    }
    const chunks = buildOpenAIChatChunks(ctx, body.stream_options?.include_usage === true);
    return {
      type: 'sse',
      status: 200,
      headers: {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      },
      frames: [...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`), 'data: [DONE]\n\n'],
    };
  }

  function modelObject(id: string) {
    return { id, object: 'model', created: 1715367049, owned_by: 'system' };
  }

  const behaviour: ProviderBehaviour = {
    answer(request, scripted) {
      const found = route(request);
      if (!found) {
        return request.path.startsWith('/openai/')
          ? azureError(404, 'Resource not found')
          : invalidUrlError(request.method, request.path);
      }
      if (found.azure && 'deployment' in found && found.deployment && !request.query['api-version']) {
        return azureError(404, 'Resource not found');
      }
      const denied = checkAuth(request, found.azure);
      if (denied) return denied;
      switch (found.name) {
        case 'chat':
          return answerChat(request, found, scripted);
        case 'embeddings':
          return answerOpenAIEmbeddings(request.body, found.deployment);
        case 'responses':
          return answerResponses(request, responses, undefined, scripted);
        case 'models':
          return { type: 'json', status: 200, body: { object: 'list', data: models.map(modelObject) } };
        case 'model':
          return models.includes(found.id)
            ? { type: 'json', status: 200, body: modelObject(found.id) }
            : openAIError(
                404,
                `The model '${found.id}' does not exist`,
                'invalid_request_error',
                'model',
                'model_not_found',
              );
      }
    },
    errorReply(request, fault) {
      const model = (request.body as { model?: string } | undefined)?.model;
      return openAIStatusError(fault.status, { ...fault, model, azure: request.path.startsWith('/openai/') });
    },
    streamErrorFrame: openAIStreamErrorFrame,
    malformedFrame: openAIMalformedFrame,
    overloadedStatus: 500,
  };

  const server = await startFakeServer({
    provider: 'openai',
    basePath: '/v1',
    apiKey,
    behaviour,
    chunkDelayMs: options.chunkDelayMs,
    fixturesDir: options.fixturesDir,
  });
  return Object.assign(server, { azureV1BaseUrl: options.azure ? `${server.url}/openai/v1` : undefined });
}
