import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseOpenAIUpstreamError } from './parse-openai-upstream-error.js';

const FIXTURES = new URL('../../../../shared/data/fixtures/', import.meta.url);
const parse = (body: unknown, status = 400) =>
  parseOpenAIUpstreamError(status, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));

describe('parseOpenAIUpstreamError', () => {
  test('the recorded OpenAI error body', () => {
    const body = readFileSync(
      new URL('openai/chat-completions/reasoning-model-legacy-parameter-error.json', FIXTURES),
    );
    assert.deepEqual(parseOpenAIUpstreamError(400, body), {
      message:
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      type: 'invalid_request_error',
      code: 'unsupported_parameter',
      param: 'max_tokens',
    });
  });

  test('{error: "string"}', () =>
    assert.deepEqual(parse({ error: 'model not loaded' }), { message: 'model not loaded' }));

  test('{message, type} at the top', () =>
    assert.deepEqual(
      parse({ object: 'error', message: 'Invalid model', type: 'invalid_model', code: 1500 }),
      {
        message: 'Invalid model',
        type: 'invalid_model',
        code: '1500',
      },
    ));

  test('{detail: string} and FastAPI validation lists', () => {
    assert.deepEqual(parse({ detail: 'Not Found' }, 404), { message: 'Not Found' });
    assert.deepEqual(
      parse(
        { detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'value_error.missing' }] },
        422,
      ),
      { message: 'body.messages: field required' },
    );
  });

  test("Gemini's OpenAI endpoint wraps the error in an array", () =>
    assert.deepEqual(
      parse([{ error: { code: 400, message: 'API key not valid', status: 'INVALID_ARGUMENT' } }]),
      {
        message: 'API key not valid',
        code: '400',
      },
    ));

  test('non-JSON bodies: text kept, HTML tags removed', () => {
    assert.deepEqual(parse('upstream connect error', 503), { message: 'upstream connect error' });
    assert.deepEqual(parse('<html><body><h1>502 Bad Gateway</h1></body></html>', 502), {
      message: '502 Bad Gateway',
    });
  });

  test('long text is cut', () => {
    const r = parse('x'.repeat(2000), 500);
    assert.ok(r.message.length <= 501);
  });

  test('JSON without an error message falls back to the text', () =>
    assert.deepEqual(parse({ ok: false }), { message: '{"ok":false}' }));

  test('an empty body says which status came back', () =>
    assert.match(parseOpenAIUpstreamError(503, Buffer.alloc(0)).message, /HTTP 503/));
});
