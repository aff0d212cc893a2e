// Google Vertex AI as an upstream: Gemini models (generateContent / streamGenerateContent on
// Vertex's URL) and Claude on Vertex (rawPredict / streamRawPredict), authenticated with an
// OAuth access token that google-auth-library gets for a service account from a fake token
// endpoint (the key file's token_uri; the fake checks the JWT's RS256 signature with a
// throwaway RSA key made here), through the OpenAI and Anthropic SDKs.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { GoogleGenAI } from '@google/genai';
import { type FakeUpstream, startFakeAnthropic, startFakeGemini } from '../fakes/index.js';
import { type FakeGoogleOAuth, startFakeGoogleOAuth } from '../fakes/vertex/start-fake-google-oauth.js';
import { type FakeVertex, startFakeVertex } from '../fakes/vertex/start-fake-vertex.js';
import { type Harness, MASTER_KEY, startHarness } from './harness.js';

const PROJECT = 'switchyard-test';
const LOCATION = 'europe-west4';
const EMAIL = 'gateway@switchyard-test.iam.gserviceaccount.com';

let dir: string;
let oauth: FakeGoogleOAuth;
let gemini: FakeUpstream;
let anthropic: FakeUpstream;
let vertex: FakeVertex;
let h: Harness;
let keyPem: string;

const rsa = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

function keyFile(name: string, privateKey: string, tokenUri: string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: PROJECT,
      private_key_id: 'key-1',
      private_key: privateKey,
      client_email: EMAIL,
      client_id: '1234567890',
      token_uri: tokenUri,
    }),
  );
  return path;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-vertex-'));
  const good = rsa();
  const other = rsa();
  keyPem = good.privateKey;
  [oauth, gemini, anthropic] = await Promise.all([
    startFakeGoogleOAuth({ clientEmail: EMAIL, publicKeyPem: good.publicKey }),
    startFakeGemini(),
    startFakeAnthropic(),
  ]);
  vertex = await startFakeVertex({
    project: PROJECT,
    location: LOCATION,
    isValidToken: oauth.isValid,
    gemini,
    anthropic,
  });
  const base = (publisher: string) =>
    `${vertex.url}/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/${publisher}`;
  h = await startHarness({
    config: {
      providers: {
        'google-vertex': {
          base_url: base('google'),
          vertex: {
            credentials_file: keyFile('good.json', good.privateKey, oauth.tokenUri),
            location: LOCATION,
          },
        },
        'google-vertex-anthropic': {
          base_url: base('anthropic'),
          vertex: { credentials_file: join(dir, 'good.json'), location: LOCATION },
        },
        'vertex-wrong-key': {
          preset: 'google-vertex',
          base_url: base('google'),
          vertex: {
            credentials_file: keyFile('other.json', other.privateKey, oauth.tokenUri),
            location: LOCATION,
          },
        },
      },
    },
  });
});
after(async () => {
  await h?.close();
  await Promise.all([vertex?.close(), oauth?.close(), gemini?.close(), anthropic?.close()]);
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  vertex.reset();
  h.resetUpstreams();
});

