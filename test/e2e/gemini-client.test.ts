// The @google/genai SDK against the gateway: generateContent and generateContentStream to a
// Gemini provider (passed through) and to OpenAI, Anthropic and simulator models (translated),
// a function-call round trip, structured output, thinking, countTokens, embeddings, the models
// list, Google's JSON-array stream, and errors in Google's shape.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Content, FunctionCallingConfigMode, GoogleGenAI, type Part, Type } from '@google/genai';
import { type Harness, MASTER_KEY, startHarness, UPSTREAM_MODELS, type UpstreamName } from './harness.js';

let h: Harness;
let ai: GoogleGenAI;
before(async () => {
  h = await startHarness();
  ai = genai();
});
after(async () => {
  await h?.close();
});

function genai(key = MASTER_KEY) {
  return new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: h.url } });
}

const upstreams = Object.keys(UPSTREAM_MODELS) as UpstreamName[];

function lastUpstreamRequest(name: UpstreamName) {
  if (name === 'sim') return undefined;
  const fake = name === 'openai' ? h.openaiUp : name === 'anthropic' ? h.anthropicUp : h.geminiUp;
  return fake.requests[fake.requests.length - 1];
}

const WEATHER = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } }, required: ['city'] },
};

/** a whole answer or a stream, as the parts and usage the client ends up with */
async function ask(
  model: string,
  stream: boolean,
  contents: Content[],
  config: Record<string, unknown> = {},
) {
  if (!stream) {
    const r = await ai.models.generateContent({ model, contents, config });
    const c = r.candidates![0]!;
    return {
      parts: c.content!.parts ?? [],
      finishReason: c.finishReason,
      usage: r.usageMetadata,
      text: r.text ?? '',
    };
  }
  const s = await ai.models.generateContentStream({ model, contents, config });
  const parts: Part[] = [];
  let finishReason: string | undefined;
  let usage: unknown;
  let chunks = 0;
  for await (const chunk of s) {
    chunks++;
    const c = chunk.candidates?.[0];
    parts.push(...(c?.content?.parts ?? []));
    if (c?.finishReason) finishReason = c.finishReason;
    if (chunk.usageMetadata) usage = chunk.usageMetadata;
  }
  assert.ok(chunks >= 2, `a stream of ${chunks} chunk(s)`);
  const text = parts
    .filter((p) => !p.thought && typeof p.text === 'string')
    .map((p) => p.text)
    .join('');
  return {
    parts,
    finishReason,
    usage: usage as { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number },
    text,
  };
}

const userText = (text: string): Content => ({ role: 'user', parts: [{ text }] });

describe('@google/genai: text, every upstream', () => {
  for (const up of upstreams) {
    for (const stream of [false, true]) {
      test(`${up}, ${stream ? 'streaming' : 'whole'}`, async () => {
        h.resetUpstreams();
        const r = await ask(UPSTREAM_MODELS[up], stream, [userText('Say hello to Gemini clients')], {
          systemInstruction: 'Be brief.',
          temperature: 0.3,
          maxOutputTokens: 200,
        });
        assert.match(r.text, /Say hello to Gemini clients/);
        assert.equal(r.finishReason, 'STOP');
        assert.ok(
          (r.usage?.promptTokenCount ?? 0) > 0 && (r.usage?.candidatesTokenCount ?? 0) > 0,
          JSON.stringify(r.usage),
        );
        const seen = lastUpstreamRequest(up);
        if (up === 'gemini') {
          assert.equal(
            seen!.path,
            `/v1beta/models/gemini-2.5-flash:${stream ? 'streamGenerateContent' : 'generateContent'}`,
          );
          if (stream) assert.equal(seen!.query.alt, 'sse');
          const body = seen!.body as Record<string, any>;
          // passed through: the SDK's own body, without the gateway's fields
          assert.equal(body.model, undefined);
          assert.equal(body.stream, undefined);
          assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Be brief.' }], role: 'user' });
          assert.deepEqual(body.generationConfig, { temperature: 0.3, maxOutputTokens: 200 });
          assert.equal(seen!.query.key, undefined);
          assert.equal(seen!.headers['x-goog-api-key'], h.geminiUp.apiKey);
        }
        if (up === 'openai') {
          const body = seen!.body as Record<string, any>;
          assert.equal(body.model, 'gpt-4o-mini');
          assert.equal(body.temperature, 0.3);
          assert.deepEqual(body.messages[0], { role: 'system', content: 'Be brief.' });
        }
        if (up === 'anthropic') {
          const body = seen!.body as Record<string, any>;
          assert.equal(body.max_tokens, 200);
          assert.equal(JSON.stringify(body.system).includes('Be brief.'), true);
        }
      });
    }
  }
});

