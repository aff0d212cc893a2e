import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateAnthropic } from '../../../test/schemas/anthropic.js';
import { GatewayError } from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { anthropicClient } from './anthropic-client-codec.js';
import { anthropicUpstream } from './anthropic-upstream-codec.js';

describe('anthropicClient', () => {
  test('decodes a request, encodes a response and a stream', () => {
    const req = anthropicClient.decodeRequest({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    assert.equal(req.model, 'm');
    assert.throws(
      () => anthropicClient.decodeRequest({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      (e: unknown) => e instanceof GatewayError && e.param === 'max_tokens',
    );
    const msg = anthropicClient.encodeResponse(
      {
        id: 'msg_1',
        model: 'up',
        created: 0,
        content: [{ type: 'text', text: 'y' }],
        stopReason: 'end_turn',
        usage: {
          inputTokens: 1,
          outputTokens: 1,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
        },
      },
      'm',
    );
    validateAnthropic('message', msg);
    const enc = anthropicClient.createStreamEncoder({ model: 'm', includeUsage: true });
    const events = createSseReader().push(enc.encode({ type: 'text_delta', text: 'y' }) + enc.finish());
    assert.deepEqual(
      events.map((e) => e.event),
      [
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ],
    );
  });

  test("a Gemini signature survives the client's round trip and is never sent to Anthropic", () => {
    const msg = anthropicClient.encodeResponse(
      {
        id: 'msg_1',
        model: 'gemini-3-pro-preview',
        created: 0,
        content: [
          { type: 'reasoning', text: '', signature: 'EswFCskF', signatureOrigin: 'gemini' },
          { type: 'text', text: 'Three.' },
        ],
        stopReason: 'end_turn',
        usage: {
          inputTokens: 1,
          outputTokens: 1,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
        },
      },
      'm',
    ) as { content: unknown[] };
    // the client sends the answer back as its next request's history, as the SDKs do
    const req = anthropicClient.decodeRequest({
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'How many?' },
        { role: 'assistant', content: msg.content },
        {
          role: 'assistant',
          content: [{ type: 'thinking', thinking: 'claude', signature: 'CAISqwQK==' }],
        },
        { role: 'user', content: 'Sure?' },
      ],
    });
    assert.deepEqual(req.messages[1], {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: '', signature: 'EswFCskF', signatureOrigin: 'gemini' },
        { type: 'text', text: 'Three.' },
      ],
    });
    const body = anthropicUpstream.encodeRequest(req, { model: 'claude-x', stream: false }) as {
      messages: unknown[];
    };
    assert.deepEqual(body.messages[1], {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Three.' },
        { type: 'thinking', thinking: 'claude', signature: 'CAISqwQK==' },
      ],
    });
    assert.ok(!JSON.stringify(body).includes('EswFCskF'));
  });
});
