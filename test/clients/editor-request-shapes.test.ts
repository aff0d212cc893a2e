// Cursor and Cline are GUI editors and cannot run here, so their requests are reproduced with raw
// fetch, in the shapes their sources and captures show, and sent to the base URLs docs/clients.md
// tells users to set. The answers are read the way the editor reads them.
//
// Sources:
// - Cline "OpenAI Compatible": cline/cline src/core/api/providers/openai.ts — the openai SDK with
//   baseURL = the configured Base URL, chat.completions.create({model, messages: [{role: 'system'},
//   ...], temperature: 0, stream: true, stream_options: {include_usage: true}, tools}); reasoning-family
//   ids (o1/o3/o4/gpt-5) send the system prompt as role `developer`, reasoning_effort, no temperature.
// - Cline "Anthropic": cline/cline src/core/api/providers/anthropic.ts — the Anthropic SDK with baseURL =
//   the custom base URL; a Claude model id from its own list, max_tokens 8192, temperature 0, system as a
//   block with cache_control, cache_control on the last user turns, stream: true, tools, tool_choice any;
//   `anthropic-beta: context-1m-2025-08-07` for the 1M-context Sonnet variant.
// - Cursor (Settings → Models → OpenAI API Key + Override OpenAI Base URL): its backend POSTs
//   {base}/chat/completions with stream: true, stream_options.include_usage, `user`, function tools, and
//   sends assistant tool-call turns with `content: []` (captured traffic, archestra-ai/archestra#7375);
//   Agent mode on GPT-5-class models sends a Responses-API body to /chat/completions
//   (forum.cursor.com/t/159298).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  type Harness,
  MASTER_KEY,
  startHarness,
  UPSTREAM_MODELS,
  type UpstreamName,
} from '../e2e/harness.js';
import { collectChatStream, collectMessagesStream } from './collect-streams.js';

const DOC = readFileSync(new URL('../../docs/clients.md', import.meta.url), 'utf8');
/** the addresses the doc gives the gateway: local, and public (Cursor calls from its own servers) */
const DOC_GATEWAY = 'http://127.0.0.1:4000';
const DOC_PUBLIC_GATEWAY = 'https://switchyard.example.com';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** the doc's base URL for a client, pointed at the test gateway */
function documentedBase(section: string, base: string): string {
  const start = DOC.indexOf(`## ${section}`);
  assert.ok(start >= 0, `docs/clients.md has a "## ${section}" section`);
  const end = DOC.indexOf('\n## ', start + 1);
  assert.ok(
    DOC.slice(start, end < 0 ? undefined : end).includes(base),
    `the ${section} section names ${base}`,
  );
  return base.replace(DOC_GATEWAY, h.url).replace(DOC_PUBLIC_GATEWAY, h.url);
}

const readFileTool = {
  type: 'function',
  function: {
    name: 'read_file',
    description: 'Read a file of the workspace',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
};

async function post(url: string, headers: Record<string, string>, body: unknown) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', text: await r.text() };
}

