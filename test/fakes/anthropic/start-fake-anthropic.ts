// A fake api.anthropic.com: messages (JSON and SSE), count_tokens and the models list, with Anthropic's
// x-api-key + anthropic-version checks, validation and error bodies.
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
import {
  anthropicError,
  anthropicInvalidRequest,
  anthropicMalformedFrame,
  anthropicStatusError,
  anthropicStreamErrorFrame,
} from './anthropic-errors.js';
import {
  buildAnthropicEvents,
  buildAnthropicMessage,
  formatAnthropicEvent,
} from './build-anthropic-message-reply.js';
import { summarizeAnthropicMessagesRequest } from './summarize-anthropic-messages-request.js';
import { validateAnthropicMessagesRequest } from './validate-anthropic-messages-request.js';

const knownVersions = ['2023-01-01', '2023-06-01', '2026-10-21'];
const defaultModels = ['claude-sonnet-4-5-20250929', 'claude-haiku-4-5-20251001', 'claude-opus-4-1-20250805'];
const displayNames: Record<string, string> = {
  'claude-sonnet-4-5-20250929': 'Claude Sonnet 4.5',
  'claude-haiku-4-5-20251001': 'Claude Haiku 4.5',
  'claude-opus-4-1-20250805': 'Claude Opus 4.1',
};

export async function startFakeAnthropic(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const apiKey = options.apiKey ?? 'test-upstream-key';
  const models = options.models ?? defaultModels;
  const makeId = createFakeIdMaker('anthropic');

  function checkHeaders(request: RecordedRequest, requestId: string): Reply | undefined {
    // API keys arrive as x-api-key, or as `Authorization: Bearer` (what @anthropic-ai/sdk 1.x sends).
    const authorization = request.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    const key = request.headers['x-api-key'] ?? bearer;
    if (!key) return anthropicError(401, 'x-api-key header is required', { requestId });
    if (key !== apiKey) return anthropicError(401, 'invalid x-api-key', { requestId });
    const version = request.headers['anthropic-version'];
    if (!version) return anthropicInvalidRequest('anthropic-version: header is required', requestId);
    if (!knownVersions.includes(String(version))) {
      return anthropicInvalidRequest(`anthropic-version: "${version}" is not a valid version`, requestId);
    }
    return undefined;
  }

  function answerMessages(request: RecordedRequest, requestId: string, scripted?: Answer): Reply {
    const invalid = validateAnthropicMessagesRequest(request.body, { maxTokensRequired: true });
    if (invalid) return anthropicInvalidRequest(invalid, requestId);
    const body = request.body as Record<string, any>;
    const summary = summarizeAnthropicMessagesRequest(body);
    const answer = scripted ?? decideAnswer(summary);
    const thinkingEnabled = body.thinking?.type === 'enabled' || body.thinking?.type === 'adaptive';
    const thinking = thinkingEnabled
      ? {
          text: `Let me think about: ${summary.lastTurn.kind === 'user' ? summary.lastTurn.text : 'the tool result'}`,
          signature: Buffer.from(makeId('sig_', 48)).toString('base64'),
        }
      : undefined;
    const prompt = promptTokens(summary);
    const cacheReadTokens = Math.min(options.cachedTokens ?? 0, prompt);
    const ctx = {
      id: makeId('msg_01', 22),
      model: body.model,
      answer,
      toolUseId: makeId('toolu_01', 22),
      thinking,
      usage: {
        inputTokens: prompt - cacheReadTokens,
        cacheReadTokens,
        outputTokens: estimateTokens(answerText(answer)) + (thinking ? estimateTokens(thinking.text) : 0),
      },
    };
    const headers = { 'request-id': requestId, 'anthropic-organization-id': 'fake-org' };
    if (body.stream !== true) return { type: 'json', status: 200, headers, body: buildAnthropicMessage(ctx) };
    return {
      type: 'sse',
      status: 200,
      headers: {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
      },
      frames: buildAnthropicEvents(ctx).map(formatAnthropicEvent),
    };
  }

  function answerCountTokens(request: RecordedRequest, requestId: string): Reply {
    const invalid = validateAnthropicMessagesRequest(request.body, { maxTokensRequired: false });
    if (invalid) return anthropicInvalidRequest(invalid, requestId);
    const summary = summarizeAnthropicMessagesRequest(request.body as Record<string, any>);
    return {
      type: 'json',
      status: 200,
      headers: { 'request-id': requestId },
      body: { input_tokens: promptTokens(summary) },
    };
  }

  function modelObject(id: string) {
    return { type: 'model', id, display_name: displayNames[id] ?? id, created_at: '2025-09-29T00:00:00Z' };
  }

  const behaviour: ProviderBehaviour = {
    answer(request, scripted) {
      const requestId = makeId('req_011C', 20);
      const { method, path } = request;
      const modelMatch = /^\/v1\/models(?:\/([^/]+))?$/.exec(path);
      const known =
        (method === 'POST' && (path === '/v1/messages' || path === '/v1/messages/count_tokens')) ||
        (method === 'GET' && modelMatch !== null);
      if (!known) return anthropicError(404, 'Not Found', { requestId });
      const denied = checkHeaders(request, requestId);
      if (denied) return denied;
      if (path === '/v1/messages') return answerMessages(request, requestId, scripted);
      if (path === '/v1/messages/count_tokens') return answerCountTokens(request, requestId);
      const id = modelMatch?.[1] ? decodeURIComponent(modelMatch[1]) : undefined;
      if (id !== undefined) {
        return models.includes(id)
          ? { type: 'json', status: 200, body: modelObject(id) }
          : anthropicError(404, `model: ${id}`, { requestId });
      }
      const data = models.map(modelObject);
      return {
        type: 'json',
        status: 200,
        headers: { 'request-id': requestId },
        body: { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
      };
    },
    errorReply(_request, fault) {
      return anthropicStatusError(fault.status, { ...fault, requestId: makeId('req_011C', 20) });
    },
    streamErrorFrame: anthropicStreamErrorFrame,
    malformedFrame: anthropicMalformedFrame,
    overloadedStatus: 529,
  };

  return startFakeServer({
    provider: 'anthropic',
    basePath: '/v1',
    apiKey,
    behaviour,
    chunkDelayMs: options.chunkDelayMs,
    fixturesDir: options.fixturesDir,
  });
}
