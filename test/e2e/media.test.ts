// The media and legacy endpoints through the official OpenAI SDK (images, transcriptions with a
// real WAV file, speech, legacy completions whole and streamed) and raw fetch for rerank, against
// faithful fakes (OpenAI media, Cohere v2, Jina, Voyage), the Anthropic fake (completions on a
// chat model) and the simulator.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { fakeWav } from '../fakes/openai/start-fake-openai-media.js';
import { MASTER_KEY } from './harness.js';
import { type MediaHarness, startMediaHarness } from './media-harness.js';

let m: MediaHarness;
let client: OpenAI;
before(async () => {
  // a few attempts, so a failed provider can hand over to a fallback
  m = await startMediaHarness({ config: { retries: { max_attempts: 3 } } });
  client = m.h.openai();
});
after(async () => {
  await m?.close();
});

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const status400 = (e: unknown) => e instanceof OpenAI.APIError && e.status === 400;

describe('images', () => {
  test('OpenAI upstream: the body passes through with the upstream model name; the answer as written', async () => {
    const r = await client.images.generate({
      model: 'openai/dall-e-3',
      prompt: 'a lighthouse',
      n: 1,
      size: '1024x1024',
    });
    assert.equal(r.data!.length, 1);
    assert.ok(Buffer.from(r.data![0]!.b64_json!, 'base64').subarray(0, 8).equals(PNG_SIGNATURE));
    const sent = m.media.requests.at(-1)!;
    assert.equal(sent.path, '/v1/images/generations');
    assert.deepEqual(sent.fields, { model: 'dall-e-3', prompt: 'a lighthouse', n: 1, size: '1024x1024' });
  });

  test('the simulator draws n valid PNGs, as URLs when asked', async () => {
    const r = await client.images.generate({ model: 'sim/image', prompt: 'two boats', n: 2 });
    assert.equal(r.data!.length, 2);
    for (const d of r.data!)
      assert.ok(Buffer.from(d.b64_json!, 'base64').subarray(0, 8).equals(PNG_SIGNATURE));
    assert.notEqual(r.data![0]!.b64_json, r.data![1]!.b64_json);
    const u = await client.images.generate({ model: 'sim/image', prompt: 'x', response_format: 'url' });
    assert.match(u.data![0]!.url!, /^data:image\/png;base64,/);
  });

  test("a failing provider hands over to the request's fallback (reliability as for chat)", async () => {
    m.media.failNext(500);
    const { data, response } = await client.images
      .generate({ model: 'openai/dall-e-3', prompt: 'x', models: ['sim/image'] } as never)
      .withResponse();
    assert.equal(data.data!.length, 1);
    assert.equal(response.headers.get('x-switchyard-provider'), 'sim');
    assert.equal(response.headers.get('x-switchyard-attempts'), '2');
  });

  test('bad input and a model of another kind are 400 in OpenAI shape, before any upstream call', async () => {
    const before = m.media.requests.length;
    await assert.rejects(client.images.generate({ model: 'openai/dall-e-3', prompt: '' }), status400);
    await assert.rejects(client.images.generate({ model: 'openai/dall-e-3', prompt: 'x', n: 11 }), status400);
    await assert.rejects(client.images.generate({ model: 'openai/whisper-1', prompt: 'x' }), (e: unknown) => {
      assert.ok(e instanceof OpenAI.APIError && e.status === 400);
      assert.match(e.message, /not an image generation model/);
      return true;
    });
    await assert.rejects(
      client.chat.completions.create({
        model: 'openai/dall-e-3',
        messages: [{ role: 'user', content: 'hi' }],
      }),
      (e: unknown) =>
        e instanceof OpenAI.APIError && e.status === 400 && /image generation model/.test(e.message),
    );
    assert.equal(m.media.requests.length, before);
  });
});

