// Reads a (validated) Chat Completions request into the provider-independent ConversationSummary.
import type { ConversationSummary, LastTurn, ToolChoice, ToolOffer } from '../decide-answer.js';

export function summarizeOpenAIChatRequest(request: Record<string, any>): ConversationSummary {
  const messages: any[] = request.messages;
  const promptText: string[] = [];
  let imageCount = 0;
  for (const message of messages) {
    const content = readContent(message.content);
    promptText.push(content.text);
    imageCount += content.images;
    for (const call of message.tool_calls ?? []) promptText.push(call.function?.arguments ?? '');
  }
  const tools: ToolOffer[] = (request.tools ?? [])
    .filter((tool: any) => tool?.type === 'function' && tool.function?.name)
    .map((tool: any) => ({ name: tool.function.name, schema: tool.function.parameters ?? {} }));
  if (tools.length > 0) promptText.push(JSON.stringify(request.tools));
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  return {
    tools,
    toolChoice: readToolChoice(request.tool_choice),
    lastTurn: readLastTurn(messages),
    promptText: promptText.join('\n'),
    imageCount,
    maxOutputTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
  };
}

function readLastTurn(messages: any[]): LastTurn {
  const results: string[] = [];
  for (let i = messages.length - 1; i >= 0 && ['tool', 'function'].includes(messages[i].role); i--) {
    results.unshift(readContent(messages[i].content).text);
  }
  if (results.length > 0) return { kind: 'tool-results', results };
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const content = readContent(lastUser?.content);
  return { kind: 'user', text: content.text, hasImage: content.images > 0 };
}

function readContent(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: '', images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const part of content) {
    if (part?.type === 'text' && typeof part.text === 'string') texts.push(part.text);
    if (part?.type === 'image_url') images++;
  }
  return { text: texts.join(' '), images };
}

function readToolChoice(choice: any): ToolChoice {
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'required' };
  if (choice?.type === 'function' && choice.function?.name)
    return { type: 'tool', name: choice.function.name };
  return { type: 'auto' };
}
