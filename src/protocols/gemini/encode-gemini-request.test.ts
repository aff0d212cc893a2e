import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateGemini } from '../../../test/schemas/gemini.js';
import { type CanonicalRequest, GatewayError } from '../../canonical/index.js';
import { encodeGeminiRequest } from './encode-gemini-request.js';

const base = (over: Partial<CanonicalRequest> = {}): CanonicalRequest => ({
  model: 'client-model',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
  stream: false,
  ...over,
});

/** Encodes and checks the body against the Gemini request schema. */
function encode(req: CanonicalRequest, model = 'gemini-2.5-flash') {
  const body = encodeGeminiRequest(req, { model, stream: req.stream });
  assert.deepEqual(validateGemini('generateContentRequest', body), [], JSON.stringify(body));
  return body;
}

describe('encodeGeminiRequest', () => {
  test('minimal request: contents only, model and stream stay out of the body', () => {
    const body = encode(base({ stream: true }));
    assert.deepEqual(body, { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
  });

  test('sampling settings → generationConfig', () => {
    const body = encode(
      base({ maxTokens: 256, temperature: 0.2, topP: 0.9, topK: 40, stop: ['END', '###'], seed: 7 }),
    );
    assert.deepEqual(body.generationConfig, {
      maxOutputTokens: 256,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      stopSequences: ['END', '###'],
      seed: 7,
    });
  });

  test('more than 5 stop sequences is a client error', () => {
    assert.throws(
      () => encode(base({ stop: ['a', 'b', 'c', 'd', 'e', 'f'] })),
      (e: unknown) => e instanceof GatewayError && e.kind === 'invalid_request' && e.param === 'stop',
    );
  });

  test('system messages → systemInstruction', () => {
    const body = encode(
      base({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        ],
      }),
    );
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'You are terse.' }] });
    assert.deepEqual(body.contents, [{ role: 'user', parts: [{ text: 'Hi' }] }]);
  });

  test('json_schema → responseMimeType + sanitized responseJsonSchema', () => {
    const body = encode(
      base({
        responseFormat: {
          type: 'json_schema',
          name: 'person',
          strict: true,
          schema: {
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            type: 'object',
            properties: { name: { type: 'string' }, kind: { const: 'person' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      }),
    );
    assert.deepEqual(body.generationConfig, {
      responseMimeType: 'application/json',
      responseJsonSchema: {
        type: 'object',
        properties: { name: { type: 'string' }, kind: { enum: ['person'] } },
        required: ['name'],
        additionalProperties: false,
      },
    });
  });

  test('json_object → responseMimeType only; text → nothing', () => {
    assert.deepEqual(encode(base({ responseFormat: { type: 'json_object' } })).generationConfig, {
      responseMimeType: 'application/json',
    });
    assert.equal(encode(base({ responseFormat: { type: 'text' } })).generationConfig, undefined);
  });

  test('thinking: Gemini 3 uses thinkingLevel, 2.5 uses thinkingBudget', () => {
    const req = base({ reasoning: { enabled: true, effort: 'high' } });
    assert.deepEqual(encode(req, 'gemini-3-pro-preview').generationConfig, {
      thinkingConfig: { thinkingLevel: 'high', includeThoughts: true },
    });
    assert.deepEqual(encode(req, 'gemini-2.5-flash').generationConfig, {
      thinkingConfig: { thinkingBudget: 24576, includeThoughts: true },
    });
    assert.deepEqual(
      encode(base({ reasoning: { enabled: true, budgetTokens: 4000 } }), 'gemini-2.5-pro').generationConfig,
      { thinkingConfig: { thinkingBudget: 4000, includeThoughts: true } },
    );
  });

  test("the target's limits: maxOutputTokens within the maximum, no thinking for a model without reasoning", () => {
    const req = base({ maxTokens: 32000, reasoning: { enabled: true, budgetTokens: 31999 } });
    const limited = (maxOutputTokens: number, reasoning: boolean, model: string) => {
      const body = encodeGeminiRequest(req, { model, stream: false, limits: { maxOutputTokens, reasoning } });
      assert.deepEqual(validateGemini('generateContentRequest', body), []);
      return body.generationConfig;
    };
    assert.deepEqual(limited(65536, true, 'gemini-2.5-flash'), {
      maxOutputTokens: 32000,
      thinkingConfig: { thinkingBudget: 24576, includeThoughts: true },
    });
    assert.deepEqual(limited(8192, false, 'gemini-2.0-flash'), { maxOutputTokens: 8192 });
    assert.deepEqual(limited(8192, false, 'gemini-2.5-flash'), { maxOutputTokens: 8192 });
  });

  test('tools and tool choice', () => {
    const body = encode(
      base({
        tools: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        ],
        toolChoice: { type: 'tool', name: 'get_weather' },
      }),
    );
    assert.deepEqual(body.tools, [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather for a city',
            parametersJsonSchema: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
            },
          },
        ],
      },
    ]);
    assert.deepEqual(body.toolConfig, {
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
  });

  test('a full tool round trip with images validates and alternates user/model', () => {
    const body = encode(
      base({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'sys' }] },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture, and the weather there?' },
              {
                type: 'image',
                source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' },
              },
              { type: 'image', source: { kind: 'url', url: 'https://example.com/p.png' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              {
                type: 'reasoning',
                text: 'The picture shows Paris.',
                signature: 'CiMBjz1rX25K',
                signatureOrigin: 'gemini',
              },
              { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
            ],
          },
          {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                toolCallId: 'toolu_1',
                content: [{ type: 'text', text: '{"tempC":21}' }],
              },
              { type: 'text', text: 'Also: is it windy?' },
            ],
          },
        ],
        tools: [
          { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
        ],
        toolChoice: { type: 'auto' },
        reasoning: { enabled: true, effort: 'low' },
      }),
      'gemini-3-flash-preview',
    );
    assert.deepEqual(
      body.contents.map((c) => c.role),
      ['user', 'model', 'user'],
    );
    assert.deepEqual(body.contents[1], {
      role: 'model',
      parts: [
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'CiMBjz1rX25K' },
      ],
    });
    assert.deepEqual(body.contents[2]!.parts, [
      { functionResponse: { name: 'get_weather', response: { tempC: 21 } } },
      { text: 'Also: is it windy?' },
    ]);
    assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
  });
});

describe('the Gemini request schema catches what Gemini refuses', () => {
  const ok = { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] };
  test('a valid minimal body passes', () => {
    assert.deepEqual(validateGemini('generateContentRequest', ok), []);
  });

  test('empty text, unknown fields, wrong roles, both thinking knobs, schema without JSON mime', () => {
    const bad: unknown[] = [
      { contents: [{ role: 'user', parts: [{ text: '' }] }] },
      { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] },
      { contents: [{ role: 'user', parts: [{ text: 'x', id: 'call_1' }] }] },
      { contents: [{ role: 'model', parts: [{ functionCall: { id: 'c', name: 'f', args: {} } }] }] },
      { contents: [] },
      { ...ok, model: 'gemini-3-pro-preview' },
      { ...ok, generationConfig: { thinkingConfig: { thinkingBudget: 100, thinkingLevel: 'low' } } },
      { ...ok, generationConfig: { responseJsonSchema: { type: 'object' } } },
      { ...ok, generationConfig: { stopSequences: ['1', '2', '3', '4', '5', '6'] } },
      { ...ok, tools: [{ functionDeclarations: [{ name: '1bad name' }] }] },
    ];
    for (const body of bad) {
      assert.notDeepEqual(validateGemini('generateContentRequest', body), [], JSON.stringify(body));
    }
  });
});
