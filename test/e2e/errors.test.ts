// Errors as clients see them, in both protocol shapes and with the right HTTP status: the
// gateway's own rejections (which never reach a provider), provider errors mapped faithfully,
// transport failures, and failures in the middle of a stream.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { closedPort, type Harness, LIMITED_KEY, startHarness } from './harness.js';

const AV = { 'anthropic-version': '2023-06-01' };
const OPENAI_MODEL = 'openai/gpt-4o-mini';
const ANTHROPIC_MODEL = 'anthropic/claude-haiku-4-5';
const USER = [{ role: 'user' as const, content: 'Hello there' }];

type OpenAIErr = InstanceType<typeof OpenAI.APIError>;
type AnthropicErr = InstanceType<typeof Anthropic.APIError>;
interface AnthropicBody {
  type: string;
  error: { type: string; message: string };
}

/** the error a promise rejects with (fails the test when it resolves) */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to fail');
}

async function openaiError(p: Promise<unknown>): Promise<OpenAIErr> {
  const e = await rejection(p);
  assert.ok(e instanceof OpenAI.APIError, `expected an OpenAI APIError, got ${String(e)}`);
  return e;
}

/** an Anthropic SDK error, checked to carry Anthropic's error shape */
async function anthropicError(p: Promise<unknown>): Promise<AnthropicErr & { error: AnthropicBody }> {
  const e = await rejection(p);
  assert.ok(e instanceof Anthropic.APIError, `expected an Anthropic APIError, got ${String(e)}`);
  const body = e.error as AnthropicBody;
  assert.equal(body?.type, 'error', JSON.stringify(body));
  assert.equal(typeof body.error.type, 'string');
  assert.equal(typeof body.error.message, 'string');
  return e as AnthropicErr & { error: AnthropicBody };
}

/** the OpenAI error shape, read from a raw response */
async function openaiBody(r: Response) {
  const j = (await r.json()) as {
    error: { message: string; type: string; param: string | null; code: string | null };
  };
  assert.deepEqual(Object.keys(j.error).sort(), ['code', 'message', 'param', 'type']);
  return j.error;
}

async function anthropicBody(r: Response) {
  const j = (await r.json()) as AnthropicBody;
  assert.equal(j.type, 'error');
  return j.error;
}

let h: Harness;
before(async () => {
  const port = await closedPort();
  h = await startHarness({
    config: {
      providers: { deadai: { protocol: 'openai', base_url: `http://127.0.0.1:${port}/v1`, api_key: 'k' } },
    },
  });
});
after(async () => {
  await h?.close();
});
beforeEach(() => {
  h.resetUpstreams();
});

const upstreamRequests = () =>
  h.openaiUp.stats.requests + h.anthropicUp.stats.requests + h.geminiUp.stats.requests;

/** runs a call that the gateway must reject by itself, without calling any provider */
async function withoutUpstreamCall<T>(fn: () => Promise<T>): Promise<T> {
  const before = upstreamRequests();
  const out = await fn();
  assert.equal(upstreamRequests(), before, 'the rejected request reached a provider');
  return out;
}

