// OpenAI `messages` -> canonical messages.
//
// - `developer` becomes `system`.
// - Consecutive `tool` (and legacy `function`) messages become one canonical `tool` turn,
//   so encoders that merge tool results into a user turn get them together.
// - Tool results get `toolName` from the assistant `tool_calls` earlier in the history.
// - Legacy `function_call`s have no ids; they get `function_call_<message index>` and the
//   following `function` message with the same name answers the oldest open one.
import type {
  AssistantPart,
  CanonicalMessage,
  ReasoningPart,
  ToolCallPart,
  ToolResultPart,
} from '../../canonical/index.js';
import { readTextContent, readUserContent } from './convert-openai-content-parts.js';
import {
  invalidType,
  invalidValue,
  isObject,
  type JsonObject,
  missingParam,
  optionalArray,
  optionalString,
  requiredString,
} from './read-openai-request-fields.js';

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const;

/** Tool-call arguments as JSON text; an empty string means no arguments. */
function readArguments(fn: JsonObject, param: string): string {
  const args = fn.arguments;
  if (args === undefined || args === null || args === '') return '{}';
  if (typeof args === 'string') return args;
  if (isObject(args)) return JSON.stringify(args);
  throw invalidType(param, 'a string', args);
}

function readToolCall(raw: unknown, param: string): ToolCallPart {
  if (!isObject(raw)) throw invalidType(param, 'an object', raw);
  if (raw.type !== undefined && raw.type !== 'function')
    throw invalidValue(`${param}.type`, raw.type, ['function']);
  const id = requiredString(raw, 'id', `${param}.id`);
  const fn = raw.function;
  if (fn === undefined || fn === null) throw missingParam(`${param}.function`);
  if (!isObject(fn)) throw invalidType(`${param}.function`, 'an object', fn);
  const name = requiredString(fn, 'name', `${param}.function.name`);
  return { type: 'tool_call', id, name, arguments: readArguments(fn, `${param}.function.arguments`) };
}

const hasValue = (v: unknown) => v !== undefined && v !== null;

export function convertOpenAIMessages(messages: unknown[]): CanonicalMessage[] {
  const out: CanonicalMessage[] = [];
  const toolNames = new Map<string, string>();
  /** legacy function_call ids not answered yet, per function name */
  const openFunctionCalls = new Map<string, string[]>();

  const pushToolResult = (result: ToolResultPart) => {
    const last = out.at(-1);
    if (last?.role === 'tool') last.content.push(result);
    else out.push({ role: 'tool', content: [result] });
  };

  messages.forEach((raw, i) => {
    const p = `messages[${i}]`;
    if (!isObject(raw)) throw invalidType(p, 'an object', raw);
    const role = raw.role;
    if (role === undefined || role === null) throw missingParam(`${p}.role`);
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw invalidValue(`${p}.role`, role, ROLES);
    }
    const needContent = () => {
      if (!hasValue(raw.content)) throw missingParam(`${p}.content`);
      return raw.content;
    };

    switch (role) {
      case 'system':
      case 'developer':
        out.push({ role: 'system', content: readTextContent(needContent(), `${p}.content`) });
        break;

      case 'user':
        out.push({ role: 'user', content: readUserContent(needContent(), `${p}.content`) });
        break;

      case 'assistant': {
        const content: AssistantPart[] = [];
        const reasoning = optionalString(raw, 'reasoning_content', `${p}.reasoning_content`);
        if (reasoning) content.push({ type: 'reasoning', text: reasoning } satisfies ReasoningPart);
        if (hasValue(raw.content))
          content.push(...readTextContent(raw.content, `${p}.content`, { allowRefusal: true }));
        const refusal = optionalString(raw, 'refusal', `${p}.refusal`);
        if (refusal) content.push({ type: 'text', text: refusal });

        const toolCalls = optionalArray(raw, 'tool_calls', `${p}.tool_calls`) ?? [];
        toolCalls.forEach((tc, j) => {
          const call = readToolCall(tc, `${p}.tool_calls[${j}]`);
          toolNames.set(call.id, call.name);
          content.push(call);
        });

        if (hasValue(raw.function_call)) {
          const fc = raw.function_call;
          if (!isObject(fc)) throw invalidType(`${p}.function_call`, 'an object', fc);
          const name = requiredString(fc, 'name', `${p}.function_call.name`);
          const id = `function_call_${i}`;
          toolNames.set(id, name);
          openFunctionCalls.set(name, [...(openFunctionCalls.get(name) ?? []), id]);
          content.push({
            type: 'tool_call',
            id,
            name,
            arguments: readArguments(fc, `${p}.function_call.arguments`),
          });
        }

        if (!hasValue(raw.content) && toolCalls.length === 0 && !hasValue(raw.function_call) && !refusal) {
          throw missingParam(`${p}.content`);
        }
        out.push({ role: 'assistant', content });
        break;
      }

      case 'tool': {
        const toolCallId = requiredString(raw, 'tool_call_id', `${p}.tool_call_id`);
        const result: ToolResultPart = {
          type: 'tool_result',
          toolCallId,
          content: readTextContent(needContent(), `${p}.content`),
        };
        const name = toolNames.get(toolCallId);
        if (name) result.toolName = name;
        pushToolResult(result);
        break;
      }

      case 'function': {
        const name = requiredString(raw, 'name', `${p}.name`);
        const open = openFunctionCalls.get(name);
        const toolCallId = open?.shift() ?? `function_call_${i}`;
        const text = hasValue(raw.content) ? readTextContent(raw.content, `${p}.content`) : [];
        pushToolResult({ type: 'tool_result', toolCallId, toolName: name, content: text });
        break;
      }
    }
  });
  return out;
}
