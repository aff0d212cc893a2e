// Legacy completions on chat models, checked on every recorded provider answer without tool
// calls (OpenAI-compatible chat, Anthropic, Gemini): decoded into the canonical model and
// encoded as a `text_completion` (whole and streamed), it must say the same text, stop reason
// and usage, in the legacy endpoint's shape.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { UpstreamCodec } from '../../src/canonical/index.js';
import { completionsClient } from '../../src/protocols/openai-media/index.js';
import { createSseReader } from '../../src/protocols/sse/index.js';
import {
  ANTHROPIC_SOURCE,
  chatSource,
  decodeStreams,
  fixtureFiles,
  GEMINI_SOURCE,
  readFixture,
} from './recorded-fixtures.js';

// the Chat Completions folders whose answers are checked here, with Anthropic's and Gemini's
const SOURCES = [
  ...[
    'openai/chat-completions',
    'azure/chat-completions',
    'deepseek/chat-completions',
    'groq/chat-completions',
    'mistral/chat-completions',
    'xai/chat-completions',
  ].map(chatSource),
  ANTHROPIC_SOURCE,
  GEMINI_SOURCE,
];

const FINISH: Record<string, string> = {
  max_tokens: 'length',
  content_filter: 'content_filter',
  refusal: 'content_filter',
};

let checked = 0;
for (const src of SOURCES) {
  describe(`${src.folder} fixtures as legacy completions`, () => {
    for (const file of fixtureFiles(src.folder, '.json')) {
      const body = JSON.parse(readFixture(src, file));
      if ('error' in body) continue;
      let canonical: ReturnType<UpstreamCodec['decodeResponse']>;
      try {
        canonical = src.codec.decodeResponse(body);
      } catch {
        continue; // not a chat answer (the other fixture tests cover what decodes)
      }
      if (canonical.content.some((p) => p.type === 'tool_call')) continue;
      test(`${file}: response`, () => {
        const text = canonical.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
        const out = completionsClient.encodeResponse(canonical, 'client-model') as any;
        assert.equal(out.object, 'text_completion');
        assert.match(out.id, /^cmpl-/);
        assert.equal(out.model, 'client-model');
        assert.equal(out.choices.length, 1);
        assert.equal(out.choices[0].text, text);
        assert.equal(out.choices[0].logprobs, null);
        assert.equal(out.choices[0].finish_reason, FINISH[canonical.stopReason] ?? 'stop');
        assert.deepEqual(out.usage, {
          prompt_tokens: canonical.usage.inputTokens,
          completion_tokens: canonical.usage.outputTokens,
          total_tokens: canonical.usage.inputTokens + canonical.usage.outputTokens,
        });
        checked++;
      });
    }
    for (const file of fixtureFiles(src.folder, '.chunks.txt')) {
      test(`${file}: stream`, () => {
        for (const events of decodeStreams(src, file)) {
          if (events.some((e) => e.type === 'tool_call_start' || e.type === 'error')) continue;
          const enc = completionsClient.createStreamEncoder({ model: 'client-model', includeUsage: true });
          let sse = '';
          for (const ev of events) sse += enc.encode(ev);
          sse += enc.finish();
          const reader = createSseReader();
          const data = [...reader.push(sse), ...reader.end()].map((e) => e.data);
          assert.equal(data.at(-1), '[DONE]');
          const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
          for (const c of chunks) assert.equal(c.object, 'text_completion');
          const said = events.map((e) => (e.type === 'text_delta' ? e.text : '')).join('');
          assert.equal(chunks.map((c) => c.choices[0]?.text ?? '').join(''), said);
          const stop = events.find((e) => e.type === 'finish');
          const finishes = chunks.filter((c) => c.choices[0]?.finish_reason);
          assert.equal(finishes.length, 1);
          assert.equal(
            finishes[0].choices[0].finish_reason,
            stop && stop.type === 'finish' ? (FINISH[stop.stopReason] ?? 'stop') : 'stop',
          );
          const usage = chunks.at(-1)!;
          assert.deepEqual(usage.choices, []);
          let out = 0;
          for (const e of events)
            if (e.type === 'usage' && e.usage.outputTokens !== undefined) out = e.usage.outputTokens;
          assert.equal(usage.usage.completion_tokens, out);
          checked++;
        }
      });
    }
  });
}

test('fixtures were checked', () => {
  assert.ok(checked > 10, `only ${checked} recorded answers checked`);
});