describe('requests the gateway rejects itself', () => {
  test('missing key: 401 in both shapes', async () => {
    await withoutUpstreamCall(async () => {
      const o = new OpenAI({
        baseURL: `${h.url}/v1`,
        apiKey: 'unused',
        defaultHeaders: { authorization: null },
        maxRetries: 0,
      });
      const e = await openaiError(o.chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
      assert.ok(e instanceof OpenAI.AuthenticationError);
      assert.equal(e.status, 401);
      assert.equal(e.type, 'authentication_error');
      assert.match(e.error ? (e.error as { message: string }).message : '', /Missing API key/);

      const a = new Anthropic({
        baseURL: h.url,
        apiKey: null,
        authToken: null,
        defaultHeaders: { authorization: null },
        maxRetries: 0,
      });
      const ae = await anthropicError(
        a.messages.create({ model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }),
      );
      assert.ok(ae instanceof Anthropic.AuthenticationError);
      assert.equal(ae.status, 401);
      assert.equal(ae.error.error.type, 'authentication_error');
      assert.match(ae.error.error.message, /Missing API key/);
    });
  });

  test('wrong key: 401 in both shapes', async () => {
    await withoutUpstreamCall(async () => {
      const e = await openaiError(
        h.openai('sk-wrong-key-000000').chat.completions.create({ model: OPENAI_MODEL, messages: USER }),
      );
      assert.ok(e instanceof OpenAI.AuthenticationError);
      assert.equal(e.code, 'invalid_api_key');
      assert.equal(e.param, null);

      const ae = await anthropicError(
        h
          .anthropic('sk-wrong-key-000000')
          .messages.create({ model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }),
      );
      assert.ok(ae instanceof Anthropic.AuthenticationError);
      assert.equal(ae.error.error.type, 'authentication_error');
      assert.match(ae.error.error.message, /Invalid API key/);
    });
  });

  test('a key not allowed the model: 403', async () => {
    await withoutUpstreamCall(async () => {
      const e = await openaiError(
        h.openai(LIMITED_KEY).chat.completions.create({ model: OPENAI_MODEL, messages: USER }),
      );
      assert.ok(e instanceof OpenAI.PermissionDeniedError);
      assert.equal(e.status, 403);
      assert.equal(e.param, 'model');
      assert.equal(e.code, 'model_not_allowed');
      assert.match(e.message, /openai\/gpt-4o-mini/);

      const ae = await anthropicError(
        h.anthropic(LIMITED_KEY).messages.create({ model: OPENAI_MODEL, max_tokens: 10, messages: USER }),
      );
      assert.ok(ae instanceof Anthropic.PermissionDeniedError);
      assert.equal(ae.error.error.type, 'permission_error');
    });
    // the same key may use what it is allowed
    const ok = await h.openai(LIMITED_KEY).chat.completions.create({ model: 'sim/fast', messages: USER });
    assert.equal(ok.object, 'chat.completion');
  });

  test('malformed JSON: 400 saying so, in both shapes', async () => {
    await withoutUpstreamCall(async () => {
      const r = await h.post('/v1/chat/completions', '{"model": "openai/gpt-4o-mini", "messages": [');
      assert.equal(r.status, 400);
      assert.ok(r.headers.get('x-request-id'));
      const e = await openaiBody(r);
      assert.match(e.message, /malformed JSON/i);
      assert.equal(e.type, 'invalid_request_error');

      const ra = await h.post('/v1/messages', '{"model": ', AV);
      assert.equal(ra.status, 400);
      const ea = await anthropicBody(ra);
      assert.equal(ea.type, 'invalid_request_error');
      assert.match(ea.message, /malformed JSON/i);
    });
  });

  test('missing model: 400 naming the model parameter', async () => {
    await withoutUpstreamCall(async () => {
      const e = await openaiError(
        h
          .openai()
          .chat.completions.create({ messages: USER } as OpenAI.ChatCompletionCreateParamsNonStreaming),
      );
      assert.ok(e instanceof OpenAI.BadRequestError);
      assert.equal(e.param, 'model');
      assert.match(e.message, /model/);

      const ae = await anthropicError(
        h
          .anthropic()
          .messages.create({ max_tokens: 10, messages: USER } as Anthropic.MessageCreateParamsNonStreaming),
      );
      assert.ok(ae instanceof Anthropic.BadRequestError);
      assert.equal(ae.error.error.type, 'invalid_request_error');
      assert.match(ae.error.error.message, /model/);
    });
  });

  test('unknown model: 404 model_not_found with a helpful message', async () => {
    await withoutUpstreamCall(async () => {
      const e = await openaiError(
        h.openai().chat.completions.create({ model: 'no-such-model-anywhere', messages: USER }),
      );
      assert.ok(e instanceof OpenAI.NotFoundError);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'model_not_found');
      assert.equal(e.param, 'model');
      assert.match(e.message, /no-such-model-anywhere/);
      assert.match(e.message, /GET \/v1\/models/);

      const listed = await openaiError(
        h.openai().chat.completions.create({ model: 'openai/gpt-nothing-9', messages: USER }),
      );
      assert.equal(listed.code, 'model_not_found');
      assert.match(listed.message, /not in the catalog of provider openai/);

      const ae = await anthropicError(
        h.anthropic().messages.create({ model: 'no-such-model-anywhere', max_tokens: 10, messages: USER }),
      );
      assert.ok(ae instanceof Anthropic.NotFoundError);
      assert.equal(ae.error.error.type, 'not_found_error');
      assert.match(ae.error.error.message, /no-such-model-anywhere/);
    });
  });

  test('missing messages: 400, passthrough and translated', async () => {
    await withoutUpstreamCall(async () => {
      for (const model of [OPENAI_MODEL, ANTHROPIC_MODEL, 'sim/fast']) {
        const e = await openaiError(
          h.openai().chat.completions.create({ model } as OpenAI.ChatCompletionCreateParamsNonStreaming),
        );
        assert.ok(e instanceof OpenAI.BadRequestError, model);
        assert.equal(e.param, 'messages', model);
        assert.match(e.message, /messages/);
      }
      for (const model of [ANTHROPIC_MODEL, OPENAI_MODEL, 'sim/fast']) {
        const ae = await anthropicError(
          h
            .anthropic()
            .messages.create({ model, max_tokens: 10 } as Anthropic.MessageCreateParamsNonStreaming),
        );
        assert.ok(ae instanceof Anthropic.BadRequestError, model);
        assert.match(ae.error.error.message, /messages/);
      }
    });
  });

  test('Anthropic request without max_tokens: 400', async () => {
    await withoutUpstreamCall(async () => {
      for (const model of [ANTHROPIC_MODEL, OPENAI_MODEL, 'sim/fast']) {
        const ae = await anthropicError(
          h
            .anthropic()
            .messages.create({ model, messages: USER } as Anthropic.MessageCreateParamsNonStreaming),
        );
        assert.ok(ae instanceof Anthropic.BadRequestError, model);
        assert.equal(ae.error.error.type, 'invalid_request_error');
        assert.match(ae.error.error.message, /max_tokens/);
      }
    });
  });

  test('an embedding model used for chat: 400', async () => {
    await withoutUpstreamCall(async () => {
      for (const model of ['openai/text-embedding-3-small', 'sim/embedding']) {
        const e = await openaiError(h.openai().chat.completions.create({ model, messages: USER }));
        assert.ok(e instanceof OpenAI.BadRequestError);
        assert.equal(e.param, 'model');
        assert.match(e.message, /embedding model/);
      }
      const ae = await anthropicError(
        h
          .anthropic()
          .messages.create({ model: 'openai/text-embedding-3-small', max_tokens: 10, messages: USER }),
      );
      assert.ok(ae instanceof Anthropic.BadRequestError);
      assert.match(ae.error.error.message, /embedding model/);
    });
  });

  test('unknown route: 404 in the caller’s shape', async () => {
    await withoutUpstreamCall(async () => {
      const e = await openaiError(h.openai().get('/no/such/route'));
      assert.ok(e instanceof OpenAI.NotFoundError);
      assert.match(e.message, /No route for GET \/v1\/no\/such\/route/);

      const ae = await anthropicError(h.anthropic().get('/v1/no/such/route'));
      assert.ok(ae instanceof Anthropic.NotFoundError);
      assert.equal(ae.error.error.type, 'not_found_error');

      const r = await h.post('/v1/no-such-endpoint', {});
      assert.equal(r.status, 404);
      assert.match((await openaiBody(r)).message, /No route for POST/);
    });
  });
});

