// From what the client asked for to the ordered deployments to try: the requested model, then
// its fallbacks (from the request, or configured), each model's deployments ordered by its
// load-balancing strategy with healthy ones first; minus what the key may not use and what
// cannot hold the prompt (context window, by a real token count when it could matter).

import type { Principal } from '../auth/index.js';
import { GatewayError, invalidRequest } from '../canonical/index.js';
import { orderCandidates } from '../reliability/index.js';
import { contextWindowOf } from './context-window.js';
import type { Deployment, DeploymentGroup } from './deployment.js';
import type { DeploymentRegistry } from './deployment-registry.js';

export interface PlanRequest {
  /** the model field, then the request's own fallback list (OpenRouter-style `models`) */
  names: string[];
  /** true when the request brought its own fallback list: configured fallbacks are not added */
  ownFallbacks: boolean;
  principal: Principal;
  want: Want;
  /** an upper bound of the prompt's tokens that costs nothing (its size in bytes) */
  promptBound: number;
  /** the real token count, asked for only when a context window could be too small */
  countPrompt?: () => Promise<number>;
  /** an Anthropic client asked for the 1M-token window (anthropic-beta context-1m-…): context-window.ts */
  longContext?: boolean;
  random?: () => number;
}

export interface AttemptPlan {
  /** deployments in the order to try them */
  order: Deployment[];
  /** candidates left out, and why */
  skipped: { id: string; reason: string }[];
  /** the model the client asked for (resolved), for errors and headers */
  primary: DeploymentGroup;
  promptTokens?: number;
}

/** the kind of model a call needs: its catalog mode (completions take chat models too) */
export type Want = 'chat' | 'embedding' | 'completion' | MediaMode;
type MediaMode = 'rerank' | 'image_generation' | 'audio_transcription' | 'audio_speech';

const MEDIA: Record<MediaMode, string> = {
  rerank: 'a rerank model; call POST /v1/rerank with it',
  image_generation: 'an image generation model; call POST /v1/images/generations with it',
  audio_transcription: 'a transcription model; call POST /v1/audio/transcriptions with it',
  audio_speech: 'a text-to-speech model; call POST /v1/audio/speech with it',
};
const NEEDED: Record<MediaMode, string> = {
  rerank: 'a rerank model',
  image_generation: 'an image generation model',
  audio_transcription: 'a transcription model',
  audio_speech: 'a text-to-speech model',
};

function checkKind(d: Deployment, want: Want): string | undefined {
  const mode = d.model.mode;
  if (d.provider.rerankOnly && want !== 'rerank')
    return `provider ${d.provider.id} is reachable for POST /v1/rerank only in this version`;
  if ((want === 'chat' || want === 'completion') && mode === 'embedding')
    return `\`${d.model.id}\` is an embedding model; call POST /v1/embeddings with it`;
  if ((want === 'chat' || want === 'completion') && mode in MEDIA)
    return `\`${d.model.id}\` is ${MEDIA[mode as MediaMode]}`;
  if (want === 'embedding' && mode !== 'embedding' && !d.model.unlisted)
    return `\`${d.model.id}\` is not an embedding model`;
  if (want in NEEDED && mode !== want && !d.model.unlisted)
    return `\`${d.model.id}\` is not ${NEEDED[want as MediaMode]} (its kind is ${mode})`;
  return undefined;
}

export async function planAttempts(registry: DeploymentRegistry, req: PlanRequest): Promise<AttemptPlan> {
  const [first, ...rest] = req.names;
  if (!first) throw invalidRequest('you must provide a model parameter', 'model');
  // the requested model must exist and be usable: its errors are the client's answer
  const primary = registry.group(first);
  const allowed = primary.members.filter((m) => req.principal.canUseModel(m.deployment.model.id));
  if (allowed.length === 0)
    throw new GatewayError(
      'permission',
      `This API key may not use the model \`${primary.members[0]!.deployment.model.id}\``,
      {
        code: 'model_not_allowed',
        param: 'model',
      },
    );
  const wrongKind = checkKind(allowed[0]!.deployment, req.want);
  if (wrongKind) throw invalidRequest(wrongKind, 'model');

  const skipped: AttemptPlan['skipped'] = [];
  // the common case: one model, one deployment, no fallbacks, a prompt that surely fits
  if (rest.length === 0 && primary.members.length === 1) {
    const only = allowed[0]!.deployment;
    const fallbacks = req.ownFallbacks ? [] : registry.fallbacks(first, [only.id]);
    const window = contextWindowOf(only, req.longContext);
    if (fallbacks.length === 0 && (window === null || window >= req.promptBound))
      return { order: [only], skipped, primary };
  }
  const names = [...rest];
  if (!req.ownFallbacks)
    names.push(
      ...registry.fallbacks(
        first,
        primary.members.map((m) => m.deployment.id),
      ),
    );
  const groups: DeploymentGroup[] = [primary];
  for (const name of names) {
    try {
      groups.push(registry.group(name));
    } catch (e) {
      skipped.push({ id: name, reason: (e as Error).message });
    }
  }

  // membership: allowed, right kind, fits the prompt
  const windows = groups.flatMap((g) =>
    g.members.map((m) => contextWindowOf(m.deployment, req.longContext) ?? Number.POSITIVE_INFINITY),
  );
  let promptTokens: number | undefined;
  if (req.countPrompt && windows.some((w) => w < req.promptBound)) promptTokens = await req.countPrompt();
  const seen = new Set<string>();
  const order: Deployment[] = [];
  for (const g of groups) {
    const members = g.members.filter(({ deployment: d }) => {
      if (seen.has(d.id)) return false;
      let reason: string | undefined;
      if (!req.principal.canUseModel(d.model.id)) reason = 'this key may not use it';
      else reason = checkKind(d, req.want);
      const window = contextWindowOf(d, req.longContext);
      if (!reason && promptTokens !== undefined && window !== null && promptTokens > window)
        reason = `the prompt has ${promptTokens} tokens, more than its context window of ${window}`;
      if (reason) {
        skipped.push({ id: d.id, reason });
        return false;
      }
      seen.add(d.id);
      return true;
    });
    const candidates = members.map((m) => ({
      id: m.deployment.id,
      weight: m.weight,
      inFlight: m.deployment.health.inFlight,
      latencyEwma: m.deployment.health.latencyEwma,
      deployment: m.deployment,
    }));
    const available = candidates.filter((c) => c.deployment.breaker.isAvailable());
    const unavailable = candidates.filter((c) => !c.deployment.breaker.isAvailable());
    for (const c of orderCandidates(available, g.strategy, req.random)) order.push(c.deployment);
    for (const c of unavailable) order.push(c.deployment);
  }
  if (order.length === 0) {
    if (promptTokens !== undefined)
      throw new GatewayError(
        'invalid_request',
        `The prompt has ${promptTokens} tokens, more than the context window of every model that could serve it ` +
          `(${skipped.map((s) => s.id).join(', ')})`,
        { code: 'context_length_exceeded', param: 'messages' },
      );
    throw new GatewayError(
      'overloaded',
      `No deployment can serve \`${first}\`: ${skipped.map((s) => `${s.id}: ${s.reason}`).join('; ')}`,
    );
  }
  return { order, skipped, primary, promptTokens };
}
