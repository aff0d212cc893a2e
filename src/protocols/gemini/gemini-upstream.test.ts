import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { validateGemini } from '../../../test/schemas/gemini.js';
import type { AssistantPart, CanonicalRequest, CanonicalStreamEvent } from '../../canonical/index.js';
import { geminiUpstream } from './index.js';

const FIXTURES = new URL('../../../../shared/data/fixtures/google/generate-content/', import.meta.url);
const fixtureText = (file: string) => readFileSync(new URL(file, FIXTURES), 'utf8');

/** Folds stream events into assistant parts the way a client encoder keeps blocks. */
function foldStream(events: CanonicalStreamEvent[]): AssistantPart[] {
  const parts: AssistantPart[] = [];
  const calls = new Map<number, Extract<AssistantPart, { type: 'tool_call' }>>();
  for (const ev of events) {
    const last = parts[parts.length - 1];
    if (ev.type === 'text_delta') {
      if (last?.type === 'text') last.text += ev.text;
      else parts.push({ type: 'text', text: ev.text });
    } else if (ev.type === 'reasoning_delta') {
      if (last?.type === 'reasoning' && !last.signature) last.text += ev.text;
      else parts.push({ type: 'reasoning', text: ev.text });
    } else if (ev.type === 'reasoning_signature') {
      const origin = ev.origin ? { signatureOrigin: ev.origin } : {};
      if (last?.type === 'reasoning' && !last.signature)
        Object.assign(last, { signature: ev.signature, ...origin });
      else parts.push({ type: 'reasoning', text: '', signature: ev.signature, ...origin });
    } else if (ev.type === 'tool_call_start') {
      const call = { type: 'tool_call' as const, id: ev.id, name: ev.name, arguments: '' };
      calls.set(ev.toolIndex, call);
      parts.push(call);
    } else if (ev.type === 'tool_call_delta') {
      calls.get(ev.toolIndex)!.arguments += ev.argumentsDelta;
    }
  }
  return parts;
}

function decodeStream(file: string): CanonicalStreamEvent[] {
  const decoder = geminiUpstream.createStreamDecoder();
  const events = fixtureText(file)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((data) => decoder.decode({ data }));
  return [...events, ...decoder.finish()];
}

function nextTurn(assistant: AssistantPart[], results: Array<[string, string]>): CanonicalRequest {
  return {
    model: 'client-model',
    stream: false,
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Go.' }] },
      { role: 'assistant', content: assistant },
      {
        role: 'tool',
        content: results.map(([toolCallId, text]) => ({
          type: 'tool_result',
          toolCallId,
          content: [{ type: 'text', text }],
        })),
      },
    ],
  };
}

describe('geminiUpstream round trips (decode, then send the turn back)', () => {
  test('google-tool-call.json: the call goes back with its signature and the result with its name', () => {
    const raw = JSON.parse(fixtureText('google-tool-call.json'));
    const res = geminiUpstream.decodeResponse(raw);
    const call = res.content.find((p) => p.type === 'tool_call')!;
    const body = geminiUpstream.encodeRequest(nextTurn(res.content, [[call.id, '{"temperature":18}']]), {
      model: 'gemini-3-pro-preview',
      stream: false,
    }) as { contents: unknown[] };
    assert.deepEqual(validateGemini('generateContentRequest', body), []);
    assert.deepEqual(body.contents.slice(1), [
      { role: 'model', parts: [raw.candidates[0].content.parts[0]] },
      { role: 'user', parts: [{ functionResponse: { name: 'weather', response: { temperature: 18 } } }] },
    ]);
  });

  test('google-stream-no-args-tool-call: parallel calls, only the first signed, as Gemini sent them', () => {
    const assistant = foldStream(decodeStream('google-stream-no-args-tool-call.chunks.txt'));
    const calls = assistant.filter((p) => p.type === 'tool_call');
    assert.equal(calls.length, 4);
    const body = geminiUpstream.encodeRequest(
      nextTurn(
        assistant,
        calls.map((c) => [c.id, 'ok']),
      ),
      { model: 'gemini-3-flash-preview', stream: true },
    ) as { contents: Array<{ role: string; parts: unknown[] }> };
    assert.deepEqual(validateGemini('generateContentRequest', body), []);

    const recorded = fixtureText('google-stream-no-args-tool-call.chunks.txt')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const signature = recorded[1].candidates[0].content.parts[0].thoughtSignature;
    assert.deepEqual(body.contents[1], {
      role: 'model',
      parts: [
        { functionCall: { name: 'read_theme', args: {} }, thoughtSignature: signature },
        { functionCall: { name: 'read_screen', args: { id: 'A' } } },
        { functionCall: { name: 'read_screen', args: { id: 'B' } } },
        { functionCall: { name: 'read_screen', args: { id: 'C' } } },
      ],
    });
    assert.deepEqual(
      body.contents[2]!.parts,
      ['read_theme', 'read_screen', 'read_screen', 'read_screen'].map((name) => ({
        functionResponse: { name, response: { content: 'ok' } },
      })),
    );
  });

  test('google-text stream: the trailing signature goes back on the text part', () => {
    const assistant = foldStream(decodeStream('google-text.chunks.txt'));
    const body = geminiUpstream.encodeRequest(
      {
        model: 'm',
        stream: false,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'How many r in strawberry?' }] },
          { role: 'assistant', content: assistant },
          { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
        ],
      },
      { model: 'gemini-3-pro-preview', stream: false },
    ) as { contents: Array<{ parts: Array<{ text?: string; thoughtSignature?: string }> }> };
    assert.deepEqual(validateGemini('generateContentRequest', body), []);
    const modelTurn = body.contents[1]!.parts;
    assert.equal(modelTurn.length, 1);
    assert.equal(modelTurn[0]!.text, 'There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    assert.ok(modelTurn[0]!.thoughtSignature && modelTurn[0]!.thoughtSignature.length > 100);
  });
});