describe('@google/genai: a function-call round trip', () => {
  for (const up of ['gemini', 'openai', 'anthropic'] as const) {
    for (const stream of [false, true]) {
      test(`${up}, ${stream ? 'streaming' : 'whole'}`, async () => {
        h.resetUpstreams();
        const config = {
          tools: [{ functionDeclarations: [WEATHER] }],
          toolConfig: { functionCallingConfig: { mode: FunctionCallingConfigMode.AUTO } },
        };
        const question = userText('Weather in Paris?');
        const first = await ask(UPSTREAM_MODELS[up], stream, [question], config);
        const calls = first.parts.filter((p) => p.functionCall);
        assert.equal(calls.length, 1, JSON.stringify(first.parts));
        const call = calls[0]!.functionCall!;
        assert.equal(call.name, 'get_weather');
        assert.equal(typeof call.args?.city, 'string');
        assert.equal(first.finishReason, 'STOP');

        const history: Content[] = [
          question,
          { role: 'model', parts: first.parts },
          {
            role: 'user',
            parts: [
              {
                functionResponse: { id: call.id, name: 'get_weather', response: { output: '18C and sunny' } },
              },
            ],
          },
        ];
        const second = await ask(UPSTREAM_MODELS[up], stream, history, config);
        assert.match(second.text, /18C and sunny/);
        const seen = lastUpstreamRequest(up)!.body as Record<string, any>;
        if (up === 'openai') {
          const assistant = seen.messages.find((m: any) => m.role === 'assistant');
          const tool = seen.messages.find((m: any) => m.role === 'tool');
          assert.equal(assistant.tool_calls[0].function.name, 'get_weather');
          assert.equal(tool.tool_call_id, assistant.tool_calls[0].id);
          assert.equal(tool.content, '18C and sunny');
          assert.equal(seen.tools[0].function.parameters.type, 'object');
        }
        if (up === 'anthropic') {
          const use = seen.messages[1].content.find((b: any) => b.type === 'tool_use');
          const result = seen.messages[2].content.find((b: any) => b.type === 'tool_result');
          assert.equal(result.tool_use_id, use.id);
          assert.equal(seen.tools[0].input_schema.properties.city.type, 'string');
        }
        if (up === 'gemini') {
          // passed through: the history as the SDK sent it
          assert.deepEqual(seen.contents[2].parts[0].functionResponse.response, { output: '18C and sunny' });
        }
      });
    }
  }
});