describe('a small body limit and a short upstream timeout', () => {
  let t: Harness;
  before(async () => {
    t = await startHarness({
      config: { server: { body_limit_mb: 0.01 }, timeouts: { response_ms: 50 } },
    });
  });
  after(async () => {
    await t?.close();
  });

  test('an oversized body: 413 in both shapes', async () => {
    const big = 'x'.repeat(20_000);
    const e = await openaiError(
      t.openai().chat.completions.create({ model: OPENAI_MODEL, messages: [{ role: 'user', content: big }] }),
    );
    assert.equal(e.status, 413);
    assert.match(e.message, /larger than the gateway accepts/);
    const ae = await anthropicError(
      t.anthropic().messages.create({
        model: ANTHROPIC_MODEL,
        max_tokens: 10,
        messages: [{ role: 'user', content: big }],
      }),
    );
    assert.equal(ae.status, 413);
    assert.equal(ae.error.error.type, 'request_too_large');
    assert.equal(t.openaiUp.stats.requests + t.anthropicUp.stats.requests, 0);
  });

  test('a provider that never answers: 504 naming it', async () => {
    // undici checks this timeout on a coarse (~0.5 s) clock: both shapes run at once
    t.openaiUp.script({ kind: 'hang' });
    t.anthropicUp.script({ kind: 'hang' });
    const [e, ae] = await Promise.all([
      openaiError(t.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER })),
      anthropicError(
        t.anthropic().messages.create({ model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }),
      ),
    ]);
    assert.equal(e.status, 504);
    assert.match(e.message, /provider openai did not start answering/);
    assert.equal(ae.status, 504);
    assert.equal(ae.error.error.type, 'timeout_error');
    assert.match(ae.error.error.message, /provider anthropic/);
  });
});

