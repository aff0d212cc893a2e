// Reads a (validated) Messages request into the provider-independent ConversationSummary.
import type { ConversationSummary, LastTurn, ToolChoice, ToolOffer } from '../decide-answer.js';

export function summarizeAnthropicMessagesRequest(request: Record<string, any>): ConversationSummary {
  const messages: any[] = request.messages;
  const promptText: string[] = [readBlocks(request.system).text];
  let imageCount = 0;
  for (const message of messages) {
    const content = readBlocks(message.content);
    promptText.push(content.text);
    imageCount += content.images;
    for (const block of Array.isArray(message.content) ? message.content : []) {
      if (block?.type === 'tool_result') promptText.push(readBlocks(block.content).text);
      if (block?.type === 'tool_use') promptText.push(JSON.stringify(block.input ?? {}));
    }
  }
  // Server tools (web_search_..., code_execution_...) have a type and no input_schema; only client tools are called.
  const tools: ToolOffer[] = (request.tools ?? [])
    .filter((tool: any) => tool?.name && (tool.type === undefined || tool.type === 'custom'))
    .map((tool: any) => ({ name: tool.name, schema: tool.input_schema ?? {} }));
  if (tools.length > 0) promptText.push(JSON.stringify(request.tools));
  return {
    tools,
    toolChoice: readToolChoice(request.tool_choice),
    lastTurn: readLastTurn(messages),
    promptText: promptText.filter((text) => text !== '').join('\n'),
    imageCount,
    maxOutputTokens: request.max_tokens,
  };
}

function readLastTurn(messages: any[]): LastTurn {
  const last = messages[messages.length - 1];
  const blocks: any[] = last?.role === 'user' && Array.isArray(last.content) ? last.content : [];
  const results = blocks.filter((block) => block?.type === 'tool_result');
  if (results.length > 0)
    return { kind: 'tool-results', results: results.map((block) => readBlocks(block.content).text) };
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const content = readBlocks(lastUser?.content);
  return { kind: 'user', text: content.text, hasImage: content.images > 0 };
}

/** Text of a string or of text blocks (tool_result and tool_use contents included), and the image count. */
function readBlocks(content: unknown): { text: string; images: number } {
  if (typeof content === 'string') return { text: content, images: 0 };
  if (!Array.isArray(content)) return { text: '', images: 0 };
  const texts: string[] = [];
  let images = 0;
  for (const block of content) {
    if (block?.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    if (block?.type === 'image') images++;
  }
  return { text: texts.join(' '), images };
}

function readToolChoice(choice: any): ToolChoice {
  switch (choice?.type) {
    case 'none':
      return { type: 'none' };
    case 'any':
      return { type: 'required' };
    case 'tool':
      return { type: 'tool', name: choice.name };
    default:
      return { type: 'auto' };
  }
}
