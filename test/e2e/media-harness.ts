// The harness with the media fakes behind it: provider `openai` is the fake OpenAI media server
// (images, audio, completions), `cohere`, `jina` and `voyage` are fake rerank APIs in their own
// shapes. Anthropic, Gemini and the simulator stay as in the plain harness.
import { type FakeOpenAIMedia, startFakeOpenAIMedia } from '../fakes/openai/start-fake-openai-media.js';
import { type FakeRerank, startFakeRerank } from '../fakes/rerank/start-fake-rerank.js';
import { type Harness, startHarness } from './harness.js';

export interface MediaHarness {
  h: Harness;
  media: FakeOpenAIMedia;
  rerank: { cohere: FakeRerank; jina: FakeRerank; voyage: FakeRerank };
  close(): Promise<void>;
}

/**
 * `openai`: extra settings of the openai provider (allow_unlisted_models, …); `config`: more of
 * the gateway's config (a test backend's database, …), merged like the harness's
 */
export async function startMediaHarness(
  opts: { openai?: Record<string, unknown>; config?: Record<string, unknown> } = {},
): Promise<MediaHarness> {
  const [media, cohere, jina, voyage] = await Promise.all([
    startFakeOpenAIMedia(),
    startFakeRerank('cohere'),
    startFakeRerank('jina'),
    startFakeRerank('voyage'),
  ]);
  const h = await startHarness({
    config: {
      ...opts.config,
      providers: {
        openai: { api_key: media.apiKey, base_url: media.baseUrl, ...opts.openai },
        cohere: { api_key: cohere.apiKey, base_url: cohere.baseUrl },
        jina: { api_key: jina.apiKey, base_url: jina.baseUrl },
        voyage: { api_key: voyage.apiKey, base_url: voyage.baseUrl },
      },
    },
  });
  return {
    h,
    media,
    rerank: { cohere, jina, voyage },
    async close() {
      await h.close();
      await Promise.all([media.close(), cohere.close(), jina.close(), voyage.close()]);
    },
  };
}
