// Canonical stream events -> the Responses API's typed event sequence, as OpenAI sends it:
//
//   response.created, response.in_progress                       (status in_progress, no output)
//   response.output_item.added {reasoning}                        per reasoning item
//     response.reasoning_summary_part.added, …_text.delta…, …_text.done, …_part.done
//   response.output_item.done {reasoning (encrypted_content)}
//   response.output_item.added {message}, response.content_part.added {output_text}
//     response.output_text.delta…, response.output_text.done, response.content_part.done
//   response.output_item.done {message}
//   response.output_item.added {function_call}
//     response.function_call_arguments.delta…, response.function_call_arguments.done
//   response.output_item.done {function_call}
//   response.completed | response.incomplete                      (the whole response, with usage)
//
// Every event carries `sequence_number` 0, 1, 2… An error after the stream began ends it with
// `response.failed` (status failed, `error: {code, message}`), which is what OpenAI sends when
// a response fails mid-way.
import {
  type CanonicalStreamEvent,
  emptyUsage,
  mergeUsage,
  type StopReason,
  type StreamEncoder,
  type StreamEncoderOptions,
  type Usage,
} from '../../canonical/index.js';
import { buildResponsesObject, statusFor } from './build-responses-object.js';
import { callItem, outputText, reasoningItem } from './encode-responses-output.js';
import { toResponsesUsage } from './map-responses-usage.js';
import { carryRedacted, carrySignature } from './reasoning-carrier.js';
import type { ResponsesEcho } from './responses-echo.js';
import { responsesId } from './responses-ids.js';
import { failureCode, responsesEvent } from './responses-sse.js';
import { type ClientToolNames, customInput } from './responses-tool-names.js';
import type {
  ResponsesCustomToolCallItem,
  ResponsesFunctionCallItem,
  ResponsesOutputItem,
  ResponsesResponse,
} from './responses-wire-types.js';

export interface ResponsesStreamEncoderOptions extends StreamEncoderOptions {
  echo: ResponsesEcho;
  /** called with the final response object (completed or incomplete) */
  onComplete?: (response: ResponsesResponse) => void;
  /** custom and namespaced tools of the request, to answer their calls in kind */
  toolNames?: ClientToolNames;
}

type Open =
  | { kind: 'message'; index: number; id: string; text: string }
  | { kind: 'reasoning'; index: number; id: string; text: string; encrypted?: string; summaryOpen: boolean };

interface OpenTool {
  index: number;
  item: ResponsesFunctionCallItem | ResponsesCustomToolCallItem;
  /** the arguments so far (JSON text) */
  args: string;
}

