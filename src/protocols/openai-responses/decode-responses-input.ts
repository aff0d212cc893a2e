// `instructions` + `input` (a string, or a list of items) -> canonical messages.
//
// Items: messages (role user / system / developer / assistant; `type: "message"` optional),
// `function_call`, `function_call_output`, `reasoning`. Consecutive assistant-side items
// (reasoning, assistant text, function calls) make one assistant turn and consecutive outputs one
// tool turn, as a provider with turns (Anthropic, Gemini) needs. Items that only exist inside
// OpenAI (item_reference, built-in tool calls) get a 400 naming them.
import {
  type AssistantPart,
  type CanonicalMessage,
  invalidRequest,
  type ToolResultPart,
} from '../../canonical/index.js';
import {
  invalidType,
  invalidValue,
  isObject,
  type JsonObject,
  missingParam,
  optionalArray,
  optionalString,
  requiredString,
} from '../openai-chat/read-openai-request-fields.js';
import { readAssistantContent, readInputContent } from './decode-responses-content.js';
import { readCarried } from './reasoning-carrier.js';
import { canonicalToolName } from './responses-tool-names.js';

function push(messages: CanonicalMessage[], role: 'assistant', parts: AssistantPart[]): void;
function push(messages: CanonicalMessage[], role: 'tool', parts: ToolResultPart[]): void;
function push(messages: CanonicalMessage[], role: 'assistant' | 'tool', parts: unknown[]): void {
  if (parts.length === 0) return;
  const last = messages.at(-1);
  if (last?.role === role) (last.content as unknown[]).push(...parts);
  else messages.push({ role, content: parts } as CanonicalMessage);
}

function readReasoning(item: JsonObject, p: string): AssistantPart[] {
  const texts: string[] = [];
  const summary = optionalArray(item, 'summary', `${p}.summary`) ?? [];
  summary.forEach((s, j) => {
    if (!isObject(s)) throw invalidType(`${p}.summary[${j}]`, 'an object', s);
    texts.push(requiredString(s, 'text', `${p}.summary[${j}].text`));
  });
  if (texts.length === 0) {
    for (const [j, c] of (optionalArray(item, 'content', `${p}.content`) ?? []).entries()) {
      if (!isObject(c)) throw invalidType(`${p}.content[${j}]`, 'an object', c);
      texts.push(requiredString(c, 'text', `${p}.content[${j}].text`));
    }
  }
  const text = texts.join('\n\n');
  const encrypted = optionalString(item, 'encrypted_content', `${p}.encrypted_content`);
  if (!encrypted) return text ? [{ type: 'reasoning', text }] : [];
  const carried = readCarried(encrypted, `${p}.encrypted_content`);
  if (carried.kind === 'redacted')
    return [{ type: 'redacted_reasoning', data: carried.data, origin: carried.origin }];
  return [{ type: 'reasoning', text, signature: carried.signature, signatureOrigin: carried.origin }];
}

function readOutput(item: JsonObject, p: string): ToolResultPart {
  const output = item.output;
  if (output === undefined || output === null) throw missingParam(`${p}.output`);
  const content = readInputContent(output, `${p}.output`);
  return { type: 'tool_result', toolCallId: requiredString(item, 'call_id', `${p}.call_id`), content };
}

function readMessage(item: JsonObject, p: string, messages: CanonicalMessage[]): void {
  const role = requiredString(item, 'role', `${p}.role`);
  const content = item.content;
  if (content === undefined || content === null) throw missingParam(`${p}.content`);
  switch (role) {
    case 'user': {
      const parts = readInputContent(content, `${p}.content`);
      if (parts.length > 0) messages.push({ role: 'user', content: parts });
      return;
    }
    case 'system':
    case 'developer': {
      const parts = readInputContent(content, `${p}.content`, true);
      if (parts.length > 0)
        messages.push({ role: 'system', content: parts as { type: 'text'; text: string }[] });
      return;
    }
    case 'assistant':
      push(messages, 'assistant', readAssistantContent(content, `${p}.content`));
      return;
    default:
      throw invalidValue(`${p}.role`, role, ['user', 'assistant', 'system', 'developer']);
  }
}

function readItem(raw: unknown, p: string, messages: CanonicalMessage[], names: Map<string, string>): void {
  if (!isObject(raw)) throw invalidType(p, 'an object', raw);
  const type = raw.type ?? 'message';
  switch (type) {
    case 'message':
      readMessage(raw, p, messages);
      return;
    case 'custom_tool_call': {
      const id = requiredString(raw, 'call_id', `${p}.call_id`);
      const name = canonicalToolName(
        requiredString(raw, 'name', `${p}.name`),
        optionalString(raw, 'namespace', `${p}.namespace`),
      );
      names.set(id, name);
      const input = requiredString(raw, 'input', `${p}.input`);
      push(messages, 'assistant', [{ type: 'tool_call', id, name, arguments: JSON.stringify({ input }) }]);
      return;
    }
    case 'function_call': {
      const id = requiredString(raw, 'call_id', `${p}.call_id`);
      const name = canonicalToolName(
        requiredString(raw, 'name', `${p}.name`),
        optionalString(raw, 'namespace', `${p}.namespace`),
      );
      names.set(id, name);
      push(messages, 'assistant', [
        { type: 'tool_call', id, name, arguments: requiredString(raw, 'arguments', `${p}.arguments`) },
      ]);
      return;
    }
    case 'custom_tool_call_output':
    case 'function_call_output': {
      const result = readOutput(raw, p);
      const name = names.get(result.toolCallId);
      if (name) result.toolName = name;
      push(messages, 'tool', [result]);
      return;
    }
    case 'reasoning':
      push(messages, 'assistant', readReasoning(raw, p));
      return;
    case 'item_reference':
      throw invalidRequest(
        `'${p}' refers to an item by id; this gateway keeps no items to look up. Send the item itself.`,
        p,
      );
    default:
      throw invalidRequest(
        `Invalid '${p}.type': ${JSON.stringify(type)} items come from OpenAI's built-in tools, which this ` +
          'model (served through another protocol) does not have. Supported item types are message, ' +
          'function_call, function_call_output, custom_tool_call, custom_tool_call_output and reasoning.',
        `${p}.type`,
      );
  }
}

export function decodeResponsesInput(body: JsonObject): CanonicalMessage[] {
  const messages: CanonicalMessage[] = [];
  const instructions = body.instructions;
  if (typeof instructions === 'string') {
    if (instructions !== '')
      messages.push({ role: 'system', content: [{ type: 'text', text: instructions }] });
  } else if (instructions !== undefined && instructions !== null) {
    throw invalidType('instructions', 'a string', instructions);
  }
  const input = body.input;
  if (input === undefined || input === null) throw missingParam('input');
  if (typeof input === 'string') {
    if (input !== '') messages.push({ role: 'user', content: [{ type: 'text', text: input }] });
  } else if (Array.isArray(input)) {
    const names = new Map<string, string>();
    input.forEach((item, i) => {
      readItem(item, `input[${i}]`, messages, names);
    });
  } else {
    throw invalidType('input', 'a string or an array of input items', input);
  }
  if (!messages.some((m) => m.role !== 'system'))
    throw invalidRequest("Invalid 'input': the input has no message to answer.", 'input');
  return messages;
}
