// Decides, deterministically from the request, what the simulator answers: a tool call when
// tools are offered and the turn does not already carry a tool result, otherwise text that
// echoes the prompt (JSON when structured output is asked for), with reasoning for reasoning models.
import { createHash } from 'node:crypto';
import type { CanonicalRequest, StopReason, ToolResultPart } from '../../canonical/types.js';
import { valueFromSchema } from './value-from-schema.js';

export interface SimToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface SimPlan {
  reasoning?: { text: string; signature: string };
  text: string;
  toolCalls: SimToolCall[];
  stopReason: StopReason;
  stopSequence?: string;
}

const shorten = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}…` : s);

function lastToolResult(req: CanonicalRequest): ToolResultPart | undefined {
  const last = req.messages[req.messages.length - 1];
  if (!last || (last.role !== 'tool' && last.role !== 'user')) return undefined;
  for (let i = last.content.length - 1; i >= 0; i--) {
    const p = last.content[i]!;
    if (p.type === 'tool_result') return p;
  }
  return undefined;
}

function lastUserText(req: CanonicalRequest): { text: string; images: number; documents: number } {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i]!;
    if (m.role !== 'user') continue;
    let text = '';
    let images = 0;
    let documents = 0;
    for (const p of m.content) {
      if (p.type === 'text') text += (text ? ' ' : '') + p.text;
      else if (p.type === 'image') images++;
      else if (p.type === 'document') documents++;
    }
    return { text, images, documents };
  }
  return { text: '', images: 0, documents: 0 };
}

function digest(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function planAnswer(req: CanonicalRequest, modelId: string, reasoningModel: boolean): SimPlan {
  const seed = digest(JSON.stringify(req.messages));
  const toolResult = lastToolResult(req);
  const user = lastUserText(req);
  const plan: SimPlan = { text: '', toolCalls: [], stopReason: 'end_turn' };

  if (reasoningModel && req.reasoning?.enabled !== false) {
    plan.reasoning = {
      text: `The user asked: "${shorten(user.text, 120)}". I will answer briefly (simulated reasoning).`,
      signature: `sim-signature-${seed.slice(0, 32)}`,
    };
  }

  const tools = req.tools ?? [];
  const choice = req.toolChoice ?? { type: 'auto' };
  if (tools.length > 0 && choice.type !== 'none' && !toolResult) {
    const tool = choice.type === 'tool' ? tools.find((t) => t.name === choice.name) : tools[0];
    if (tool) {
      const calls = [tool];
      // parallel tool calls when allowed and more tools are on offer
      if (
        choice.type !== 'tool' &&
        req.parallelToolCalls !== false &&
        tools.length > 1 &&
        /\band\b/i.test(user.text)
      )
        calls.push(tools[1]!);
      plan.toolCalls = calls.map((t, i) => ({
        id: `call_sim${seed.slice(i * 8, i * 8 + 20)}`,
        name: t.name,
        arguments: JSON.stringify(valueFromSchema(t.parameters)),
      }));
      plan.stopReason = 'tool_use';
      return plan;
    }
  }

  if (toolResult) {
    const text = toolResult.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join(' ');
    plan.text = `(simulated) The tool ${toolResult.toolName ?? 'call'} returned: ${shorten(text)}`;
  } else if (req.responseFormat?.type === 'json_schema') {
    plan.text = JSON.stringify(valueFromSchema(req.responseFormat.schema));
  } else if (req.responseFormat?.type === 'json_object') {
    plan.text = JSON.stringify({ simulated: true, echo: shorten(user.text) });
  } else {
    const media: string[] = [];
    if (user.images) media.push(`${user.images} image${user.images > 1 ? 's' : ''}`);
    if (user.documents) media.push(`${user.documents} document${user.documents > 1 ? 's' : ''}`);
    plan.text =
      `(simulated) You said: "${shorten(user.text)}". ` +
      (media.length ? `I received ${media.join(' and ')}. ` : '') +
      `This answer comes from Switchyard's built-in simulator (${modelId}), not a real model: ` +
      'set a provider key such as OPENAI_API_KEY to reach a real one.';
  }

  for (const s of req.stop ?? []) {
    const at = s ? plan.text.indexOf(s) : -1;
    if (at >= 0) {
      plan.text = plan.text.slice(0, at);
      plan.stopReason = 'stop_sequence';
      plan.stopSequence = s;
    }
  }
  return plan;
}
