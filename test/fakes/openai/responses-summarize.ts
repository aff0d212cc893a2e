// Reads a (validated) Responses request — its earlier turns included when it continues a kept
// response — into the provider-independent ConversationSummary.
import type { ConversationSummary, LastTurn, ToolChoice, ToolOffer } from '../decide-answer.js';

type Item = Record<string, any>;

/** `input` as items (a string is one user message) */
export function responsesInputItems(input: unknown): Item[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  return Array.isArray(input) ? input : [];
}

function readContent(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: '', images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const part of content) {
    if (['input_text', 'output_text'].includes(part?.type) && typeof part.text === 'string')
      texts.push(part.text);
    if (part?.type === 'input_image') images++;
  }
  return { text: texts.join(' '), images };
}

function readLastTurn(items: Item[]): LastTurn {
  const results: string[] = [];
  for (let i = items.length - 1; i >= 0 && items[i].type === 'function_call_output'; i--)
    results.unshift(readContent(items[i].output).text);
  if (results.length > 0) return { kind: 'tool-results', results };
  const lastUser = [...items]
    .reverse()
    .find((item) => (item.type ?? 'message') === 'message' && item.role === 'user');
  const content = readContent(lastUser?.content);
  return { kind: 'user', text: content.text, hasImage: content.images > 0 };
}

function readToolChoice(choice: any): ToolChoice {
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'required' };
  if (choice?.type === 'function' && choice.name) return { type: 'tool', name: choice.name };
  return { type: 'auto' };
}

export function summarizeResponsesRequest(request: Record<string, any>, items: Item[]): ConversationSummary {
  const promptText: string[] = [typeof request.instructions === 'string' ? request.instructions : ''];
  let imageCount = 0;
  for (const item of items) {
    const content = readContent(item.content ?? item.output);
    promptText.push(content.text);
    imageCount += content.images;
    if (item.type === 'function_call') promptText.push(item.arguments ?? '');
  }
  const tools: ToolOffer[] = (request.tools ?? [])
    .filter((tool: any) => tool?.type === 'function' && tool.name)
    .map((tool: any) => ({ name: tool.name, schema: tool.parameters ?? {} }));
  if (tools.length > 0) promptText.push(JSON.stringify(request.tools));
  return {
    tools,
    toolChoice: readToolChoice(request.tool_choice),
    lastTurn: readLastTurn(items),
    promptText: promptText.join('\n'),
    imageCount,
    maxOutputTokens: typeof request.max_output_tokens === 'number' ? request.max_output_tokens : undefined,
  };
}
