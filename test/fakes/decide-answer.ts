// The provider-independent decision of what the fake model answers. Each provider reads its own request
// format into a ConversationSummary; this decides between a tool call and a text answer.
import { buildArgumentsFromSchema } from './build-arguments-from-schema.js';
import { estimateTokens } from './estimate-tokens.js';

export interface ToolOffer {
  name: string;
  /** The tool's JSON schema for its arguments. */
  schema: unknown;
}

export type ToolChoice =
  | { type: 'auto' }
  | { type: 'none' }
  | { type: 'required' }
  | { type: 'tool'; name: string };

export type LastTurn =
  /** The conversation ends with a user message (text parts joined with a space). */
  | { kind: 'user'; text: string; hasImage: boolean }
  /** The conversation ends with tool results (OpenAI `tool` messages, Anthropic `tool_result`, Gemini `functionResponse`). */
  | { kind: 'tool-results'; results: string[] };

export interface ConversationSummary {
  tools: ToolOffer[];
  toolChoice: ToolChoice;
  lastTurn: LastTurn;
  /** All prompt text (system, messages, tool results), for the usage numbers. */
  promptText: string;
  /** Images in the whole prompt, each counted as 85 prompt tokens. */
  imageCount: number;
  /** The request's output token limit, if any. */
  maxOutputTokens?: number;
}

export type Answer =
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'tool-call'; name: string; arguments: Record<string, unknown> };

export function decideAnswer(summary: ConversationSummary): Answer {
  const { tools, toolChoice, lastTurn } = summary;
  if (lastTurn.kind === 'tool-results') {
    return limitText(`Tool result received: ${lastTurn.results.join('; ')}`, summary.maxOutputTokens);
  }
  if (tools.length > 0 && toolChoice.type !== 'none') {
    const forced =
      toolChoice.type === 'tool' ? tools.find((tool) => tool.name === toolChoice.name) : undefined;
    const tool = forced ?? tools[0];
    return { kind: 'tool-call', name: tool.name, arguments: buildArgumentsFromSchema(tool.schema) };
  }
  const parts = [lastTurn.text, lastTurn.hasImage ? '[image]' : ''].filter((part) => part !== '');
  return limitText(`Echo: ${parts.join(' ')}`, summary.maxOutputTokens);
}

/** A text answer cut to the output token limit (4 characters a token), flagged as truncated. */
function limitText(text: string, maxOutputTokens: number | undefined): Answer {
  if (maxOutputTokens === undefined || estimateTokens(text) <= maxOutputTokens) {
    return { kind: 'text', text, truncated: false };
  }
  return { kind: 'text', text: text.slice(0, Math.max(0, maxOutputTokens) * 4), truncated: true };
}

export function promptTokens(summary: ConversationSummary): number {
  return estimateTokens(summary.promptText) + 85 * summary.imageCount;
}

/** The text the answer is made of, for its completion token count. */
export function answerText(answer: Answer): string {
  return answer.kind === 'text' ? answer.text : JSON.stringify(answer.arguments);
}
