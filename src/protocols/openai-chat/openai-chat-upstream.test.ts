import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/index.js';
import { createOpenAIChatUpstream, openaiChatUpstream } from './openai-chat-upstream.js';

const req: CanonicalRequest = {
  model: 'x',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  maxTokens: 10,
  stream: false,
};

describe('openaiChatUpstream', () => {
  test('the default codec sends max_tokens', () => {
    const body = openaiChatUpstream.encodeRequest(req, { model: 'm', stream: false }) as Record<
      string,
      unknown
    >;
    assert.equal(body.max_tokens, 10);
    assert.equal('max_completion_tokens' in body, false);
  });

  test('createOpenAIChatUpstream({maxTokensField}) picks the field', () => {
    const codec = createOpenAIChatUpstream({ maxTokensField: 'max_completion_tokens' });
    const body = codec.encodeRequest(req, { model: 'm', stream: false }) as Record<string, unknown>;
    assert.equal(body.max_completion_tokens, 10);
    assert.equal('max_tokens' in body, false);
  });

  test('each stream decoder is independent', () => {
    const a = openaiChatUpstream.createStreamDecoder();
    const b = openaiChatUpstream.createStreamDecoder();
    const data = JSON.stringify({
      id: 'c',
      model: 'm',
      created: 1,
      choices: [{ index: 0, delta: { content: 'x' } }],
    });
    assert.equal(a.decode({ data })[0]?.type, 'start');
    assert.equal(b.decode({ data })[0]?.type, 'start');
  });
});
