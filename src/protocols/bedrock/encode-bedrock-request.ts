// The canonical request as a Converse request body (the model id goes in the URL, not the body).
// - max tokens, temperature, top_p, stop → inferenceConfig;
// - tools → toolConfig.tools (toolSpec with inputSchema.json); tool choice auto / required /
//   a named tool → auto / any / tool; `none` sends no tools (Converse has no "none"), unless the
//   history has tool turns, which Converse accepts only with a toolConfig;
// - Claude models: reasoning → additionalModelRequestFields.thinking with a token budget (the
//   request's, else the shared effort table), max tokens raised above it when needed, and no
//   temperature/top_p (Claude refuses them with thinking); top_k → additionalModelRequestFields;
// - a JSON response format → an instruction at the end of the system prompt (Converse has no
//   response-format field for every model).
import { budgetForEffort, type CanonicalRequest, type UpstreamEncodeOptions } from '../../canonical/index.js';
import type { BedrockConverseRequest, BedrockTool, BedrockToolChoice } from './bedrock-types.js';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';

const MIN_THINKING_BUDGET = 1024;

/** Anthropic's Claude on Bedrock: `anthropic.…`, or a cross-region profile such as `us.anthropic.…` */
export const isBedrockClaude = (modelId: string) => /(^|\.)anthropic\./.test(modelId);

const hasToolBlocks = (req: CanonicalRequest) =>
  req.messages.some((m) => m.content.some((p) => p.type === 'tool_call' || p.type === 'tool_result'));

function toolConfig(req: CanonicalRequest): BedrockConverseRequest['toolConfig'] {
  if (!req.tools?.length) return undefined;
  // Converse refuses toolUse/toolResult blocks without a toolConfig, so with tool turns in the
  // history `none` still sends the tools (without a choice)
  if (req.toolChoice?.type === 'none' && !hasToolBlocks(req)) return undefined;
  const tools: BedrockTool[] = [];
  for (const t of req.tools) {
    tools.push({
      toolSpec: {
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        inputSchema: { json: t.parameters },
      },
    });
    if (t.cacheControl) tools.push({ cachePoint: { type: 'default' } });
  }
  let toolChoice: BedrockToolChoice | undefined;
  if (req.toolChoice?.type === 'auto') toolChoice = { auto: {} };
  else if (req.toolChoice?.type === 'required') toolChoice = { any: {} };
  else if (req.toolChoice?.type === 'tool') toolChoice = { tool: { name: req.toolChoice.name } };
  return toolChoice ? { tools, toolChoice } : { tools };
}

function formatInstruction(req: CanonicalRequest): string | undefined {
  const f = req.responseFormat;
  if (!f || f.type === 'text') return undefined;
  if (f.type === 'json_object') return 'Respond with a single JSON object and nothing else.';
  return `Respond with a single JSON object that matches this JSON Schema, and nothing else:\n${JSON.stringify(f.schema)}`;
}

export function encodeBedrockRequest(
  req: CanonicalRequest,
  opts: UpstreamEncodeOptions,
): BedrockConverseRequest {
  const claude = isBedrockClaude(opts.model);
  const { system, messages } = convertToBedrockMessages(req.messages, { toolResultStatus: claude });
  const instruction = formatInstruction(req);
  if (instruction) system.push({ text: instruction });

  const out: BedrockConverseRequest = { messages };
  if (system.length) out.system = system;
  const tools = toolConfig(req);
  if (tools) out.toolConfig = tools;

  const inference: NonNullable<BedrockConverseRequest['inferenceConfig']> = {};
  const extra: Record<string, unknown> = {};
  const r = req.reasoning;
  const forcedTool = tools?.toolChoice !== undefined && !('auto' in tools.toolChoice);
  const thinking = claude && r?.enabled === true && r.effort !== 'none' && req.maxTokens !== 0 && !forcedTool;
  if (thinking) {
    const budget = Math.max(MIN_THINKING_BUDGET, r.budgetTokens ?? budgetForEffort(r.effort ?? 'medium'));
    const max = req.maxTokens ?? 4096;
    inference.maxTokens = max > budget ? max : budget + max;
    extra.thinking = { type: 'enabled', budget_tokens: budget };
  } else {
    if (req.maxTokens !== undefined) inference.maxTokens = req.maxTokens;
    if (req.temperature !== undefined)
      inference.temperature = claude ? Math.min(Math.max(req.temperature, 0), 1) : req.temperature;
    if (req.topP !== undefined) inference.topP = req.topP;
    if (req.topK !== undefined && claude) extra.top_k = req.topK;
  }
  if (req.stop?.length) inference.stopSequences = req.stop;
  if (Object.keys(inference).length) out.inferenceConfig = inference;
  if (Object.keys(extra).length) out.additionalModelRequestFields = extra;
  return out;
}
