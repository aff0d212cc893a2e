// CanonicalRequest -> a Responses API request body, for providers that speak it.
//
// The leading system text becomes `instructions`; later system turns are `system` messages.
// Reasoning the provider made itself (signature origin `openai`) goes back as a reasoning item with
// its encrypted_content; anyone else's reasoning cannot be verified by it and is left out. The
// gateway keeps the conversation, so the provider is asked not to (`store: false`) and to return
// its reasoning state encrypted whenever reasoning is on.
import type {
  AssistantPart,
  CanonicalMessage,
  CanonicalRequest,
  DocumentPart,
  ImagePart,
  TextPart,
  ToolResultPart,
  UpstreamEncodeOptions,
} from '../../canonical/index.js';
import { clampOutputTokens, effortForBudget, nearestEffort, toDataUrl } from '../../canonical/index.js';

type Json = Record<string, unknown>;

function mediaUrl(source: ImagePart['source'] | DocumentPart['source']): string {
  if (source.kind === 'url') return source.url;
  if (source.kind === 'base64') return toDataUrl(source.mediaType, source.data);
  return toDataUrl(source.mediaType, Buffer.from(source.text, 'utf8').toString('base64'));
}

function inputPart(p: TextPart | ImagePart | DocumentPart): Json {
  if (p.type === 'text') return { type: 'input_text', text: p.text };
  if (p.type === 'image') {
    const part: Json = { type: 'input_image', image_url: mediaUrl(p.source) };
    part.detail = p.detail ?? 'auto';
    return part;
  }
  if (p.source.kind === 'text')
    return { type: 'input_text', text: p.title ? `${p.title}\n\n${p.source.text}` : p.source.text };
  if (p.source.kind === 'url') return { type: 'input_file', file_url: p.source.url };
  return {
    type: 'input_file',
    filename: p.filename ?? p.title ?? 'document.pdf',
    file_data: mediaUrl(p.source),
  };
}

function outputItem(r: ToolResultPart): Json {
  const onlyText = r.content.every((c) => c.type === 'text');
  const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  const output = onlyText ? (r.isError && text === '' ? 'error' : text) : r.content.map(inputPart);
  return { type: 'function_call_output', call_id: r.toolCallId, output };
}

function assistantItems(parts: AssistantPart[]): Json[] {
  const out: Json[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') out.push({ role: 'assistant', content: text });
    text = '';
  };
  for (const p of parts) {
    if (p.type === 'text') {
      text += p.text;
      continue;
    }
    flush();
    if (p.type === 'tool_call')
      out.push({ type: 'function_call', call_id: p.id, name: p.name, arguments: p.arguments });
    else if (p.type === 'reasoning' && p.signature && p.signatureOrigin === 'openai')
      out.push({
        type: 'reasoning',
        summary: p.text ? [{ type: 'summary_text', text: p.text }] : [],
        encrypted_content: p.signature,
      });
  }
  flush();
  return out;
}

function inputItems(messages: CanonicalMessage[]): { instructions?: string; input: Json[] } {
  const input: Json[] = [];
  let instructions: string | undefined;
  messages.forEach((m, i) => {
    const text = () => (m.content as TextPart[]).map((p) => p.text).join('\n\n');
    if (m.role === 'system') {
      if (i === 0) instructions = text();
      else input.push({ role: 'system', content: text() });
    } else if (m.role === 'assistant') {
      input.push(...assistantItems(m.content));
    } else if (m.role === 'tool') {
      input.push(...m.content.map(outputItem));
    } else {
      const content: Json[] = [];
      const flush = () => {
        if (content.length > 0) input.push({ role: 'user', content: content.splice(0) });
      };
      for (const p of m.content) {
        if (p.type === 'tool_result') {
          flush();
          input.push(outputItem(p));
        } else content.push(inputPart(p));
      }
      flush();
    }
  });
  return { instructions, input };
}

export function encodeResponsesRequest(req: CanonicalRequest, opts: UpstreamEncodeOptions): Json {
  const { instructions, input } = inputItems(req.messages);
  const body: Json = { model: opts.model };
  if (instructions !== undefined) body.instructions = instructions;
  body.input = input;
  if (req.tools)
    body.tools = req.tools.map((t) => ({
      type: 'function',
      name: t.name,
      description: t.description ?? null,
      parameters: t.parameters,
      // this API's default is strict; a canonical tool is strict only when it says so
      strict: t.strict ?? false,
    }));
  const tc = req.toolChoice;
  if (tc) body.tool_choice = tc.type === 'tool' ? { type: 'function', name: tc.name } : tc.type;
  if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  if (req.maxTokens !== undefined) body.max_output_tokens = clampOutputTokens(req.maxTokens, opts.limits);
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.user !== undefined) body.user = req.user;
  if (req.metadata) body.metadata = req.metadata;
  const rf = req.responseFormat;
  if (rf && rf.type !== 'text') {
    const format: Json =
      rf.type === 'json_object'
        ? { type: 'json_object' }
        : { type: 'json_schema', name: rf.name, schema: rf.schema, strict: rf.strict ?? false };
    if (rf.type === 'json_schema' && rf.description) format.description = rf.description;
    body.text = { format };
  }
  // the target model's limits: no reasoning for a model without it, an effort the model accepts
  const r = opts.limits?.reasoning === false ? undefined : req.reasoning;
  const carriesReasoning = input.some((i) => i.type === 'reasoning');
  if (r?.enabled) {
    const effort = nearestEffort(
      r.effort ?? (r.budgetTokens ? effortForBudget(r.budgetTokens) : 'medium'),
      opts.limits?.efforts,
    );
    body.reasoning = effort === undefined ? { summary: 'auto' } : { effort, summary: 'auto' };
  } else if (r && r.effort === 'none') {
    const effort = nearestEffort('none', opts.limits?.efforts);
    if (effort !== undefined) body.reasoning = { effort };
  }
  body.store = false;
  if (r?.enabled || carriesReasoning) body.include = ['reasoning.encrypted_content'];
  body.stream = opts.stream;
  return body;
}