export function createResponsesStreamEncoder(opts: ResponsesStreamEncoderOptions): StreamEncoder {
  const id = opts.id ?? responsesId.response();
  let createdAt = Math.floor(Date.now() / 1000);
  let seq = 0;
  let started = false;
  let closed = false;
  let stop: StopReason | undefined;
  let sawTool = false;
  const usage: Usage = emptyUsage();
  const output: ResponsesOutputItem[] = [];
  let open: Open | undefined;
  const tools = new Map<number, OpenTool>();

  const ev = (type: string, fields: Record<string, unknown>) => responsesEvent(type, seq++, fields);
  const snapshot = (
    status: ResponsesResponse['status'],
    extra: Partial<Parameters<typeof buildResponsesObject>[0]> = {},
  ) =>
    buildResponsesObject(
      { id, createdAt, model: opts.model, status, output: [], usage: null, ...extra },
      opts.echo,
    );

  const start = (): string => {
    if (started) return '';
    started = true;
    const r = snapshot('in_progress');
    return ev('response.created', { response: r }) + ev('response.in_progress', { response: r });
  };

  const closeOpen = (): string => {
    if (!open) return '';
    const o = open;
    open = undefined;
    let s = '';
    if (o.kind === 'message') {
      const part = outputText(o.text);
      s += ev('response.output_text.done', {
        item_id: o.id,
        output_index: o.index,
        content_index: 0,
        text: o.text,
        logprobs: [],
      });
      s += ev('response.content_part.done', { item_id: o.id, output_index: o.index, content_index: 0, part });
      const item = {
        id: o.id,
        type: 'message' as const,
        status: stop === 'max_tokens' ? ('incomplete' as const) : ('completed' as const),
        content: [part],
        role: 'assistant' as const,
      };
      output[o.index] = item;
      return s + ev('response.output_item.done', { output_index: o.index, item });
    }
    if (o.summaryOpen) {
      const part = { type: 'summary_text', text: o.text };
      s += ev('response.reasoning_summary_text.done', {
        item_id: o.id,
        output_index: o.index,
        summary_index: 0,
        text: o.text,
      });
      s += ev('response.reasoning_summary_part.done', {
        item_id: o.id,
        output_index: o.index,
        summary_index: 0,
        part,
      });
    }
    const item = reasoningItem(o.text, o.encrypted, o.id);
    output[o.index] = item;
    return s + ev('response.output_item.done', { output_index: o.index, item });
  };

  const closeTools = (): string => {
    let s = '';
    for (const t of tools.values()) {
      const item = t.item;
      item.status = 'completed';
      if (item.type === 'function_call') {
        s += ev('response.function_call_arguments.done', {
          item_id: item.id,
          output_index: t.index,
          arguments: item.arguments,
        });
      } else {
        item.input = customInput(t.args);
        s += ev('response.custom_tool_call_input.done', {
          item_id: item.id,
          output_index: t.index,
          input: item.input,
        });
      }
      output[t.index] = item;
      s += ev('response.output_item.done', { output_index: t.index, item: { ...item } });
    }
    tools.clear();
    return s;
  };

  const closeAll = () => closeOpen() + closeTools();

  const openReasoning = (): string => {
    if (open?.kind === 'reasoning') return '';
    const s = closeAll();
    const index = output.length;
    const id = responsesId.reasoning();
    output.push(reasoningItem('', undefined, id));
    open = { kind: 'reasoning', index, id, text: '', summaryOpen: false };
    return (
      s +
      ev('response.output_item.added', {
        output_index: index,
        item: { id: open.id, type: 'reasoning', summary: [] },
      })
    );
  };

  const openMessage = (): string => {
    if (open?.kind === 'message') return '';
    const s = closeAll();
    const index = output.length;
    const msgId = responsesId.message();
    output.push({ id: msgId, type: 'message', status: 'in_progress', role: 'assistant', content: [] });
    open = { kind: 'message', index, id: msgId, text: '' };
    return (
      s +
      ev('response.output_item.added', {
        output_index: index,
        item: { id: msgId, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
      }) +
      ev('response.content_part.added', {
        item_id: msgId,
        output_index: index,
        content_index: 0,
        part: outputText(''),
      })
    );
  };

  return {
    encode(e: CanonicalStreamEvent): string {
      if (closed) return '';
      switch (e.type) {
        case 'start':
          if (e.created && !started) createdAt = e.created;
          if (e.usage) mergeUsage(usage, e.usage);
          return start();
        case 'text_delta': {
          if (e.text === '') return '';
          const s = start() + openMessage();
          const o = open as Extract<Open, { kind: 'message' }>;
          o.text += e.text;
          return (
            s +
            ev('response.output_text.delta', {
              item_id: o.id,
              output_index: o.index,
              content_index: 0,
              delta: e.text,
              logprobs: [],
            })
          );
        }
        case 'reasoning_delta': {
          if (e.text === '') return '';
          let s = start() + openReasoning();
          const o = open as Extract<Open, { kind: 'reasoning' }>;
          if (!o.summaryOpen) {
            o.summaryOpen = true;
            s += ev('response.reasoning_summary_part.added', {
              item_id: o.id,
              output_index: o.index,
              summary_index: 0,
              part: { type: 'summary_text', text: '' },
            });
          }
          o.text += e.text;
          return (
            s +
            ev('response.reasoning_summary_text.delta', {
              item_id: o.id,
              output_index: o.index,
              summary_index: 0,
              delta: e.text,
            })
          );
        }
        case 'reasoning_signature': {
          const s = start() + openReasoning();
          (open as Extract<Open, { kind: 'reasoning' }>).encrypted = carrySignature({
            signature: e.signature,
            signatureOrigin: e.origin,
          });
          return s;
        }
        case 'redacted_reasoning': {
          let s = start() + closeAll();
          const index = output.length;
          const item = reasoningItem(
            '',
            carryRedacted({ type: 'redacted_reasoning', data: e.data, origin: e.origin }),
          );
          output.push(item);
          s += ev('response.output_item.added', {
            output_index: index,
            item: { id: item.id, type: 'reasoning', summary: [] },
          });
          return s + ev('response.output_item.done', { output_index: index, item });
        }
        case 'tool_call_start': {
          sawTool = true;
          const s = start() + closeOpen();
          const index = output.length;
          const item = callItem({ id: e.id, name: e.name, arguments: '' }, opts.toolNames, 'in_progress');
          output.push(item);
          tools.set(e.toolIndex, { index, item, args: '' });
          return s + ev('response.output_item.added', { output_index: index, item: { ...item } });
        }
        case 'tool_call_delta': {
          const t = tools.get(e.toolIndex);
          if (!t || e.argumentsDelta === '') return '';
          t.args += e.argumentsDelta;
          // a custom tool's input is known once its arguments are whole (at the done event)
          if (t.item.type !== 'function_call') return '';
          t.item.arguments += e.argumentsDelta;
          return ev('response.function_call_arguments.delta', {
            item_id: t.item.id,
            output_index: t.index,
            delta: e.argumentsDelta,
          });
        }
        case 'usage':
          mergeUsage(usage, e.usage);
          return '';
        case 'finish':
          stop = e.stopReason;
          return '';
        case 'error': {
          closed = true;
          const failed = snapshot('failed', {
            output: output.filter((o) => o.type !== 'message' || o.status !== 'in_progress'),
            error: { code: failureCode(e.error.kind), message: e.error.message },
          });
          return start() + ev('response.failed', { response: failed });
        }
        default:
          return '';
      }
    },

    finish(): string {
      if (closed) return '';
      closed = true;
      let s = start() + closeAll();
      const reason = stop ?? (sawTool ? 'tool_use' : 'end_turn');
      const status = statusFor(reason);
      const response = snapshot(status.status, {
        ...status,
        output,
        usage: toResponsesUsage(usage),
      });
      opts.onComplete?.(response);
      s += ev(status.status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
      return s;
    },

    keepAlive: () => ': keep-alive\n\n',
  };
}