describe('Cursor (OpenAI API key + Override OpenAI Base URL)', () => {
  for (const upstream of Object.keys(UPSTREAM_MODELS) as UpstreamName[]) {
    const model = UPSTREAM_MODELS[upstream];
    test(`${model}: a streamed tool call, then the answer after its result`, async () => {
      const base = documentedBase('Cursor', `${DOC_PUBLIC_GATEWAY}/v1`);
      const auth = { authorization: `Bearer ${MASTER_KEY}` };
      const system = { role: 'system', content: 'You are a coding assistant in the user’s editor.' };
      const ask = { role: 'user', content: 'What does a.py print?' };
      const common = { model, stream: true, stream_options: { include_usage: true }, user: 'cursor-user-1' };

      const first = await post(`${base}/chat/completions`, auth, {
        ...common,
        messages: [system, ask],
        tools: [readFileTool],
      });
      assert.equal(first.status, 200, first.text);
      assert.match(first.contentType, /^text\/event-stream/);
      const turn1 = collectChatStream(first.text);
      assert.equal(turn1.finish, 'tool_calls');
      const call = turn1.toolCalls[0]!;
      assert.equal(call.name, 'read_file');
      assert.equal(typeof JSON.parse(call.arguments).path, 'string');
      assert.ok(turn1.inputTokens > 0 && turn1.outputTokens > 0, JSON.stringify(turn1));

      const second = await post(`${base}/chat/completions`, auth, {
        ...common,
        messages: [
          system,
          ask,
          // Cursor sends an empty content array on assistant tool-call turns
          {
            role: 'assistant',
            content: [],
            tool_calls: [
              { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
            ],
          },
          { role: 'tool', tool_call_id: call.id, content: 'print(42)' },
        ],
        tools: [readFileTool],
      });
      assert.equal(second.status, 200, second.text);
      const turn2 = collectChatStream(second.text);
      assert.equal(turn2.finish, 'stop');
      assert.match(turn2.text, upstream === 'sim' ? /print\(42\)/ : /^Tool result received: print\(42\)/);
      assert.ok(turn2.outputTokens > 0);
    });
  }

  test('a Responses-API body sent to /chat/completions (Agent mode, GPT-5 models): a clear 400', async () => {
    const r = await post(
      `${h.url}/v1/chat/completions`,
      { authorization: `Bearer ${MASTER_KEY}` },
      {
        model: 'openai/gpt-4o-mini',
        input: [{ role: 'user', content: 'Hello' }],
        stream: true,
        stream_options: { include_usage: true },
        reasoning: { effort: 'medium', summary: 'auto' },
      },
    );
    assert.equal(r.status, 400);
    const err = JSON.parse(r.text).error;
    assert.equal(err.type, 'invalid_request_error');
    assert.equal(err.param, 'messages');
  });

  test('its ApplyPatch custom tool on a model of another protocol: a clear 400 naming the tool', async () => {
    const r = await post(
      `${h.url}/v1/chat/completions`,
      { authorization: `Bearer ${MASTER_KEY}` },
      {
        model: 'anthropic/claude-haiku-4-5',
        stream: true,
        messages: [{ role: 'user', content: 'Fix the bug' }],
        tools: [
          readFileTool,
          {
            type: 'custom',
            name: 'ApplyPatch',
            format: { type: 'grammar', definition: 'start: /.+/', syntax: 'lark' },
          },
        ],
      },
    );
    assert.equal(r.status, 400);
    const err = JSON.parse(r.text).error;
    assert.equal(err.type, 'invalid_request_error');
    assert.equal(err.param, 'tools[1].type');
  });
});

describe('Cline, API provider "OpenAI Compatible"', () => {
  for (const upstream of Object.keys(UPSTREAM_MODELS) as UpstreamName[]) {
    const model = UPSTREAM_MODELS[upstream];
    test(`${model}: streamed tool call and answer, with Cline's custom headers`, async () => {
      const base = documentedBase('Cline', `${DOC_GATEWAY}/v1`);
      const headers = {
        authorization: `Bearer ${MASTER_KEY}`,
        // Cline's "Custom Headers" setting: here, a fallback for every call
        'x-switchyard-fallbacks': 'sim/fast',
      };
      const system = { role: 'system', content: 'You are Cline, a software engineer.' };
      const task = { role: 'user', content: '<task>Read a.py</task>' };
      const common = { model, temperature: 0, stream: true, stream_options: { include_usage: true } };
      const first = await post(`${base}/chat/completions`, headers, {
        ...common,
        messages: [system, task],
        tools: [readFileTool],
      });
      assert.equal(first.status, 200, first.text);
      const turn1 = collectChatStream(first.text);
      const call = turn1.toolCalls[0]!;
      assert.equal(call.name, 'read_file');
      const second = await post(`${base}/chat/completions`, headers, {
        ...common,
        messages: [
          system,
          task,
          {
            role: 'assistant',
            content: '',
            tool_calls: [
              { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } },
            ],
          },
          { role: 'tool', tool_call_id: call.id, content: 'print(42)' },
        ],
        tools: [readFileTool],
      });
      assert.equal(second.status, 200, second.text);
      const turn2 = collectChatStream(second.text);
      assert.match(turn2.text, upstream === 'sim' ? /print\(42\)/ : /^Tool result received: print\(42\)/);
      assert.ok(turn2.inputTokens > 0 && turn2.outputTokens > 0);
    });
  }

  test('a reasoning-family model id: system prompt as `developer`, reasoning_effort, no temperature', async () => {
    const base = documentedBase('Cline', `${DOC_GATEWAY}/v1`);
    for (const model of ['openai/gpt-5-mini', 'anthropic/claude-haiku-4-5']) {
      const r = await post(
        `${base}/chat/completions`,
        { authorization: `Bearer ${MASTER_KEY}` },
        {
          model,
          messages: [
            { role: 'developer', content: 'You are Cline, a software engineer.' },
            { role: 'user', content: 'Say hello' },
          ],
          reasoning_effort: 'medium',
          stream: true,
          stream_options: { include_usage: true },
        },
      );
      assert.equal(r.status, 200, `${model}: ${r.text}`);
      assert.match(collectChatStream(r.text).text, /Say hello/);
    }
  });
});

