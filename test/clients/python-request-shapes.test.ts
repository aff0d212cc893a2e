// The Python blocks of docs/clients.md cannot run here (no Python packages), so this test reads
// each block's base URL and model from the doc and sends what that library sends to the URL it
// builds from them: a wrong base URL in the doc (e.g. /v1 given to the Anthropic SDK, which adds its
// own) fails here.
//
// What each library sends (from their sources):
// - openai-python: POST {base_url}/chat/completions, `Authorization: Bearer`, X-Stainless-* headers,
//   `extra_body` merged into the top level of the JSON body; streams with `stream: true`.
// - anthropic-python: POST {base_url}/v1/messages, `x-api-key`, `anthropic-version: 2023-06-01`;
//   `messages.stream()` is the same call with `stream: true`.
// - langchain-openai ChatOpenAI(base_url=...) is openai-python; langchain-anthropic
//   ChatAnthropic(base_url=...) is anthropic-python (max_tokens 1024 unless set).
// - llama-index OpenAILike(api_base=..., is_chat_model=True) is openai-python's chat.completions.
// - google-genai: POST {base_url}/v1beta/models/{model}:generateContent with `x-goog-api-key`,
//   `contents` as [{role: 'user', parts: [{text}]}]; generate_content_stream calls
//   :streamGenerateContent?alt=sse.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type Harness, MASTER_KEY, startHarness } from '../e2e/harness.js';
import { parseSseText } from '../fakes/parse-sse-text.js';
import { collectChatStream, collectMessagesStream } from './collect-streams.js';
import { docBlocks } from './doc-example-blocks.js';

const DOC_GATEWAY = 'http://127.0.0.1:4000';
const blocks = docBlocks(readFileSync(new URL('../../docs/clients.md', import.meta.url), 'utf8')).filter(
  (b) => b.marker === 'python',
);

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

/** a keyword argument's string value in a constructor call of the block, e.g. ChatOpenAI(base_url="…") */
function kwarg(code: string, call: string, name: string): string {
  const m = new RegExp(`${call}\\(([^)]*)\\)`, 's').exec(code);
  assert.ok(m, `the block calls ${call}(...)`);
  const v = new RegExp(`\\b${name}="([^"]+)"`).exec(m[1]!);
  assert.ok(v, `${call}(...) has ${name}="..."`);
  return v[1]!;
}

const block = (name: string) => {
  const b = blocks.find((x) => x.name === name);
  assert.ok(b, `docs/clients.md has a <!-- python: ${name} --> block`);
  assert.equal(b.lang, 'python');
  return b.code;
};

const onGateway = (base: string) => {
  assert.ok(base.startsWith(DOC_GATEWAY), base);
  return h.url + base.slice(DOC_GATEWAY.length);
};

const openaiPythonHeaders = {
  authorization: `Bearer ${MASTER_KEY}`,
  'content-type': 'application/json',
  accept: 'application/json',
  'user-agent': 'OpenAI/Python 1.109.1',
  'x-stainless-lang': 'python',
  'x-stainless-package-version': '1.109.1',
  'x-stainless-runtime': 'CPython',
};
const anthropicPythonHeaders = {
  'x-api-key': MASTER_KEY,
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
  accept: 'application/json',
  'user-agent': 'Anthropic/Python 0.69.0',
  'x-stainless-lang': 'python',
};

async function post(url: string, headers: Record<string, string>, body: unknown) {
  const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: r.status, text: await r.text(), headers: r.headers };
}

