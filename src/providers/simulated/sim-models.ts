// The built-in simulated provider: `sim/…` models that answer offline, deterministically, free.
// Everything it serves is labelled simulated (provider name, model names, a response header).
import type { CatalogModel } from '../../catalog/catalog-model.js';
import type { ProviderRuntime } from '../provider-runtime.js';

export const SIM_PROVIDER: ProviderRuntime = {
  id: 'sim',
  name: 'Switchyard simulator (simulated, offline)',
  protocol: 'simulated',
  baseUrl: 'sim://local',
  authHeaders: {},
  extraHeaders: {},
  maxTokensField: 'max_tokens',
  allowUnlisted: false,
  custom: false,
};

const base = {
  provider: 'sim',
  prices: { inputPerMtok: 0, outputPerMtok: 0, cacheReadPerMtok: 0, cacheWritePerMtok: 0 },
  free: true,
  releaseDate: '2026-11-21',
  created: 1795219200,
} as const;

export const SIM_MODELS: CatalogModel[] = [
  {
    ...base,
    id: 'sim/fast',
    model: 'fast',
    name: 'Simulated fast chat model (no real LLM)',
    mode: 'chat',
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    toolCalling: true,
    vision: true,
    reasoning: false,
  },
  {
    ...base,
    id: 'sim/reasoner',
    model: 'reasoner',
    name: 'Simulated reasoning chat model (no real LLM)',
    mode: 'chat',
    contextWindow: 200_000,
    maxOutputTokens: 32_000,
    toolCalling: true,
    vision: true,
    reasoning: true,
  },
  {
    ...base,
    id: 'sim/embedding',
    model: 'embedding',
    name: 'Simulated embedding model (no real LLM)',
    mode: 'embedding',
    contextWindow: 8192,
    maxOutputTokens: null,
    toolCalling: false,
    vision: false,
    reasoning: false,
  },
  ...(
    [
      ['rerank', 'Simulated reranker (scores by word overlap; no real model)', 'rerank'],
      ['image', 'Simulated image generator (small solid-colour PNGs; no real model)', 'image_generation'],
      [
        'transcribe',
        'Simulated transcriber (says how long the audio is; no real model)',
        'audio_transcription',
      ],
      ['speech', 'Simulated text-to-speech (silent WAV audio; no real model)', 'audio_speech'],
    ] as const
  ).map(
    ([model, name, mode]): CatalogModel => ({
      ...base,
      id: `sim/${model}`,
      model,
      name,
      mode,
      contextWindow: null,
      maxOutputTokens: null,
      toolCalling: false,
      vision: false,
      reasoning: false,
    }),
  ),
];