describe('Cline, API provider "Anthropic" with a custom base URL', () => {
  test('a Claude model id from its list, cached system block, tool_choice any: tool call and answer', async () => {
    const base = documentedBase('Cline', DOC_GATEWAY);
    const headers = { 'x-api-key': MASTER_KEY, 'anthropic-version': '2023-06-01' };
    const system = [{ type: 'text', text: 'You are Cline.', cache_control: { type: 'ephemeral' } }];
    const tools = [
      {
        name: 'read_file',
        description: 'Read a file of the workspace',
        input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
      },
    ];
    const task = {
      role: 'user',
      content: [{ type: 'text', text: '<task>Read a.py</task>', cache_control: { type: 'ephemeral' } }],
    };
    const common = {
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 8192,
      temperature: 0,
      system,
      stream: true,
      tools,
      tool_choice: { type: 'any' },
    };
    const before = h.anthropicUp.requests.length;
    const first = await post(`${base}/v1/messages`, headers, { ...common, messages: [task] });
    assert.equal(first.status, 200, first.text);
    const turn1 = collectMessagesStream(first.text);
    assert.equal(turn1.finish, 'tool_use');
    const call = turn1.toolCalls[0]!;
    assert.equal(call.name, 'read_file');
    // same protocol: passed through, cache_control included
    const sent = h.anthropicUp.requests[before]!.body as { system: unknown; messages: unknown[] };
    assert.deepEqual(sent.system, system);

    const second = await post(`${base}/v1/messages`, headers, {
      ...common,
      messages: [
        task,
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: call.id, name: call.name, input: JSON.parse(call.arguments) }],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: call.id,
              content: 'print(42)',
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
      ],
    });
    assert.equal(second.status, 200, second.text);
    const turn2 = collectMessagesStream(second.text);
    assert.match(turn2.text, /^Tool result received: print\(42\)/);
    assert.ok(turn2.inputTokens > 0 && turn2.outputTokens > 0);
  });

  test('the 1M-context Sonnet variant: anthropic-beta reaches the provider', async () => {
    const base = documentedBase('Cline', DOC_GATEWAY);
    const before = h.anthropicUp.requests.length;
    const r = await post(
      `${base}/v1/messages`,
      {
        'x-api-key': MASTER_KEY,
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'context-1m-2025-08-07',
      },
      {
        model: 'claude-sonnet-4-5-20250929',
        max_tokens: 8192,
        stream: true,
        messages: [{ role: 'user', content: 'Hello' }],
      },
    );
    assert.equal(r.status, 200, r.text);
    assert.equal(collectMessagesStream(r.text).text, 'Echo: Hello');
    assert.equal(h.anthropicUp.requests[before]!.headers['anthropic-beta'], 'context-1m-2025-08-07');
  });
});
