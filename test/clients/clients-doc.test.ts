// Every JavaScript/TypeScript example of docs/clients.md, run against the gateway with the fake
// upstreams behind it: each example on a model of each upstream protocol and on the simulator
// (plain answer, stream, tool call and the answer after its result). The doc's code blocks are
// these very files (doc-examples.test.ts checks that).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Harness,
  MASTER_KEY,
  startHarness,
  UPSTREAM_MODELS,
  type UpstreamName,
} from '../e2e/harness.js';
import { anthropicNode } from './examples/anthropic-node.js';
import { langchainAnthropic } from './examples/langchain-anthropic.js';
import { langchainOpenAI } from './examples/langchain-openai.js';
import { llamaindexOpenAI } from './examples/llamaindex-openai.js';
import { openaiNode } from './examples/openai-node.js';
import { vercelAiAnthropic } from './examples/vercel-ai-anthropic.js';
import { vercelAiOpenAI } from './examples/vercel-ai-openai.js';

interface ExampleResult {
  text: string;
  streamed: string;
  outputTokens: number;
  toolName: string;
  city: string;
  answer: string;
}
type Example = (gatewayURL: string, apiKey: string, model?: string) => Promise<ExampleResult>;

/** the examples and whether the library reports streamed usage */
const EXAMPLES: { name: string; run: Example; streamUsage: boolean }[] = [
  { name: 'openai-node', run: openaiNode, streamUsage: true },
  { name: 'anthropic-node', run: anthropicNode, streamUsage: true },
  { name: 'vercel-ai-openai', run: vercelAiOpenAI, streamUsage: true },
  { name: 'vercel-ai-anthropic', run: vercelAiAnthropic, streamUsage: true },
  { name: 'langchain-openai', run: langchainOpenAI, streamUsage: true },
  { name: 'langchain-anthropic', run: langchainAnthropic, streamUsage: true },
  // LlamaIndex's OpenAI class does not ask for streamed usage
  { name: 'llamaindex-openai', run: llamaindexOpenAI, streamUsage: false },
];

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const fakeOf = (u: UpstreamName) =>
  u === 'openai' ? h.openaiUp : u === 'anthropic' ? h.anthropicUp : u === 'gemini' ? h.geminiUp : undefined;

for (const ex of EXAMPLES) {
  describe(`example ${ex.name}`, () => {
    for (const upstream of Object.keys(UPSTREAM_MODELS) as UpstreamName[]) {
      const model = UPSTREAM_MODELS[upstream];
      test(`on ${model}: answer, stream, tool call and the answer after its result`, async () => {
        const fake = fakeOf(upstream);
        const before = fake?.stats.requests ?? 0;
        const r = await ex.run(h.url, MASTER_KEY, model);
        if (fake) {
          // the fakes' deterministic answers: proof that this upstream answered, not a fallback
          assert.equal(r.text, 'Echo: Say hello');
          assert.equal(r.streamed, 'Echo: Stream a greeting');
          assert.match(r.answer, /^Tool result received: Sunny, 18C in Paris/);
          assert.equal(r.city, 'Paris');
          assert.ok(fake.stats.requests - before >= 4, `${upstream} upstream called`);
        } else {
          assert.match(r.text, /Say hello/);
          assert.match(r.streamed, /Stream a greeting/);
          assert.match(r.answer, /Sunny, 18C/);
          assert.equal(typeof r.city, 'string');
        }
        assert.equal(r.toolName, 'get_weather');
        if (ex.streamUsage) assert.ok(r.outputTokens > 0, `streamed usage: ${r.outputTokens}`);
      });
    }
  });
}
