import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateAnthropic } from '../../../test/schemas/anthropic.js';
import { GatewayError } from '../../canonical/index.js';
import { createSseReader } from '../sse/index.js';
import { anthropicClient } from './anthropic-client-codec.js';

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
});
