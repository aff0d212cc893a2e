import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/index.js';
import {
  anthropicUpstream,
  createAnthropicUpstream,
  DEFAULT_MAX_TOKENS,
} from './anthropic-upstream-codec.js';

const req: CanonicalRequest = {
  model: 'alias',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
  stream: false,
};

describe('createAnthropicUpstream', () => {
  test('defaultMaxTokens option, 4096 by default', () => {
    assert.equal(DEFAULT_MAX_TOKENS, 4096);
    const body = anthropicUpstream.encodeRequest(req, { model: 'claude-x', stream: false }) as {
      max_tokens: number;
      model: string;
    };
    assert.equal(body.max_tokens, 4096);
    assert.equal(body.model, 'claude-x');
    const custom = createAnthropicUpstream({ defaultMaxTokens: 1234 });
    assert.equal(
      (custom.encodeRequest(req, { model: 'c', stream: true }) as { max_tokens: number }).max_tokens,
      1234,
    );
    // the request's own limit wins
    assert.equal(
      (
        custom.encodeRequest({ ...req, maxTokens: 50 }, { model: 'c', stream: false }) as {
          max_tokens: number;
        }
      ).max_tokens,
      50,
    );
  });

  test('stream flag and decoders are wired', () => {
    const body = anthropicUpstream.encodeRequest(req, { model: 'c', stream: true }) as { stream?: boolean };
    assert.equal(body.stream, true);
    const res = anthropicUpstream.decodeResponse({
      id: 'msg_1',
      model: 'c',
      content: [{ type: 'text', text: 'ok' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 1 },
    });
    assert.deepEqual(res.content, [{ type: 'text', text: 'ok' }]);
    const dec = anthropicUpstream.createStreamDecoder();
    assert.deepEqual(dec.decode({ event: 'ping', data: '{"type":"ping"}' }), []);
  });
});
