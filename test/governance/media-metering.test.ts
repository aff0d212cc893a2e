// Governed media calls, as a customer makes them with a virtual key of a prepaid org: each
// charge is units × the catalog's unit price exactly (images, seconds of audio, characters,
// rerank search units) or the reported tokens at token prices (gpt-image, legacy completions);
// usage rows carry the units; a failure charges nothing; bad input and a model of the wrong kind
// leave nothing behind; a model without a price for the endpoint's unit is refused, never billed $0;
// the worst case is reserved before the call.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import { MASTER_KEY } from '../e2e/harness.js';
import { type MediaHarness, startMediaHarness } from '../e2e/media-harness.js';
import { fakeWav } from '../fakes/openai/start-fake-openai-media.js';
import { type BackendInstance, eachBackend } from '../support/stores.js';

let m: MediaHarness;

async function admin<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`${m.h.url}/admin/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  assert.ok(r.status < 300, `${method} ${path} → ${r.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function newKey(name: string, topUpUsd = '5') {
  const org = await admin<{ id: string }>('POST', '/orgs', { name });
  const project = await admin<{ id: string }>('POST', `/orgs/${org.id}/projects`, { name: 'app' });
  await admin('POST', `/orgs/${org.id}/credits/topups`, { usd: topUpUsd });
  const k = await admin<{ id: string; key: string }>('POST', `/orgs/${org.id}/keys`, {
    name: 'k',
    project_id: project.id,
  });
  return {
    orgId: org.id,
    projectId: project.id,
    keyId: k.id,
    client: new OpenAI({ baseURL: `${m.h.url}/v1`, apiKey: k.key, maxRetries: 0 }),
    key: k.key,
  };
}

async function rows(keyId: string) {
  await m.h.gw.governance.usage.flush();
  return m.h.gw.governance.store.db
    .selectFrom('usage_events')
    .selectAll()
    .where('key_id', '=', keyId)
    .execute();
}

async function charged(orgId: string): Promise<number[]> {
  const list = await m.h.gw.governance.store.db
    .selectFrom('ledger_entries')
    .select('amount_nanos')
    .where('org_id', '=', orgId)
    .where('kind', '=', 'charge')
    .execute();
  return list.map((r) => -Number(r.amount_nanos));
}

/** the one usage row of a key, checked to be charged `nanos` in the ledger too */
async function onlyRow(k: { keyId: string; orgId: string }, nanos: number) {
  const list = await rows(k.keyId);
  assert.equal(list.length, 1, JSON.stringify(list));
  const row = list[0]!;
  assert.equal(Number(row.cost_nanos), nanos);
  assert.equal(Number(row.charged_nanos), nanos);
  assert.deepEqual(await charged(k.orgId), [nanos]);
  return row;
}

for (const backend of eachBackend()) {
  describe(`governed media calls (${backend.name})`, { skip: backend.skip }, () => {
    let b: BackendInstance | undefined;
    before(async () => {
      b = await backend.open();
      // an OpenAI model the catalog does not list is accepted, and has no price of any kind
      m = await startMediaHarness({ openai: { allow_unlisted_models: true }, config: { ...b.config } });
    });
    after(async () => {
      await m?.close();
      await b?.cleanup();
    });

    describe('charges in the catalog units', () => {
      test('images: 2 × dall-e-3 at $0.04 each', async () => {
        const k = await newKey('Images');
        const r = await k.client.images.generate({ model: 'openai/dall-e-3', prompt: 'a harbour', n: 2 });
        assert.equal(r.data!.length, 2);
        const row = await onlyRow(k, 2 * 40_000_000);
        assert.equal(row.units, 2);
        assert.equal(row.unit_kind, 'image');
        assert.equal(row.endpoint, 'images.generations');
      });

      test('images priced by the token: gpt-image-1 usage at $5 input and $40 output-image per million', async () => {
        const k = await newKey('Image tokens');
        await k.client.images.generate({ model: 'openai/gpt-image-1', prompt: 'a harbour' });
        // the fake reports 10 input tokens and 1056 output (image) tokens
        const row = await onlyRow(k, (10 * 5_000_000 + 1056 * 40_000_000) / 1000);
        assert.equal(row.input_tokens, 10);
        assert.equal(row.output_tokens, 1056);
        assert.equal(row.units, 1);
      });

      test('transcription: whisper-1 at $0.0001 per second, seconds from the provider (2.5 s audio → 3 s billed)', async () => {
        const k = await newKey('Transcripts');
        await k.client.audio.transcriptions.create({
          model: 'openai/whisper-1',
          file: await toFile(fakeWav(2.5), 'a.wav'),
        });
        const row = await onlyRow(k, 3 * 100_000);
        assert.equal(row.units, 3);
        assert.equal(row.unit_kind, 'second');
        assert.equal(row.estimated, 0);
      });

      test('transcription priced by the token: gpt-4o-transcribe usage at $2.50 audio in, $10 out', async () => {
        const k = await newKey('Transcript tokens');
        await k.client.audio.transcriptions.create({
          model: 'openai/gpt-4o-transcribe',
          file: await toFile(fakeWav(2), 'a.wav'),
        });
        // the fake reports 10 input tokens per second and 8 output tokens
        const row = await onlyRow(k, (20 * 2_500_000 + 8 * 10_000_000) / 1000);
        assert.equal(row.input_tokens, 20);
        assert.equal(row.output_tokens, 8);
        assert.equal(row.units, 2);
      });

      test('speech: tts-1 at $15 per million characters', async () => {
        const k = await newKey('Speech');
        const input = 'Welcome aboard, the ferry leaves at noon. ✓';
        const r = await k.client.audio.speech.create({
          model: 'openai/tts-1',
          voice: 'alloy',
          input,
          response_format: 'wav',
        });
        await r.arrayBuffer();
        const chars = [...input].length;
        // $15 per million characters = 15 000 nano-USD per character
        const row = await onlyRow(k, chars * 15_000);
        assert.equal(row.units, chars);
        assert.equal(row.unit_kind, 'character');
      });

      test('speech priced by the token: gpt-4o-mini-tts usage from its event stream at $2.50 in, $12 audio out', async () => {
        const k = await newKey('Speech tokens');
        const input = 'Welcome aboard.';
        const r = await k.client.audio.speech.create({
          model: 'openai/gpt-4o-mini-tts',
          voice: 'coral',
          input,
          response_format: 'wav',
        });
        const audio = Buffer.from(await r.arrayBuffer());
        // the fake reports ceil(characters / 4) input tokens and ceil(audio bytes / 200) output tokens
        const inTok = Math.ceil(input.length / 4);
        const outTok = Math.ceil(audio.length / 200);
        const row = await onlyRow(k, (inTok * 2_500_000 + outTok * 12_000_000) / 1000);
        assert.equal(row.input_tokens, inTok);
        assert.equal(row.output_tokens, outTok);
        assert.equal(row.estimated, 0);
      });

      test('rerank: cohere/rerank-v3.5 at $0.002 per search unit; voyage/rerank-2 by its reported tokens', async () => {
        const k = await newKey('Rerank');
        const body = {
          model: 'cohere/rerank-v3.5',
          query: 'ferry times',
          documents: ['the ferry leaves at noon', 'buses run hourly'],
        };
        const r = await fetch(`${m.h.url}/v1/rerank`, {
          method: 'POST',
          headers: { authorization: `Bearer ${k.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        assert.equal(r.status, 200);
        const row = await onlyRow(k, 2_000_000);
        assert.equal(row.units, 1);
        assert.equal(row.unit_kind, 'query');

        const v = await newKey('Voyage');
        const rv = await fetch(`${m.h.url}/v1/rerank`, {
          method: 'POST',
          headers: { authorization: `Bearer ${v.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...body, model: 'voyage/rerank-2' }),
        });
        const tokens = ((await rv.json()) as { usage: { total_tokens: number } }).usage.total_tokens;
        // $0.05 per million tokens = 50 000 pico-USD per token, half up to the nano
        const vrow = await onlyRow(v, Math.round((tokens * 50_000) / 1000));
        assert.equal(vrow.input_tokens, tokens);
      });

      test('legacy completions: gpt-3.5-turbo-instruct at $1.50 / $2.00 per million tokens', async () => {
        const k = await newKey('Completions');
        const r = await k.client.completions.create({
          model: 'openai/gpt-3.5-turbo-instruct',
          prompt: 'Once upon a time',
          max_tokens: 4,
        });
        const u = r.usage!;
        const row = await onlyRow(
          k,
          Math.round((u.prompt_tokens * 1_500_000 + u.completion_tokens * 2_000_000) / 1000),
        );
        assert.equal(row.units, 0);
        assert.equal(row.unit_kind, null);
      });

      test("the org's discount applies to unit prices too: 10 % off a $0.04 image", async () => {
        const k = await newKey('Discounted');
        await admin('PUT', `/orgs/${k.orgId}/discount`, { discount_bps: 1000 });
        await k.client.images.generate({ model: 'openai/dall-e-3', prompt: 'x' });
        await onlyRow(k, 36_000_000);
      });

      test('the org usage report sums the units by kind', async () => {
        const k = await newKey('Report');
        await k.client.images.generate({ model: 'openai/dall-e-3', prompt: 'x', n: 3 });
        await k.client.audio.speech
          .create({ model: 'openai/tts-1', voice: 'alloy', input: 'abcde', response_format: 'wav' })
          .then((r) => r.arrayBuffer());
        await m.h.gw.governance.usage.flush();
        const report = await admin<{ totals: Record<string, unknown> }>(
          'GET',
          `/orgs/${k.orgId}/usage?bucket=none`,
        );
        assert.equal(report.totals.images, 3);
        assert.equal(report.totals.characters, 5);
        assert.equal(report.totals.audio_seconds, 0);
        assert.equal(report.totals.cost_nanos, String(3 * 40_000_000 + 5 * 15_000));
      });
    });

    describe('what is never charged', () => {
      test('an upstream failure is recorded and charges nothing', async () => {
        const k = await newKey('Failure');
        m.media.failNext(500);
        await assert.rejects(
          k.client.images.generate({ model: 'openai/dall-e-3', prompt: 'x' }),
          (e: unknown) => e instanceof OpenAI.APIError && e.status === 502,
        );
        const list = await rows(k.keyId);
        assert.equal(list.length, 1);
        assert.equal(list[0]!.status, 502);
        assert.equal(Number(list[0]!.charged_nanos), 0);
        assert.equal(list[0]!.units, 0);
        assert.deepEqual(await charged(k.orgId), []);
      });

      test('bad input and a model of the wrong kind: 400, nothing recorded, nothing sent upstream', async () => {
        const k = await newKey('Bad input');
        const sent = m.media.requests.length;
        await assert.rejects(
          k.client.images.generate({ model: 'openai/dall-e-3', prompt: '' }),
          (e: unknown) => e instanceof OpenAI.APIError && e.status === 400,
        );
        await assert.rejects(
          k.client.images.generate({ model: 'openai/tts-1', prompt: 'x' }),
          (e: unknown) => e instanceof OpenAI.APIError && e.status === 400,
        );
        await assert.rejects(
          k.client.audio.speech.create({ model: 'openai/dall-e-3', voice: 'alloy', input: 'x' }),
          (e: unknown) => e instanceof OpenAI.APIError && e.status === 400,
        );
        assert.equal(m.media.requests.length, sent);
        assert.equal((await rows(k.keyId)).length, 0);
        assert.deepEqual(await charged(k.orgId), []);
      });

      test("a key's endpoint scope names the media endpoints", async () => {
        const k = await newKey('Scoped');
        const scoped = await admin<{ key: string }>('POST', `/orgs/${k.orgId}/keys`, {
          name: 'images only',
          project_id: k.projectId,
          endpoints: ['images.generations'],
        });
        const c = new OpenAI({ baseURL: `${m.h.url}/v1`, apiKey: scoped.key, maxRetries: 0 });
        const r = await c.images.generate({ model: 'sim/image', prompt: 'x' });
        assert.equal(r.data!.length, 1);
        await assert.rejects(
          c.audio.speech.create({ model: 'sim/speech', voice: 'alloy', input: 'x', response_format: 'wav' }),
          (e: unknown) => e instanceof OpenAI.APIError && e.status === 403 && /audio\.speech/.test(e.message),
        );
      });

      test('the worst case is reserved first: credits for one image but not two are refused with 402', async () => {
        const k = await newKey('Tight', '0.05');
        const sent = m.media.requests.length;
        await assert.rejects(
          k.client.images.generate({ model: 'openai/dall-e-3', prompt: 'x', n: 2 }),
          (e: unknown) => e instanceof OpenAI.APIError && e.status === 402,
        );
        assert.equal(m.media.requests.length, sent);
        await k.client.images.generate({ model: 'openai/dall-e-3', prompt: 'x', n: 1 });
        await onlyRow(k, 40_000_000);
      });

      test('a model with no price for the unit (nor tokens) is refused, never billed $0', async () => {
        const k = await newKey('Unpriced');
        const sent = m.media.requests.length;
        await assert.rejects(
          k.client.images.generate({ model: 'openai/house-image-model', prompt: 'x' }),
          (e: unknown) => {
            assert.ok(e instanceof OpenAI.APIError && e.status === 400);
            assert.equal((e.error as { code?: string }).code, 'model_not_priced');
            assert.match(e.message, /bills per image/);
            return true;
          },
        );
        assert.equal(m.media.requests.length, sent);
        assert.equal((await rows(k.keyId)).length, 0);
      });
    });
  });
}