describe('audio', () => {
  test('transcription of a real WAV file: the upload reaches the provider intact, model renamed', async () => {
    const wav = fakeWav(2.5);
    const r = await client.audio.transcriptions.create({
      model: 'openai/whisper-1',
      file: await toFile(wav, 'clip.wav', { type: 'audio/wav' }),
      language: 'en',
    });
    assert.equal(r.text, 'Fake transcript of 2.5 seconds.');
    const sent = m.media.requests.at(-1)!;
    assert.equal(sent.path, '/v1/audio/transcriptions');
    assert.equal(sent.fields.model, 'whisper-1');
    assert.equal(sent.fields.language, 'en');
    const file = sent.fields.file as { name: string; bytes: Buffer };
    assert.equal(file.name, 'clip.wav');
    assert.ok(file.bytes.equals(wav));
  });

  test('response_format text comes back as text (the provider was asked for JSON, for its usage)', async () => {
    const r = await client.audio.transcriptions.create({
      model: 'openai/whisper-1',
      file: await toFile(fakeWav(1), 'a.wav'),
      response_format: 'text',
    });
    assert.equal(r, 'Fake transcript of 1.0 seconds.\n');
    assert.equal(m.media.requests.at(-1)!.fields.response_format, 'json');
  });

  test('the simulator transcribes offline and states the length it read from the WAV header', async () => {
    const r = await client.audio.transcriptions.create({
      model: 'sim/transcribe',
      file: await toFile(fakeWav(3), 'a.wav'),
    });
    assert.equal(r.text, 'Simulated transcription of 3.00 seconds of audio.');
  });

  test('a transcription without a file, or with a chat model, is a 400', async () => {
    const form = new FormData();
    form.append('model', 'openai/whisper-1');
    const r = await fetch(`${m.h.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}` },
      body: form,
    });
    assert.equal(r.status, 400);
    const body = (await r.json()) as { error: { param: string; type: string } };
    assert.equal(body.error.param, 'file');
    assert.equal(body.error.type, 'invalid_request_error');
    await assert.rejects(
      client.audio.transcriptions.create({
        model: 'anthropic/claude-haiku-4-5',
        file: await toFile(fakeWav(1), 'a.wav'),
      }),
      status400,
    );
  });

  test('speech: the provider audio bytes are streamed through unchanged', async () => {
    const r = await client.audio.speech.create({
      model: 'openai/tts-1',
      voice: 'alloy',
      input: 'Hello from the gateway.',
      response_format: 'wav',
    });
    assert.equal(r.headers.get('content-type'), 'audio/wav');
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.ok(bytes.equals(fakeWav('Hello from the gateway.'.length / 15)));
    assert.equal(m.media.requests.at(-1)!.fields.model, 'tts-1');
    await assert.rejects(
      client.audio.speech.create({ model: 'openai/tts-1', voice: 'alloy', input: '' }),
      status400,
    );
  });

  test('speech on gpt-4o-mini-tts: asked as events (for its usage), decoded back to the same audio bytes', async () => {
    const input = 'Token-priced speech.';
    const r = await client.audio.speech.create({
      model: 'openai/gpt-4o-mini-tts',
      voice: 'coral',
      input,
      response_format: 'wav',
    });
    assert.equal(r.headers.get('content-type'), 'audio/wav');
    assert.ok(Buffer.from(await r.arrayBuffer()).equals(fakeWav(input.length / 15)));
    assert.equal(m.media.requests.at(-1)!.fields.stream_format, 'sse');
    // a client that asks for the events gets them as the provider wrote them
    const ev = await client.audio.speech.create({
      model: 'openai/gpt-4o-mini-tts',
      voice: 'coral',
      input,
      response_format: 'wav',
      stream_format: 'sse',
    });
    assert.match(ev.headers.get('content-type') ?? '', /text\/event-stream/);
    const text = await ev.text();
    assert.match(text, /"type":"speech.audio.done"/);
    // tts-1 is not asked for events
    await (
      await client.audio.speech.create({ model: 'openai/tts-1', voice: 'alloy', input: 'x' })
    ).arrayBuffer();
    assert.equal(m.media.requests.at(-1)!.fields.stream_format, undefined);
  });

  test('speech from the simulator is a silent WAV', async () => {
    const r = await client.audio.speech.create({
      model: 'sim/speech',
      voice: 'alloy',
      input: 'x'.repeat(30),
      response_format: 'wav',
    });
    const bytes = Buffer.from(await r.arrayBuffer());
    assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
    assert.equal(bytes.readUInt32LE(40), 2 * 8000 * 2); // 30 characters = 2 s at 8 kHz, 16-bit
  });
});