describe('provider errors, mapped faithfully', () => {
  test('429 stays 429 with retry-after passed on (same protocol: the provider’s body)', async () => {
    h.openaiUp.script({ status: 429, retryAfter: 7 });
    const e = await openaiError(h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
    assert.ok(e instanceof OpenAI.RateLimitError);
    assert.equal(e.headers?.get('retry-after'), '7');
    assert.equal(e.headers?.get('x-switchyard-provider'), 'openai');
    assert.equal(e.code, 'rate_limit_exceeded');
    assert.equal(e.type, 'requests'); // OpenAI's own type, passed through
    assert.match(e.message, /Rate limit reached for gpt-4o-mini/);

    h.anthropicUp.script({ status: 429, retryAfter: 7 });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.ok(ae instanceof Anthropic.RateLimitError);
    assert.equal(ae.headers?.get('retry-after'), '7');
    assert.equal(ae.error.error.type, 'rate_limit_error');
    assert.match((ae.error as unknown as { request_id: string }).request_id, /^req_011C/);
  });

  test('429 across protocols: still 429 with retry-after, in the caller’s shape', async () => {
    h.openaiUp.script({ status: 429, retryAfter: 7 });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: OPENAI_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.ok(ae instanceof Anthropic.RateLimitError);
    assert.equal(ae.headers?.get('retry-after'), '7');
    assert.equal(ae.error.error.type, 'rate_limit_error');
    assert.match(ae.error.error.message, /Rate limit reached for gpt-4o-mini/);

    h.anthropicUp.script({ status: 429, retryAfter: 7 });
    const e = await openaiError(
      h.openai().chat.completions.create({ model: ANTHROPIC_MODEL, messages: USER }),
    );
    assert.ok(e instanceof OpenAI.RateLimitError);
    assert.equal(e.headers?.get('retry-after'), '7');
    assert.match(e.message, /provider anthropic is rate limiting/);
  });

  test('429 on a streaming request fails before the stream starts', async () => {
    h.openaiUp.script({ status: 429, retryAfter: 3 });
    const e = await openaiError(
      h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER, stream: true }),
    );
    assert.ok(e instanceof OpenAI.RateLimitError);
    assert.equal(e.headers?.get('retry-after'), '3');
  });

  test('a provider 400, same protocol: its body passed through verbatim', async () => {
    const body = {
      error: {
        message: 'Invalid value for logit_bias: token 99999999 is out of range',
        type: 'invalid_request_error',
        param: 'logit_bias',
        code: 'invalid_value',
      },
    };
    h.openaiUp.script({ status: 400, body });
    const r = await h.post('/v1/chat/completions', { model: OPENAI_MODEL, messages: USER });
    assert.equal(r.status, 400);
    assert.equal(await r.text(), JSON.stringify(body));

    h.openaiUp.script({ status: 400, body });
    const e = await openaiError(h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
    assert.ok(e instanceof OpenAI.BadRequestError);
    assert.deepEqual(e.error, body.error);
    assert.equal(e.param, 'logit_bias');
    assert.equal(e.code, 'invalid_value');

    const anthropicBodySent = {
      type: 'error',
      error: { type: 'invalid_request_error', message: 'messages.0.content.0.type: Field required' },
      request_id: 'req_011CFakeBadRequest',
    };
    h.anthropicUp.script({ status: 400, body: anthropicBodySent });
    const ra = await h.post('/v1/messages', { model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }, AV);
    assert.equal(ra.status, 400);
    assert.equal(await ra.text(), JSON.stringify(anthropicBodySent));
  });

  test('a provider 400, other protocol: the message kept, the shape translated', async () => {
    h.openaiUp.script({
      status: 400,
      body: {
        error: {
          message: 'Invalid value for logit_bias',
          type: 'invalid_request_error',
          param: 'logit_bias',
          code: null,
        },
      },
    });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: OPENAI_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.ok(ae instanceof Anthropic.BadRequestError);
    assert.deepEqual(ae.error.error, {
      type: 'invalid_request_error',
      message: 'Invalid value for logit_bias',
    });

    h.anthropicUp.script({
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'messages.0: bad block' } },
    });
    const e = await openaiError(
      h.openai().chat.completions.create({ model: ANTHROPIC_MODEL, messages: USER }),
    );
    assert.ok(e instanceof OpenAI.BadRequestError);
    assert.equal(e.type, 'invalid_request_error');
    assert.equal((e.error as { message: string }).message, 'messages.0: bad block');

    h.geminiUp.script({ status: 400 });
    const g = await openaiError(
      h.openai().chat.completions.create({ model: 'google/gemini-2.5-flash', messages: USER }),
    );
    assert.ok(g instanceof OpenAI.BadRequestError);
    assert.equal((g.error as { message: string }).message, 'Request contains an invalid argument.');
  });

  test('upstream 500: 502 naming the provider', async () => {
    h.openaiUp.script({ status: 500 });
    const e = await openaiError(h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
    assert.equal(e.status, 502);
    assert.match(e.message, /provider openai failed \(HTTP 500\)/);
    assert.equal(e.headers?.get('x-switchyard-provider'), 'openai');

    h.anthropicUp.script({ status: 500 });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.equal(ae.status, 502);
    assert.match(ae.error.error.message, /provider anthropic failed \(HTTP 500\)/);

    h.geminiUp.script({ status: 500 });
    const ge = await anthropicError(
      h.anthropic().messages.create({ model: 'google/gemini-2.5-flash', max_tokens: 10, messages: USER }),
    );
    assert.equal(ge.status, 502);
    assert.match(ge.error.error.message, /provider google/);
  });

  test('upstream 503 and 529: 503', async () => {
    h.openaiUp.script({ status: 503 });
    const e = await openaiError(h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
    assert.equal(e.status, 503);
    assert.match(e.message, /provider openai is overloaded/);

    h.anthropicUp.script({ status: 529 });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.equal(ae.status, 503);
    assert.equal(ae.error.error.type, 'overloaded_error');

    h.anthropicUp.script({ status: 529 });
    const x = await openaiError(
      h.openai().chat.completions.create({ model: ANTHROPIC_MODEL, messages: USER }),
    );
    assert.equal(x.status, 503);
    assert.match(x.message, /provider anthropic is overloaded \(HTTP 529\)/);
  });

  test('an unreachable provider: 502 naming it', async () => {
    const e = await openaiError(
      h.openai().chat.completions.create({ model: 'deadai/any-model', messages: USER }),
    );
    assert.equal(e.status, 502);
    assert.match(e.message, /Could not connect to provider deadai/);
    assert.equal(e.headers?.get('x-switchyard-provider'), 'deadai');
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: 'deadai/any-model', max_tokens: 10, messages: USER }),
    );
    assert.equal(ae.status, 502);
    assert.equal(ae.error.error.type, 'api_error');
    assert.match(ae.error.error.message, /provider deadai/);
  });

  test('a malformed (not JSON) answer: 502, passthrough and translated', async () => {
    h.openaiUp.script({ kind: 'malformed' });
    const e = await openaiError(h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
    assert.equal(e.status, 502);
    assert.match(e.message, /provider openai returned a malformed response/);

    h.openaiUp.script({ kind: 'malformed' });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: OPENAI_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.equal(ae.status, 502);
    assert.match(ae.error.error.message, /provider openai returned a malformed response/);

    h.anthropicUp.script({ kind: 'malformed' });
    const x = await openaiError(
      h.openai().chat.completions.create({ model: ANTHROPIC_MODEL, messages: USER }),
    );
    assert.equal(x.status, 502);
    assert.match(x.message, /provider anthropic/);
  });
});

