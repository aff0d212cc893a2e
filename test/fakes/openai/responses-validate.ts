// The checks api.openai.com makes on a POST /v1/responses body that a gateway could get wrong,
// with OpenAI's error wording.
import type { Reply } from '../fake-upstream-types.js';
import { invalidRequest } from './openai-errors.js';

const ITEM_TYPES = ['message', 'function_call', 'function_call_output', 'reasoning', 'item_reference'];
const EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

function checkItem(item: any, i: number): Reply | undefined {
  const p = `input[${i}]`;
  if (typeof item !== 'object' || item === null)
    return invalidRequest(`Invalid type for '${p}': expected an object.`, p);
  const type = item.type ?? 'message';
  if (!ITEM_TYPES.includes(type))
    return invalidRequest(
      `Invalid value: '${type}'. Supported values are: ${ITEM_TYPES.map((t) => `'${t}'`).join(', ')}.`,
      `${p}.type`,
      'invalid_value',
    );
  if (type === 'message' && !['user', 'assistant', 'system', 'developer'].includes(item.role))
    return invalidRequest(`Invalid value: '${item.role}'.`, `${p}.role`, 'invalid_value');
  if (
    type === 'function_call' &&
    (typeof item.call_id !== 'string' || typeof item.name !== 'string' || typeof item.arguments !== 'string')
  )
    return invalidRequest(
      `Missing required parameter: '${p}.call_id'.`,
      `${p}.call_id`,
      'missing_required_parameter',
    );
  if (type === 'function_call_output' && typeof item.call_id !== 'string')
    return invalidRequest(
      `Missing required parameter: '${p}.call_id'.`,
      `${p}.call_id`,
      'missing_required_parameter',
    );
  if (type === 'reasoning' && !Array.isArray(item.summary))
    return invalidRequest(
      `Missing required parameter: '${p}.summary'.`,
      `${p}.summary`,
      'missing_required_parameter',
    );
  return undefined;
}

export function validateResponsesRequest(body: unknown): Reply | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return invalidRequest('We could not parse the JSON body of your request.');
  const b = body as Record<string, any>;
  if (typeof b.model !== 'string' || b.model === '')
    return invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  if (typeof b.input !== 'string' && !Array.isArray(b.input) && b.previous_response_id === undefined)
    return invalidRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  if (Array.isArray(b.input)) {
    for (const [i, item] of b.input.entries()) {
      const bad = checkItem(item, i);
      if (bad) return bad;
    }
  }
  for (const [i, tool] of (b.tools ?? []).entries()) {
    if (tool?.type === 'function' && typeof tool.name !== 'string')
      return invalidRequest(
        `Missing required parameter: 'tools[${i}].name'.`,
        `tools[${i}].name`,
        'missing_required_parameter',
      );
  }
  if (b.reasoning?.effort !== undefined && !EFFORTS.includes(b.reasoning.effort))
    return invalidRequest(`Invalid value: '${b.reasoning.effort}'.`, 'reasoning.effort', 'invalid_value');
  if (
    b.max_output_tokens !== undefined &&
    (!Number.isInteger(b.max_output_tokens) || b.max_output_tokens < 16)
  )
    return invalidRequest(
      `Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${b.max_output_tokens} instead.`,
      'max_output_tokens',
      'integer_below_min_value',
    );
  if (b.text?.format?.type === 'json_schema' && typeof b.text.format.name !== 'string')
    return invalidRequest(
      "Missing required parameter: 'text.format.name'.",
      'text.format.name',
      'missing_required_parameter',
    );
  return undefined;
}