describe('legacy completions', () => {
  test('a completion model passes through, whole and streamed (usage chunk only when asked)', async () => {
    const r = await client.completions.create({
      model: 'openai/gpt-3.5-turbo-instruct',
      prompt: 'Say this is a test',
      max_tokens: 5,
    });
    assert.equal(r.object, 'text_completion');
    assert.equal(r.choices[0]!.text, ' a fake completion from the');
    assert.equal(r.choices[0]!.finish_reason, 'length');
    assert.equal(r.usage!.completion_tokens, 5);
    assert.equal(m.media.requests.at(-1)!.fields.model, 'gpt-3.5-turbo-instruct');

    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const c of await client.completions.create({
      model: 'openai/gpt-3.5-turbo-instruct',
      prompt: 'x',
      max_tokens: 3,
      stream: true,
    }))
      chunks.push(c);
    assert.equal(chunks.map((c) => c.choices[0]?.text ?? '').join(''), ' a fake completion');
    assert.ok(
      chunks.every((c) => c.choices.length > 0),
      'the usage-only chunk is held back',
    );
    assert.deepEqual((m.media.requests.at(-1)!.fields as { stream_options: unknown }).stream_options, {
      include_usage: true,
    });

    const withUsage: OpenAI.Completions.Completion[] = [];
    for await (const c of await client.completions.create({
      model: 'openai/gpt-3.5-turbo-instruct',
      prompt: 'x',
      max_tokens: 3,
      stream: true,
      stream_options: { include_usage: true },
    }))
      withUsage.push(c);
    assert.equal(withUsage.at(-1)!.usage!.completion_tokens, 3);
  });

  test('a chat model answers as a text_completion, whole and streamed (Anthropic upstream, simulator)', async () => {
    for (const model of ['anthropic/claude-haiku-4-5', 'sim/fast']) {
      const r = await client.completions.create({
        model,
        prompt: 'Tell me about lighthouses',
        max_tokens: 50,
      });
      assert.equal(r.object, 'text_completion');
      assert.ok(r.choices[0]!.text.length > 0, model);
      assert.ok(r.usage!.prompt_tokens > 0 && r.usage!.completion_tokens > 0, model);
      let text = '';
      let finish: string | null = null;
      let usage: OpenAI.CompletionUsage | undefined;
      for await (const c of await client.completions.create({
        model,
        prompt: 'Tell me about lighthouses',
        max_tokens: 50,
        stream: true,
        stream_options: { include_usage: true },
      })) {
        assert.equal(c.object, 'text_completion');
        text += c.choices[0]?.text ?? '';
        finish = c.choices[0]?.finish_reason ?? finish;
        usage = c.usage ?? usage;
      }
      assert.ok(text.length > 0, model);
      assert.ok(finish === 'stop' || finish === 'length', model);
      assert.ok(usage && usage.completion_tokens > 0, model);
    }
    const sent = m.h.anthropicUp.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
    assert.equal(sent.messages.length, 1);
    assert.equal(sent.messages[0]!.role, 'user');
  });

  test('what a chat model cannot do faithfully is a 400 naming it', async () => {
    for (const extra of [{ echo: true }, { suffix: 'end' }, { logprobs: 2 }, { n: 2 }]) {
      await assert.rejects(
        client.completions.create({ model: 'sim/fast', prompt: 'x', ...extra }),
        (e: unknown) => e instanceof OpenAI.APIError && e.status === 400 && /chat model/.test(e.message),
      );
    }
    await assert.rejects(client.completions.create({ model: 'sim/fast', prompt: ['a', 'b'] }), status400);
  });
});

describe('rerank', () => {
  const docs = ['Paris is the capital of France', 'Berlin is in Germany', 'The capital of Germany is Berlin'];
  const rerank = (body: unknown) =>
    fetch(`${m.h.url}/v1/rerank`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  type Answer = {
    id: string;
    model: string;
    results: { index: number; relevance_score: number; document?: { text: string } }[];
    meta: { billed_units: { search_units?: number; total_tokens?: number } };
  };

  for (const [model, family] of [
    ['cohere/rerank-v3.5', 'cohere'],
    ['jina/jina-reranker-v2-base-multilingual', 'jina'],
    ['voyage/rerank-2', 'voyage'],
  ] as const) {
    test(`${family}: the request in its own shape, the answer in ours`, async () => {
      const r = await rerank({
        model,
        query: 'capital of Germany',
        documents: docs,
        top_n: 2,
        return_documents: true,
      });
      assert.equal(r.status, 200, await r.clone().text());
      const a = (await r.json()) as Answer;
      assert.equal(a.model, model);
      assert.deepEqual(
        a.results.map((x) => x.index),
        [2, 0],
      );
      assert.equal(a.results[0]!.document!.text, docs[2]);
      assert.ok(a.results[0]!.relevance_score >= a.results[1]!.relevance_score);
      const sent = m.rerank[family].requests.at(-1)!;
      assert.equal(sent.body.model, model.split('/')[1]);
      assert.deepEqual(sent.body.documents, docs);
      if (family === 'voyage') assert.equal(sent.body.top_k, 2);
      else assert.equal(sent.body.top_n, 2);
      if (family === 'cohere') assert.equal(a.meta.billed_units.search_units, 1);
      else assert.ok(a.meta.billed_units.total_tokens! > 0);
    });
  }

  test('{text} documents, the simulator, and the Cohere SDK path /v2/rerank', async () => {
    const r = await rerank({
      model: 'sim/rerank',
      query: 'berlin germany',
      documents: docs.map((text) => ({ text })),
    });
    const a = (await r.json()) as Answer;
    assert.equal(a.results.length, 3);
    assert.equal(a.results[0]!.relevance_score, 1);
    assert.equal(a.results.at(-1)!.index, 0);
    const v2 = await fetch(`${m.h.url}/v2/rerank`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/rerank', query: 'paris', documents: docs }),
    });
    assert.equal(v2.status, 200);
  });

  test('bad input and a model of another kind are 400; chat on a rerank-only provider is a 400', async () => {
    for (const body of [
      { model: 'cohere/rerank-v3.5', query: '', documents: docs },
      { model: 'cohere/rerank-v3.5', query: 'x', documents: [] },
      { model: 'cohere/rerank-v3.5', query: 'x', documents: [3] },
      { model: 'cohere/rerank-v3.5', query: 'x', documents: docs, top_n: 0 },
      { model: 'sim/fast', query: 'x', documents: docs },
    ]) {
      const r = await rerank(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(((await r.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    }
    await assert.rejects(
      client.chat.completions.create({
        model: 'cohere/command-r-plus-08-2024',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (e: unknown) => e instanceof OpenAI.APIError && (e.status === 400 || e.status === 404),
    );
  });
});
