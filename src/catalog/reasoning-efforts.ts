// Which OpenAI-style `reasoning_effort` values a model accepts, by its model id. The catalog has no
// field for it, and the providers answer 400 to a value the model does not take ("Unsupported value:
// 'minimal' is not supported with the 'gpt-5.1' model. Supported values are: 'none', 'low', 'medium',
// and 'high'."). Sources: OpenAI's ReasoningEffort reference (openai-node shared.d.ts: gpt-5.1 takes
// none/low/medium/high, models before it no `none`, gpt-5-pro only high, xhigh from gpt-5.1-codex-max
// on), the Codex CLI's per-model effort lists, OpenAI's error messages for the chat-latest models
// (only medium), and xAI's docs (grok-3-mini: low/high; grok-4 rejects the parameter).
import type { ReasoningEffort } from '../canonical/index.js';

type Efforts = readonly ReasoningEffort[];

const NONE_TO_XHIGH: Efforts = ['none', 'low', 'medium', 'high', 'xhigh'];
const LOW_TO_XHIGH: Efforts = ['low', 'medium', 'high', 'xhigh'];
const LOW_TO_HIGH: Efforts = ['low', 'medium', 'high'];

/** [pattern on the bare lower-case model id, accepted efforts], first match wins */
const RULES: readonly [RegExp, Efforts][] = [
  [/^gpt-5(?:\.\d+)?-chat/, ['medium']],
  [/^gpt-5-pro/, ['high']],
  [/^gpt-5\.\d+-pro/, ['medium', 'high', 'xhigh']],
  [/^gpt-5(?:\.1)?-codex-mini/, ['medium', 'high']],
  [/^gpt-5\.1-codex-max/, LOW_TO_XHIGH],
  [/^gpt-5(?:\.1)?-codex/, LOW_TO_HIGH],
  [/^gpt-5\.\d+-codex/, LOW_TO_XHIGH],
  [/^gpt-5\.1(?!\d)/, ['none', 'low', 'medium', 'high']],
  [/^gpt-5\.\d+/, NONE_TO_XHIGH],
  [/^gpt-5(?![.\d])/, ['minimal', 'low', 'medium', 'high']],
  [/^o1-(?:mini|preview)/, []],
  [/^o\d/, LOW_TO_HIGH],
  [/^gpt-oss/, LOW_TO_HIGH],
  [/^grok-3-mini/, ['low', 'high']],
  [/^grok-4/, []],
];

/** up to `high`: what a reasoning model of unknown family is assumed to take */
export const EFFORTS_UP_TO_HIGH: Efforts = ['none', 'minimal', 'low', 'medium', 'high'];

/**
 * The efforts a model accepts (empty: it takes no `reasoning_effort` at all), or undefined when its
 * family is not known here. `model` is the provider's id; a `vendor/` prefix (OpenRouter) is ignored.
 */
export function reasoningEffortsOf(model: string): Efforts | undefined {
  const id = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  return RULES.find(([pattern]) => pattern.test(id))?.[1];
}
