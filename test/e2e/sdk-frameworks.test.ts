// The Vercel AI SDK (`ai` with @ai-sdk/openai and @ai-sdk/anthropic) pointed at the gateway:
// text, streaming and a multi-step tool call, on the simulator and across protocols.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, type LanguageModel, stepCountIs, streamText, tool } from 'ai';
import { type Harness, MASTER_KEY, startHarness } from './harness.js';

let h: Harness;
let viaOpenAI: (model: string) => LanguageModel;
let viaAnthropic: (model: string) => LanguageModel;
before(async () => {
  h = await startHarness();
  // the OpenAI provider's default model is the Responses API; `.chat()` is Chat Completions
  const openai = createOpenAI({ baseURL: `${h.url}/v1`, apiKey: MASTER_KEY });
  const anthropic = createAnthropic({ baseURL: `${h.url}/v1`, apiKey: MASTER_KEY });
  viaOpenAI = (model) => openai.chat(model);
  viaAnthropic = (model) => anthropic(model);
});
after(async () => {
  await h?.close();
});

const weatherTool = () =>
  tool({
    description: 'Current weather for a city',
    inputSchema: jsonSchema<{ city: string }>({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    }),
    execute: async ({ city }) => `Sunny, 18C in ${city}`,
  });

const upstreamCalls = () => ({
  openai: h.openaiUp.stats.requests,
  anthropic: h.anthropicUp.stats.requests,
  gemini: h.geminiUp.stats.requests,
});

const cases = [
  { provider: '@ai-sdk/openai', model: 'sim/fast', upstream: undefined, make: () => viaOpenAI('sim/fast') },
  {
    provider: '@ai-sdk/openai',
    model: 'anthropic/claude-haiku-4-5',
    upstream: 'anthropic',
    make: () => viaOpenAI('anthropic/claude-haiku-4-5'),
  },
  {
    provider: '@ai-sdk/anthropic',
    model: 'sim/fast',
    upstream: undefined,
    make: () => viaAnthropic('sim/fast'),
  },
  {
    provider: '@ai-sdk/anthropic',
    model: 'openai/gpt-4o-mini',
    upstream: 'openai',
    make: () => viaAnthropic('openai/gpt-4o-mini'),
  },
] as const;

for (const c of cases) {
  describe(`${c.provider} → ${c.model}`, () => {
    test('generateText', async () => {
      const before = upstreamCalls();
      const r = await generateText({
        model: c.make(),
        system: 'Be brief.',
        prompt: 'Say hello to the framework',
        maxOutputTokens: 300,
        maxRetries: 0,
      });
      assert.match(r.text, /Say hello to the framework/);
      assert.equal(r.finishReason, 'stop');
      assert.ok((r.usage.inputTokens ?? 0) > 0 && (r.usage.outputTokens ?? 0) > 0, JSON.stringify(r.usage));
      const calls = upstreamCalls();
      for (const name of ['openai', 'anthropic', 'gemini'] as const) {
        assert.equal(calls[name] - before[name], name === c.upstream ? 1 : 0, `${name} upstream calls`);
      }
    });

    test('streamText', async () => {
      const r = streamText({
        model: c.make(),
        prompt: 'Stream a greeting to the framework',
        maxOutputTokens: 300,
        maxRetries: 0,
      });
      let streamed = '';
      for await (const t of r.textStream) streamed += t;
      assert.match(streamed, /Stream a greeting to the framework/);
      assert.equal(streamed, await r.text);
      assert.equal(await r.finishReason, 'stop');
      const usage = await r.usage;
      assert.ok((usage.inputTokens ?? 0) > 0 && (usage.outputTokens ?? 0) > 0, JSON.stringify(usage));
    });

    test('a tool call and its result, over two steps', async () => {
      const r = await generateText({
        model: c.make(),
        prompt: 'What is the weather in Paris?',
        tools: { get_weather: weatherTool() },
        stopWhen: stepCountIs(3),
        maxOutputTokens: 300,
        maxRetries: 0,
      });
      assert.equal(r.steps.length, 2, JSON.stringify(r.steps.map((s) => s.finishReason)));
      const first = r.steps[0]!;
      assert.equal(first.finishReason, 'tool-calls');
      const call = first.toolCalls[0]!;
      assert.equal(call.toolName, 'get_weather');
      const city = (call.input as { city: unknown }).city;
      assert.equal(typeof city, 'string');
      assert.equal(first.toolResults[0]!.output, `Sunny, 18C in ${city}`);
      assert.match(r.text, /Sunny, 18C/);
      assert.equal(r.finishReason, 'stop');
    });

    test('a streamed tool call', async () => {
      const r = streamText({
        model: c.make(),
        prompt: 'What is the weather in Paris?',
        tools: { get_weather: weatherTool() },
        stopWhen: stepCountIs(3),
        maxOutputTokens: 300,
        maxRetries: 0,
      });
      const kinds = new Set<string>();
      for await (const part of r.fullStream) kinds.add(part.type);
      assert.ok(kinds.has('tool-call') && kinds.has('tool-result'), [...kinds].join(', '));
      assert.ok(!kinds.has('error'), [...kinds].join(', '));
      assert.match(await r.text, /Sunny, 18C/);
      assert.equal((await r.steps).length, 2);
    });
  });
}