describe('@google/genai: structured output and thinking', () => {
  const schema = {
    type: Type.OBJECT,
    properties: { city: { type: Type.STRING }, temperature: { type: Type.NUMBER, nullable: true } },
    required: ['city'],
  };
  for (const up of ['gemini', 'openai', 'anthropic'] as const) {
    test(`responseSchema reaches ${up} as its own structured-output request`, async () => {
      h.resetUpstreams();
      await ai.models.generateContent({
        model: UPSTREAM_MODELS[up],
        contents: 'Weather as JSON',
        config: { responseMimeType: 'application/json', responseSchema: schema },
      });
      const seen = lastUpstreamRequest(up)!.body as Record<string, any>;
      const expected = {
        type: 'object',
        properties: { city: { type: 'string' }, temperature: { type: ['number', 'null'] } },
        required: ['city'],
      };
      if (up === 'gemini') assert.deepEqual(seen.generationConfig.responseSchema, schema);
      if (up === 'openai') {
        assert.equal(seen.response_format.type, 'json_schema');
        assert.deepEqual(seen.response_format.json_schema.schema.properties, expected.properties);
      }
      if (up === 'anthropic')
        assert.ok(
          JSON.stringify(seen).includes('"temperature":{"type":["number","null"]}'),
          JSON.stringify(seen),
        );
    });
  }

  test('thinking on Gemini: thought summaries and thoughtsTokenCount come back', async () => {
    for (const stream of [false, true]) {
      const r = await ask(UPSTREAM_MODELS.gemini, stream, [userText('Think first')], {
        thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
      });
      assert.ok(
        r.parts.some((p) => p.thought === true && p.text),
        JSON.stringify(r.parts),
      );
      assert.ok((r.usage as { thoughtsTokenCount?: number }).thoughtsTokenCount! > 0);
    }
  });

  test('thinking on Anthropic: thoughts and their signature go out, and the signature comes back to Anthropic', async () => {
    h.resetUpstreams();
    const model = UPSTREAM_MODELS.anthropic;
    const config = { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true }, maxOutputTokens: 4096 };
    const first = await ask(model, true, [userText('Think first')], config);
    const thought = first.parts.filter((p) => p.thought === true);
    assert.ok(
      thought.some((p) => p.text),
      JSON.stringify(first.parts),
    );
    const signed = thought.find((p) => p.thoughtSignature)!;
    assert.match(signed.thoughtSignature!, /^sy1\.anthropic\./);
    const sent = lastUpstreamRequest('anthropic')!.body as Record<string, any>;
    assert.deepEqual(sent.thinking, { type: 'enabled', budget_tokens: 2048 });

    await ask(
      model,
      false,
      [userText('Think first'), { role: 'model', parts: first.parts }, userText('And now?')],
      config,
    );
    const again = lastUpstreamRequest('anthropic')!.body as Record<string, any>;
    const block = again.messages[1].content.find((b: any) => b.type === 'thinking');
    assert.equal(block.signature, signed.thoughtSignature!.slice('sy1.anthropic.'.length));
    assert.equal(block.thinking, thought.map((p) => p.text).join(''));

    // the same conversation continued on a Gemini model: Anthropic's signature is not sent to Gemini
    await ask(UPSTREAM_MODELS.gemini, false, [
      userText('Think first'),
      { role: 'model', parts: first.parts },
      userText('And now?'),
    ]);
    const toGemini = h.geminiUp.requests.at(-1)!;
    assert.equal(toGemini.rawBody.includes('sy1.'), false);
    assert.equal(toGemini.rawBody.includes(block.signature), false);
    assert.ok(
      (toGemini.body as Record<string, any>).contents[1].parts.some((p: Part) => p.text && !p.thought),
    );
  });
});

