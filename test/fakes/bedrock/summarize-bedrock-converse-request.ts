// Reads a Converse request into the provider-independent ConversationSummary, after checking it
// the way Bedrock does (the checks whose failure a translation bug would cause).
import type { ConversationSummary, LastTurn, ToolChoice, ToolOffer } from '../decide-answer.js';

export class BedrockValidationError extends Error {}

const bad = (message: string) => new BedrockValidationError(message);

export function summarizeBedrockConverseRequest(body: unknown): ConversationSummary {
  if (!body || typeof body !== 'object')
    throw bad('Malformed input request, please reformat your input and try again.');
  const req = body as Record<string, any>;
  if ('model' in req || 'modelId' in req)
    throw bad(
      'Malformed input request: extraneous key [model] is not permitted, please reformat your input and try again.',
    );
  const messages: any[] = req.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    throw bad(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  const promptText: string[] = [];
  let imageCount = 0;
  let usesTools = false;
  for (const s of req.system ?? []) if (typeof s.text === 'string') promptText.push(s.text);
  messages.forEach((m, i) => {
    if (m.role !== 'user' && m.role !== 'assistant')
      throw bad(`messages.${i}.role: must be user or assistant`);
    if (i === 0 && m.role !== 'user')
      throw bad(
        'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
      );
    if (i > 0 && messages[i - 1].role === m.role)
      throw bad(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    if (!Array.isArray(m.content) || m.content.length === 0)
      throw bad(
        `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    for (const b of m.content) {
      const keys = Object.keys(b);
      if (keys.length !== 1) throw bad(`messages.${i}: a ContentBlock must have exactly one member`);
      if ('text' in b) {
        if (typeof b.text !== 'string' || b.text.trim() === '')
          throw bad(
            `The text field in the ContentBlock object at messages.${i}.content is blank. Add text to the text field, and try again.`,
          );
        promptText.push(b.text);
      } else if ('image' in b) {
        if (!['png', 'jpeg', 'gif', 'webp'].includes(b.image.format) || !b.image.source)
          throw bad(`messages.${i}: invalid image block`);
        imageCount++;
      } else if ('toolUse' in b) {
        usesTools = true;
        if (m.role !== 'assistant') throw bad(`messages.${i}: toolUse blocks belong to assistant messages`);
        if (!/^[a-zA-Z0-9_-]+$/.test(b.toolUse.toolUseId ?? ''))
          throw bad(`messages.${i}: invalid toolUseId`);
        if (!b.toolUse.input || typeof b.toolUse.input !== 'object')
          throw bad(`messages.${i}: toolUse.input must be an object`);
        promptText.push(JSON.stringify(b.toolUse.input));
      } else if ('toolResult' in b) {
        usesTools = true;
        const prev = messages[i - 1];
        const ids = (prev?.content ?? []).filter((x: any) => x.toolUse).map((x: any) => x.toolUse.toolUseId);
        if (!ids.includes(b.toolResult.toolUseId))
          throw bad(
            `The toolResult blocks at messages.${i}.content do not match the toolUse blocks of the previous turn (${b.toolResult.toolUseId}).`,
          );
        for (const c of b.toolResult.content ?? []) if (typeof c.text === 'string') promptText.push(c.text);
      } else if (!('document' in b || 'reasoningContent' in b || 'cachePoint' in b)) {
        throw bad(`messages.${i}: unknown content block ${keys[0]}`);
      }
    }
  });
  if (usesTools && !req.toolConfig)
    throw bad('The toolConfig field must be defined when using toolUse and toolResult content blocks.');
  const tools: ToolOffer[] = [];
  for (const t of req.toolConfig?.tools ?? []) {
    if (t.cachePoint) continue;
    if (!t.toolSpec?.name || !t.toolSpec.inputSchema?.json)
      throw bad('toolConfig.tools: each tool needs toolSpec.name and toolSpec.inputSchema.json');
    tools.push({ name: t.toolSpec.name, schema: t.toolSpec.inputSchema.json });
  }
  const choice = req.toolConfig?.toolChoice;
  const toolChoice: ToolChoice = choice?.tool
    ? { type: 'tool', name: choice.tool.name }
    : choice?.any
      ? { type: 'required' }
      : { type: 'auto' };
  const last = messages[messages.length - 1];
  let lastTurn: LastTurn;
  const results = last.content.filter((b: any) => b.toolResult);
  if (last.role === 'user' && results.length > 0)
    lastTurn = {
      kind: 'tool-results',
      results: results.map((b: any) =>
        (b.toolResult.content ?? []).map((c: any) => c.text ?? JSON.stringify(c.json ?? '')).join(' '),
      ),
    };
  else
    lastTurn = {
      kind: 'user',
      text: last.content
        .filter((b: any) => typeof b.text === 'string')
        .map((b: any) => b.text)
        .join(' '),
      hasImage: last.content.some((b: any) => b.image),
    };
  const maxTokens = req.inferenceConfig?.maxTokens;
  return {
    tools,
    toolChoice,
    lastTurn,
    promptText: promptText.join('\n'),
    imageCount,
    maxOutputTokens: maxTokens,
  };
}
