import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateOpenAI } from '../../../test/schemas/openai-chat.js';
import { emptyUsage } from '../../canonical/index.js';
import { openaiChatClient } from './openai-chat-client.js';

describe('openaiChatClient', () => {
  test('decodes a request and answers it in the name the client asked for', () => {
    const req = openaiChatClient.decodeRequest({
      model: 'my-alias',
      messages: [{ role: 'user', content: 'hi' }],
    });
    const out = openaiChatClient.encodeResponse(
      {
        id: 'msg_1',
        model: 'claude-x',
        created: 1,
        content: [{ type: 'text', text: 'hello' }],
        stopReason: 'end_turn',
        usage: emptyUsage(),
      },
      req.model,
    ) as { model: string };
    validateOpenAI('chat.completion', out);
    assert.equal(out.model, 'my-alias');
  });

  test('stream encoders are independent', () => {
    const a = openaiChatClient.createStreamEncoder({ model: 'm', includeUsage: false });
    const b = openaiChatClient.createStreamEncoder({ model: 'm', includeUsage: false });
    a.encode({ type: 'start', id: 'x', model: 'm', created: 1 });
    assert.match(b.encode({ type: 'start', id: 'y', model: 'm', created: 1 }), /"role":"assistant"/);
  });
});