describe('@google/genai: countTokens, embeddings, models', () => {
  test('countTokens: a Gemini model is asked, other models are counted by the tokenizer', async () => {
    h.resetUpstreams();
    const g = await ai.models.countTokens({
      model: UPSTREAM_MODELS.gemini,
      contents: 'How many tokens is this?',
    });
    assert.ok(g.totalTokens! > 0);
    assert.equal(h.geminiUp.requests.at(-1)!.path, '/v1beta/models/gemini-2.5-flash:countTokens');
    const o = await ai.models.countTokens({
      model: UPSTREAM_MODELS.openai,
      contents: 'How many tokens is this?',
    });
    assert.ok(o.totalTokens! >= 5 && o.totalTokens! < 20, String(o.totalTokens));
    assert.equal(h.openaiUp.requests.length, 0);
  });

  test('embedContent to a Gemini embedding model and to an OpenAI one', async () => {
    h.resetUpstreams();
    const g = await ai.models.embedContent({
      model: 'google/gemini-embedding-001',
      contents: ['one', 'two'],
    });
    assert.equal(g.embeddings?.length, 2);
    assert.ok(g.embeddings![0]!.values!.length > 0);
    const seen = h.geminiUp.requests.at(-1)!;
    assert.equal(seen.path, '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    assert.equal((seen.body as any).requests[0].model, 'models/gemini-embedding-001');
    const o = await ai.models.embedContent({
      model: 'openai/text-embedding-3-small',
      contents: ['one', 'two', 'three'],
      config: { outputDimensionality: 8 },
    });
    assert.equal(o.embeddings?.length, 3);
    assert.equal(o.embeddings![0]!.values!.length, 8);
    assert.deepEqual((h.openaiUp.requests.at(-1)!.body as any).input, ['one', 'two', 'three']);
  });

  test('embedContent (one content) over raw HTTP', async () => {
    const r = await h.post('/v1beta/models/openai/text-embedding-3-small:embedContent', {
      content: { parts: [{ text: 'hello' }] },
    });
    assert.equal(r.status, 200);
    const body = (await r.json()) as { embedding: { values: number[] } };
    assert.ok(body.embedding.values.length > 0);
  });

  test('the models list in Gemini shape', async () => {
    const pager = await ai.models.list({ config: { pageSize: 5 } });
    const names: string[] = [];
    for await (const m of pager) {
      names.push(m.name!);
      if (names.length >= 12) break;
    }
    assert.ok(names.length >= 6 && names.every((n) => n.startsWith('models/')), names.join(','));
    const one = await ai.models.get({ model: UPSTREAM_MODELS.gemini });
    assert.equal(one.name, `models/${UPSTREAM_MODELS.gemini}`);
  });
});

describe("Google's JSON-array stream (no ?alt=sse)", () => {
  for (const up of ['gemini', 'openai'] as const) {
    test(`${up}: one JSON array of response chunks`, async () => {
      const r = await fetch(
        `${h.url}/v1beta/models/${UPSTREAM_MODELS[up]}:streamGenerateContent?key=${MASTER_KEY}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'An array, please' }] }] }),
        },
      );
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /application\/json/);
      const chunks = (await r.json()) as Array<{
        candidates: Array<{ content: { parts: Array<{ text?: string }> }; finishReason?: string }>;
      }>;
      assert.ok(Array.isArray(chunks) && chunks.length >= 2);
      const text = chunks
        .map((c) => c.candidates[0]!.content.parts.map((p) => p.text ?? '').join(''))
        .join('');
      assert.match(text, /An array, please/);
      assert.equal(chunks.at(-1)!.candidates[0]!.finishReason, 'STOP');
    });
  }
});

describe('errors in Google shape', () => {
  const googleError = async (r: Response, code: number, status: string) => {
    assert.equal(r.status, code);
    const body = (await r.json()) as { error: { code: number; status: string; message: string } };
    assert.equal(body.error.code, code);
    assert.equal(body.error.status, status);
    assert.ok(body.error.message.length > 0);
    return body.error.message;
  };

  test('an unknown model is a 404 NOT_FOUND', async () => {
    await assert.rejects(
      ai.models.generateContent({ model: 'no-such-model-anywhere', contents: 'hi' }),
      (e: { status?: number }) => e.status === 404,
    );
    const r = await h.post('/v1beta/models/no-such-model-anywhere:generateContent', {
      contents: [userText('hi')],
    });
    await googleError(r, 404, 'NOT_FOUND');
  });

  test('a bad body is a 400 INVALID_ARGUMENT naming the field', async () => {
    for (const up of ['openai', 'gemini'] as const) {
      const r = await h.post(`/v1beta/models/${UPSTREAM_MODELS[up]}:generateContent`, {
        contents: 'not a list',
      });
      const message = await googleError(r, 400, 'INVALID_ARGUMENT');
      if (up === 'openai') assert.match(message, /contents/);
    }
    const r = await h.post(`/v1beta/models/${UPSTREAM_MODELS.openai}:generateContent`, {
      contents: [userText('hi')],
      generationConfig: { candidateCount: 2 },
    });
    assert.match(await googleError(r, 400, 'INVALID_ARGUMENT'), /candidateCount/);
    const bad = await h.post(`/v1beta/models/${UPSTREAM_MODELS.openai}:generateContent`, '{"contents": [');
    await googleError(bad, 400, 'INVALID_ARGUMENT');
  });

  test('a wrong or missing key is a 401 UNAUTHENTICATED', async () => {
    await assert.rejects(
      genai('sk-wrong-key').models.generateContent({ model: UPSTREAM_MODELS.openai, contents: 'hi' }),
      (e: { status?: number }) => e.status === 401,
    );
    const r = await fetch(`${h.url}/v1beta/models/${UPSTREAM_MODELS.openai}:generateContent?key=nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [userText('hi')] }),
    });
    await googleError(r, 401, 'UNAUTHENTICATED');
    const none = await fetch(`${h.url}/v1beta/models/${UPSTREAM_MODELS.openai}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [userText('hi')] }),
    });
    assert.match(await googleError(none, 401, 'UNAUTHENTICATED'), /x-goog-api-key/);
  });

  test('an unknown method is a 404', async () => {
    const r = await h.post(`/v1beta/models/${UPSTREAM_MODELS.openai}:predict`, {});
    await googleError(r, 404, 'NOT_FOUND');
  });

  test("a Gemini provider's own 4xx comes back as Google wrote it", async () => {
    h.resetUpstreams();
    const r = await h.post(`/v1beta/models/${UPSTREAM_MODELS.gemini}:generateContent`, { contents: [] });
    assert.equal(r.status, 400);
    const body = (await r.json()) as { error: { status: string } };
    assert.equal(body.error.status, 'INVALID_ARGUMENT');
    assert.equal(h.geminiUp.requests.length, 1);
  });
});
