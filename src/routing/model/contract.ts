// The contract between the router's brain (src/routing/model/: what a prompt is, how good each
// model would be at it, the trade-off rule, training and evaluation) and the router at request
// time (src/routing/: modes, candidates, policies, rules, explanations, feedback). Both sides
// import these types; neither reaches into the other's files.

/** What a request is for. */
export type TaskType =
  | 'chat'
  | 'code'
  | 'math_reasoning'
  | 'long_document'
  | 'translation'
  | 'classification'
  | 'tool_agent'
  | 'vision';

export const TASK_TYPES: readonly TaskType[] = [
  'chat',
  'code',
  'math_reasoning',
  'long_document',
  'translation',
  'classification',
  'tool_agent',
  'vision',
];

/** What the router reads off a request: cheap to build from any client protocol's canonical request. */
export interface RoutingInput {
  /** the text of the conversation's last user turn (what is being asked now) */
  prompt: string;
  /** system instructions, if any */
  system?: string;
  /** earlier turns' text length in characters (history), 0 for a single turn */
  historyChars: number;
  /** the request offers tools / asks for structured output / carries images */
  hasTools: boolean;
  structuredOutput: boolean;
  hasImages: boolean;
  /** prompt tokens, counted by the real tokenizer (whole request) */
  promptTokens: number;
  /** the output limit the request sets, if any */
  maxOutputTokens?: number;
}

/** The classifier's reading of a request (under 1 ms at p99 for 8,000 characters). */
export interface TaskProfile {
  taskType: TaskType;
  /** confidence per task type, 0..1 (the highest is `taskType`) */
  taskScores: Record<TaskType, number>;
  /** 0 (trivial) .. 1 (hard) */
  difficulty: number;
  /** ISO 639-1 code of the prompt's language, or 'und' */
  language: string;
  needs: {
    tools: boolean;
    images: boolean;
    structuredOutput: boolean;
    /** tokens the chosen model must hold: prompt + expected output */
    contextTokens: number;
  };
  /** expected output tokens (for pricing a candidate before calling it) */
  expectedOutputTokens: number;
}

/** One model the router may pick, with what it would cost for this request (USD, float is fine: a ranking, not money). */
export interface ScoredCandidate {
  model: string;
  /** predicted quality 0..1 for this request */
  quality: number;
  /** predicted cost of this request in USD */
  cost: number;
}

/**
 * A trained (or the default) router: per-model quality predictors. `predict` returns undefined for
 * a model it knows nothing about; the caller then uses catalog priors.
 */
export interface QualityModel {
  /** 'default' (catalog priors + task rules) or 'trained' */
  kind: 'default' | 'trained';
  /** the models it was trained on (empty for the default) */
  models: readonly string[];
  predict(input: RoutingInput, profile: TaskProfile, model: string): number | undefined;
}
