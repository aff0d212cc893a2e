// Fake upstream LLM providers for end-to-end tests: real HTTP servers on 127.0.0.1 that speak each provider's
// wire format, record what they receive, and can be scripted to fail in the ways real providers fail.
export { startFakeAnthropic } from './anthropic/start-fake-anthropic.js';
export type {
  FakeOpenAI,
  FakeOpenAIOptions,
  FakeUpstream,
  FakeUpstreamOptions,
  FakeUpstreamStats,
  Fault,
  RecordedRequest,
} from './fake-upstream-types.js';
export { startFakeGemini } from './gemini/start-fake-gemini.js';
export { defaultFixturesDir } from './load-fixture-reply.js';
export { startFakeOpenAI } from './openai/start-fake-openai.js';
export {
  type FakeOpenAIMedia,
  fakeWav,
  type MediaRequest,
  startFakeOpenAIMedia,
} from './openai/start-fake-openai-media.js';
export { parseSseText, type SseEvent } from './parse-sse-text.js';
export { type FakeRerank, type RerankFamily, startFakeRerank } from './rerank/start-fake-rerank.js';