describe('Python blocks of docs/clients.md, by request shape', () => {
  test('every Python block is covered here', () => {
    assert.deepEqual(blocks.map((b) => b.name).sort(), [
      'anthropic',
      'google-genai',
      'langchain',
      'llamaindex',
      'openai',
    ]);
  });

  test('openai: chat.completions with extra_body fallbacks, then a stream with usage', async () => {
    const code = block('openai');
    const base = onGateway(kwarg(code, 'OpenAI', 'base_url'));
    const model = kwarg(code, 'chat.completions.create', 'model');
    const fallbacks = /extra_body=\{"models": \[([^\]]*)\]\}/.exec(code);
    assert.ok(fallbacks, 'the block passes fallbacks in extra_body');
    const models = JSON.parse(`[${fallbacks[1]}]`) as string[];
    const r = await post(`${base}/chat/completions`, openaiPythonHeaders, {
      messages: [{ role: 'user', content: 'Say hello' }],
      model,
      models, // extra_body's keys land at the top level
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).choices[0].message.content, 'Echo: Say hello');
    assert.equal(r.headers.get('x-switchyard-model'), model);

    const s = await post(`${base}/chat/completions`, openaiPythonHeaders, {
      messages: [{ role: 'user', content: 'Stream a greeting' }],
      model,
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(s.status, 200, s.text);
    const answer = collectChatStream(s.text);
    assert.equal(answer.text, 'Echo: Stream a greeting');
    assert.ok(answer.outputTokens > 0);
  });

  test('anthropic: messages.create, then messages.stream', async () => {
    const code = block('anthropic');
    const base = onGateway(kwarg(code, 'Anthropic', 'base_url'));
    const model = kwarg(code, 'messages.create', 'model');
    const r = await post(`${base}/v1/messages`, anthropicPythonHeaders, {
      max_tokens: 512,
      messages: [{ role: 'user', content: 'Say hello' }],
      model,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).content[0].text, 'Echo: Say hello');

    const s = await post(`${base}/v1/messages`, anthropicPythonHeaders, {
      max_tokens: 512,
      messages: [{ role: 'user', content: 'Stream a greeting' }],
      model: kwarg(code, 'messages.stream', 'model'),
      stream: true,
    });
    assert.equal(s.status, 200, s.text);
    assert.equal(collectMessagesStream(s.text).text, 'Echo: Stream a greeting');
  });

  test('langchain: ChatOpenAI.invoke and ChatAnthropic.stream', async () => {
    const code = block('langchain');
    const openaiBase = onGateway(kwarg(code, 'ChatOpenAI', 'base_url'));
    const r = await post(`${openaiBase}/chat/completions`, openaiPythonHeaders, {
      messages: [{ role: 'user', content: 'Say hello' }],
      model: kwarg(code, 'ChatOpenAI', 'model'),
      stream: false,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).choices[0].message.content, 'Echo: Say hello');

    const anthropicBase = onGateway(kwarg(code, 'ChatAnthropic', 'base_url'));
    const s = await post(`${anthropicBase}/v1/messages`, anthropicPythonHeaders, {
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Stream a greeting' }],
      model: kwarg(code, 'ChatAnthropic', 'model'),
      stream: true,
    });
    assert.equal(s.status, 200, s.text);
    assert.equal(collectMessagesStream(s.text).text, 'Echo: Stream a greeting');
  });

  test('llamaindex: OpenAILike(is_chat_model=True).chat', async () => {
    const code = block('llamaindex');
    assert.match(code, /is_chat_model=True/, 'without it OpenAILike calls /completions');
    const base = onGateway(kwarg(code, 'OpenAILike', 'api_base'));
    const r = await post(`${base}/chat/completions`, openaiPythonHeaders, {
      messages: [{ role: 'user', content: 'Say hello' }],
      model: kwarg(code, 'OpenAILike', 'model'),
      stream: false,
      temperature: 0.1,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).choices[0].message.content, 'Echo: Say hello');
  });

  test('google-genai: generate_content, then generate_content_stream', async () => {
    const code = block('google-genai');
    const base = onGateway(/base_url="([^"]+)"/.exec(code)?.[1] ?? '');
    const model = kwarg(code, 'generate_content', 'model');
    const headers = { 'x-goog-api-key': MASTER_KEY, 'content-type': 'application/json' };
    const r = await post(`${base}/v1beta/models/${model}:generateContent`, headers, {
      contents: [{ role: 'user', parts: [{ text: 'Say hello' }] }],
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(JSON.parse(r.text).candidates[0].content.parts[0].text, 'Echo: Say hello');

    const streamModel = kwarg(code, 'generate_content_stream', 'model');
    const s = await post(`${base}/v1beta/models/${streamModel}:streamGenerateContent?alt=sse`, headers, {
      contents: [{ role: 'user', parts: [{ text: 'Stream a greeting' }] }],
    });
    assert.equal(s.status, 200, s.text);
    const text = parseSseText(s.text)
      .map((e) => JSON.parse(e.data) as { candidates?: { content?: { parts?: { text?: string }[] } }[] })
      .map((c) => c.candidates?.[0]?.content?.parts?.map((p) => p.text ?? '').join('') ?? '')
      .join('');
    assert.equal(text, 'Echo: Stream a greeting');
  });
});