describe('provider failures outside chat', () => {
  test('a provider rejecting the gateway’s own key: 502 (the operator’s problem), not 401', async () => {
    h.openaiUp.script({ status: 401 });
    const e = await openaiError(h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
    assert.equal(e.status, 502);
    assert.match(e.message, /provider openai rejected the gateway's credentials/);
    h.anthropicUp.script({ status: 403 });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: ANTHROPIC_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.equal(ae.status, 502);
  });

  test('a connection dropped in the middle of a JSON answer: 502 saying the connection failed', async () => {
    h.openaiUp.script({ kind: 'drop-mid-stream', afterEvents: 1 });
    const e = await openaiError(h.openai().chat.completions.create({ model: OPENAI_MODEL, messages: USER }));
    assert.equal(e.status, 502);
    assert.match(e.message, /connection to provider openai failed/);

    h.openaiUp.script({ kind: 'drop-mid-stream', afterEvents: 1 });
    const ae = await anthropicError(
      h.anthropic().messages.create({ model: OPENAI_MODEL, max_tokens: 10, messages: USER }),
    );
    assert.equal(ae.status, 502);
    assert.match(ae.error.error.message, /connection to provider openai failed/);

    h.geminiUp.script({ kind: 'drop-mid-stream', afterEvents: 1 });
    const ge = await openaiError(
      h.openai().embeddings.create({ model: 'google/gemini-embedding-001', input: 'x' }),
    );
    assert.equal(ge.status, 502);
    assert.match(ge.message, /connection to provider google failed/);
  });

  test('embeddings: a malformed or unreadable answer is 502 naming the provider', async () => {
    h.openaiUp.script({ kind: 'malformed' });
    const e = await openaiError(
      h.openai().embeddings.create({ model: 'openai/text-embedding-3-small', input: 'x' }),
    );
    assert.equal(e.status, 502);
    assert.match(e.message, /provider openai returned a malformed response/);
    assert.equal(e.headers?.get('x-switchyard-provider'), 'openai');

    h.geminiUp.script({ kind: 'malformed' });
    const g = await openaiError(
      h.openai().embeddings.create({ model: 'google/gemini-embedding-001', input: 'x' }),
    );
    assert.equal(g.status, 502);
    assert.match(g.message, /provider google returned a malformed response/);

    h.geminiUp.script({ kind: 'respond', status: 200, body: { unexpected: true } });
    const u = await openaiError(
      h.openai().embeddings.create({ model: 'google/gemini-embedding-001', input: 'x' }),
    );
    assert.equal(u.status, 502);
    assert.match(u.message, /provider google returned a response that could not be read/);
    assert.equal(u.headers?.get('x-switchyard-provider'), 'google');
  });

  test('embeddings: a provider 429 stays 429 with retry-after', async () => {
    h.openaiUp.script({ status: 429, retryAfter: 5 });
    const e = await openaiError(
      h.openai().embeddings.create({ model: 'openai/text-embedding-3-small', input: 'x' }),
    );
    assert.ok(e instanceof OpenAI.RateLimitError);
    assert.equal(e.headers?.get('retry-after'), '5');
  });
});

describe('failures in the middle of a stream end it with an error event', () => {
  /** reads an OpenAI SDK stream; returns the text received before it threw, and the error */
  async function readOpenAIStream(model: string) {
    const s = await h.openai().chat.completions.create({ model, messages: USER, stream: true });
    let text = '';
    let finish: string | null | undefined;
    const error = await rejection(
      (async () => {
        for await (const chunk of s) {
          text += chunk.choices[0]?.delta?.content ?? '';
          finish = chunk.choices[0]?.finish_reason ?? finish;
        }
      })(),
    );
    assert.equal(finish, undefined, 'a cut-off answer must not look finished');
    return { text, error: error as Error };
  }

  async function readAnthropicStream(model: string) {
    const s = await h.anthropic().messages.create({ model, max_tokens: 100, messages: USER, stream: true });
    const types: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const ev of s) types.push(ev.type);
      })(),
    );
    assert.ok(!types.includes('message_stop'), 'a cut-off answer must not look finished');
    return { types, error: error as Error };
  }

  test('a drop mid-stream: OpenAI client, passthrough and translated', async () => {
    h.openaiUp.script({ kind: 'drop-mid-stream', afterEvents: 2 });
    const same = await readOpenAIStream(OPENAI_MODEL);
    assert.ok(same.error instanceof OpenAI.APIError, String(same.error));
    assert.match(same.error.message, /provider openai .*cut off/);
    assert.equal(same.text, 'Echo:');

    h.anthropicUp.script({ kind: 'drop-mid-stream', afterEvents: 4 });
    const cross = await readOpenAIStream(ANTHROPIC_MODEL);
    assert.ok(cross.error instanceof OpenAI.APIError, String(cross.error));
    assert.match(cross.error.message, /provider anthropic .*cut off/);
  });

  test('a drop mid-stream: Anthropic client, passthrough and translated', async () => {
    h.anthropicUp.script({ kind: 'drop-mid-stream', afterEvents: 4 });
    const same = await readAnthropicStream(ANTHROPIC_MODEL);
    assert.ok(same.error instanceof Anthropic.APIError, String(same.error));
    assert.match(same.error.message, /provider anthropic .*cut off/);
    assert.ok(same.types.includes('message_start'));

    h.openaiUp.script({ kind: 'drop-mid-stream', afterEvents: 2 });
    const cross = await readAnthropicStream(OPENAI_MODEL);
    assert.ok(cross.error instanceof Anthropic.APIError, String(cross.error));
    assert.match(cross.error.message, /provider openai .*cut off/);
    assert.ok(cross.types.includes('content_block_delta'));

    // the helper stream API rejects too, rather than resolving with half an answer
    h.openaiUp.script({ kind: 'drop-mid-stream', afterEvents: 2 });
    await anthropicError(
      h.anthropic().messages.stream({ model: OPENAI_MODEL, max_tokens: 100, messages: USER }).finalMessage(),
    );
  });

  test('an in-stream error event: OpenAI client, passthrough and translated', async () => {
    h.openaiUp.script({ kind: 'stream-error-event', afterEvents: 2 });
    const same = await readOpenAIStream(OPENAI_MODEL);
    assert.ok(same.error instanceof OpenAI.APIError, String(same.error));
    assert.match(same.error.message, /The server had an error while processing your request/);

    h.anthropicUp.script({ kind: 'stream-error-event', afterEvents: 4 });
    const cross = await readOpenAIStream(ANTHROPIC_MODEL);
    assert.ok(cross.error instanceof OpenAI.APIError, String(cross.error));
    assert.match(cross.error.message, /Overloaded/);

    h.geminiUp.script({ kind: 'stream-error-event', afterEvents: 1 });
    const gem = await readOpenAIStream('google/gemini-2.5-flash');
    assert.ok(gem.error instanceof OpenAI.APIError, String(gem.error));
    assert.match(gem.error.message, /overloaded/i);
  });

  test('an in-stream error event: Anthropic client, passthrough and translated', async () => {
    h.anthropicUp.script({ kind: 'stream-error-event', afterEvents: 4 });
    const same = await readAnthropicStream(ANTHROPIC_MODEL);
    assert.ok(same.error instanceof Anthropic.APIError, String(same.error));
    assert.match(same.error.message, /overloaded_error/);

    h.openaiUp.script({ kind: 'stream-error-event', afterEvents: 2 });
    const cross = await readAnthropicStream(OPENAI_MODEL);
    assert.ok(cross.error instanceof Anthropic.APIError, String(cross.error));
    assert.match(cross.error.message, /The server had an error while processing your request/);
  });
});