describe('Gemini on Vertex AI', () => {
  test('generateContent on the project/location URL with a service-account access token', async () => {
    const r = await h.openai().chat.completions.create({
      model: 'google-vertex/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Hello Vertex' }],
    });
    assert.equal(r.choices[0]!.message.content, 'Echo: Hello Vertex');
    const seen = vertex.requests.at(-1)!;
    assert.equal(
      seen.path,
      `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/google/models/gemini-2.5-flash:generateContent`,
    );
    assert.ok(oauth.isValid(String(seen.headers.authorization).slice(7)));
    assert.equal(seen.headers['x-goog-api-key'], undefined);
  });

  test('streaming with a tool call; the token is cached by the library, not fetched per request', async () => {
    const before = oauth.issued.length;
    const stream = await h.openai().chat.completions.create({
      model: 'google-vertex/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'Weather in Rome?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
      stream: true,
    });
    let args = '';
    let finish: string | null | undefined;
    for await (const c of stream) {
      args += c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    assert.deepEqual(JSON.parse(args), { city: 'Paris' });
    assert.equal(finish, 'tool_calls');
    const seen = vertex.requests.at(-1)!;
    assert.match(seen.path, /:streamGenerateContent$/);
    assert.equal(seen.query, 'alt=sse');
    assert.equal(
      oauth.issued.length,
      before,
      'a new token was fetched although the first is valid for an hour',
    );
    assert.ok(oauth.issued.length >= 1);
  });

  test('a recorded Vertex stream (streamed function-call arguments) reaches an OpenAI client as one whole tool call', async () => {
    gemini.script({
      kind: 'fixture',
      file: 'google/generate-content/google-vertex-stream-tool-call-arguments-nested.1.chunks.txt',
    });
    const stream = await h.openai().chat.completions.create({
      model: 'google-vertex/gemini-2.5-flash',
      messages: [{ role: 'user', content: 'A lasagna recipe, please' }],
      tools: [{ type: 'function', function: { name: 'cookRecipe', parameters: { type: 'object' } } }],
      stream: true,
    });
    let name = '';
    let args = '';
    for await (const c of stream) {
      const tc = c.choices[0]?.delta.tool_calls?.[0];
      if (tc?.function?.name) name = tc.function.name;
      args += tc?.function?.arguments ?? '';
    }
    assert.equal(name, 'cookRecipe');
    const recipe = JSON.parse(args).recipe;
    assert.deepEqual(recipe.ingredients[0], { amount: '16 oz', name: 'Lasagna noodles' });
    assert.equal(recipe.steps.at(-1), 'Let stand for 15 minutes before serving.');
  });

  test("another publisher's Model-as-a-Service model goes under its publisher", async () => {
    const r = await h.openai().chat.completions.create({
      model: 'google-vertex/meta/llama-3.3-70b-instruct-maas',
      messages: [{ role: 'user', content: 'Hello Llama' }],
    });
    assert.equal(r.choices[0]!.message.content, 'Echo: Hello Llama');
    assert.equal(
      vertex.requests.at(-1)!.path,
      `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/meta/models/llama-3.3-70b-instruct-maas:generateContent`,
    );
  });

  test('a key the token endpoint refuses: a 502 naming the provider, no secret in the message', async () => {
    await assert.rejects(
      h.openai().chat.completions.create({
        model: 'vertex-wrong-key/gemini-2.5-flash',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (e: { status?: number; message?: string }) => {
        assert.equal(e.status, 502);
        assert.match(String(e.message), /Could not get a Google access token for provider vertex-wrong-key/);
        assert.ok(!String(e.message).includes('PRIVATE KEY'));
        assert.ok(!String(e.message).includes(keyPem.slice(40, 80)));
        return true;
      },
    );
    assert.ok(oauth.refused.includes('Invalid JWT Signature.'));
    assert.equal(vertex.requests.length, 0, 'nothing reached Vertex without a token');
  });
});

describe('Vertex from the Gemini API and the Responses API', () => {
  test('@google/genai generateContentStream to a Gemini model on Vertex', async () => {
    const ai = new GoogleGenAI({ apiKey: MASTER_KEY, httpOptions: { baseUrl: h.url } });
    let text = '';
    for await (const c of await ai.models.generateContentStream({
      model: 'google-vertex/gemini-2.5-flash',
      contents: 'Hello from genai',
    }))
      text += c.text ?? '';
    assert.equal(text, 'Echo: Hello from genai');
    assert.match(
      vertex.requests.at(-1)!.path,
      /publishers\/google\/models\/gemini-2\.5-flash:streamGenerateContent$/,
    );
  });

  test('Responses API to Claude on Vertex', async () => {
    const r = await h.openai().responses.create({
      model: 'google-vertex-anthropic/claude-haiku-4-5',
      input: 'Hello Responses',
      store: false,
    });
    assert.equal(r.output_text, 'Echo: Hello Responses');
    assert.match(vertex.requests.at(-1)!.path, /publishers\/anthropic\/models\/claude-haiku-4-5:rawPredict$/);
  });
});

describe('Claude on Vertex AI', () => {
  test('rawPredict: Anthropic body with anthropic_version and no model, the model in the URL', async () => {
    const r = await h.openai().chat.completions.create({
      model: 'google-vertex-anthropic/claude-haiku-4-5@20251001',
      messages: [{ role: 'user', content: 'Hello Claude on Vertex' }],
      max_tokens: 100,
    });
    assert.equal(r.choices[0]!.message.content, 'Echo: Hello Claude on Vertex');
    const seen = vertex.requests.at(-1)!;
    assert.equal(
      seen.path,
      `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/anthropic/models/claude-haiku-4-5@20251001:rawPredict`,
    );
    assert.equal(seen.body.anthropic_version, 'vertex-2023-10-16');
    assert.equal(seen.body.model, undefined);
  });

  test("Claude models the catalog lists under google-vertex go to Anthropic's publisher too", async () => {
    const stream = await h.openai().chat.completions.create({
      model: 'google-vertex/claude-haiku-4-5@20251001',
      messages: [{ role: 'user', content: 'Claude via google-vertex' }],
      stream: true,
    });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    assert.equal(text, 'Echo: Claude via google-vertex');
    const seen = vertex.requests.at(-1)!;
    assert.equal(
      seen.path,
      `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/anthropic/models/claude-haiku-4-5@20251001:streamRawPredict`,
    );
    assert.equal(seen.body.anthropic_version, 'vertex-2023-10-16');
  });

  test('streamRawPredict through the Anthropic SDK', async () => {
    const msg = await h
      .anthropic()
      .messages.stream({
        model: 'google-vertex-anthropic/claude-haiku-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Stream on Vertex' }],
      })
      .finalMessage();
    assert.deepEqual(
      msg.content.map((b) => (b.type === 'text' ? b.text : b.type)),
      ['Echo: Stream on Vertex'],
    );
    assert.ok(msg.usage.output_tokens > 0);
    const seen = vertex.requests.at(-1)!;
    assert.match(seen.path, /\/claude-haiku-4-5:streamRawPredict$/);
    assert.equal(seen.body.stream, true);
  });
});
