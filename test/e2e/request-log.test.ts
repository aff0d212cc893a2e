// The request log: one line per call that reached a provider, with who served it and the usage,
// and never a secret (client keys, provider keys) nor the prompt. Requests rejected as bad input
// leave no line at the default level.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, LIMITED_KEY, MASTER_KEY, startHarness } from './harness.js';

const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
let h: Harness;

before(async () => {
  h = await startHarness({
    config: { server: { log_level: 'info' } },
    logStream: {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  });
});
after(async () => {
  await h?.close();
});

const requestLines = () => lines.filter((l) => l.msg === 'request');

describe('request log', () => {
  test('a successful call writes one line naming the provider, model, usage and request id', async () => {
    const before = requestLines().length;
    const { data, response } = await h
      .openai()
      .chat.completions.create({
        model: 'anthropic/claude-haiku-4-5',
        messages: [{ role: 'user', content: 'secret prompt text' }],
      })
      .withResponse();
    assert.ok(data.choices[0]);
    const added = requestLines().slice(before);
    assert.equal(added.length, 1);
    const line = added[0]!;
    assert.equal(line.requestId, response.headers.get('x-request-id'));
    assert.equal(line.provider, 'anthropic');
    assert.equal(line.modelId, 'anthropic/claude-haiku-4-5');
    assert.equal(line.mode, 'translated');
    assert.equal(line.status, 200);
    assert.equal(line.principal, 'master');
    const usage = line.usage as { inputTokens: number; outputTokens: number };
    assert.ok(usage.inputTokens > 0 && usage.outputTokens > 0);
  });

  test('no key and no prompt text ever reach the log', async () => {
    await h.openai().chat.completions.create({
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: 'secret prompt text' }],
    });
    await h.anthropic(LIMITED_KEY).messages.create({
      model: 'sim/fast',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'secret prompt text' }],
    });
    await assert.rejects(h.openai('sk-wrong-key-123456789').models.list());
    const all = raw.join('\n');
    for (const secret of [
      MASTER_KEY,
      LIMITED_KEY,
      'sk-wrong-key-123456789',
      h.openaiUp.apiKey,
      'secret prompt text',
    ])
      assert.ok(!all.includes(secret), `log contains ${secret}`);
  });

  test('bad input leaves no line at the default level', async () => {
    const before = lines.length;
    const r = await h.post('/v1/chat/completions', '{"model": "openai/gpt-4o-mini", "messages": [');
    assert.equal(r.status, 400);
    const r2 = await h.post('/v1/chat/completions', {
      model: 'no-such-model',
      messages: [{ role: 'user', content: 'x' }],
    });
    assert.equal(r2.status, 404);
    assert.equal(lines.length, before);
  });
});
