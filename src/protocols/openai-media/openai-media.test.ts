import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../canonical/errors.js';
import {
  billedSeconds,
  chatPromptOf,
  completionsClient,
  completionsToChatBody,
  decodeImagesRequest,
  decodeSpeechRequest,
  encodeUpload,
  imagesUsage,
  measureTranscription,
  readTranscriptionUpload,
  silentWav,
  wavDurationSeconds,
} from './index.js';

const is400 = (param: string) => (e: unknown) =>
  e instanceof GatewayError && e.status === 400 && e.param === param;

test('WAV length from the header; billed seconds round to the nearest, at least 1', () => {
  assert.equal(wavDurationSeconds(silentWav(2.5)), 2.5);
  assert.equal(wavDurationSeconds(Buffer.from('ID3 not a wav file at all')), undefined);
  assert.equal(billedSeconds(2.5), 3);
  assert.equal(billedSeconds(2.4), 2);
  assert.equal(billedSeconds(0.2), 1);
  assert.equal(billedSeconds(0), 0);
});

test('images and speech requests: the checks, and what metering needs', () => {
  assert.equal(decodeImagesRequest({ model: 'm', prompt: 'p', n: 3 }).n, 3);
  assert.throws(() => decodeImagesRequest({ model: 'm', prompt: 'p', n: 0 }), is400('n'));
  assert.throws(() => decodeImagesRequest({ model: 'm' }), is400('prompt'));
  assert.throws(
    () => decodeImagesRequest({ model: 'm', prompt: 'p', response_format: 'png' }),
    is400('response_format'),
  );
  assert.deepEqual(imagesUsage({ usage: { input_tokens: 10, output_tokens: 1056 } }), {
    inputTokens: 10,
    outputTokens: 1056,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
  });
  assert.equal(imagesUsage({ data: [] }), undefined);
  assert.equal(decodeSpeechRequest({ model: 'm', input: 'héllo ✓', voice: 'alloy' }).characters, 7);
  assert.throws(
    () => decodeSpeechRequest({ model: 'm', input: 'x'.repeat(4097), voice: 'alloy' }),
    is400('input'),
  );
  assert.throws(() => decodeSpeechRequest({ model: 'm', input: 'x' }), is400('voice'));
});

test('transcription answers say how long the audio was, or how many tokens it took', () => {
  assert.deepEqual(measureTranscription('{"text":"a","usage":{"type":"duration","seconds":9}}', 'json'), {
    seconds: 9,
  });
  assert.deepEqual(
    measureTranscription(
      '{"text":"a","usage":{"type":"tokens","input_tokens":14,"output_tokens":3}}',
      'json',
    ),
    { inputTokens: 14, outputTokens: 3 },
  );
  assert.deepEqual(measureTranscription('{"text":"a","duration":8.47}', 'verbose_json'), { seconds: 8.47 });
  assert.deepEqual(measureTranscription('1\n00:00:00,000 --> 00:01:02,500\nhi\n', 'srt'), { seconds: 62.5 });
  assert.deepEqual(measureTranscription('hello', 'text'), {});
});

test('uploads: read with the platform parser, re-encoded with fields replaced and the file intact', async () => {
  const form = new FormData();
  form.append('model', 'openai/whisper-1');
  form.append('file', new Blob([silentWav(1)]), 'a.wav');
  const req = new Request('http://x/', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const upload = await readTranscriptionUpload(body, req.headers.get('content-type')!);
  assert.equal(upload.model, 'openai/whisper-1');
  const out = await encodeUpload(upload.form, { model: 'whisper-1', response_format: 'json' });
  const back = await new Response(out.body, { headers: { 'content-type': out.contentType } }).formData();
  assert.equal(back.get('model'), 'whisper-1');
  assert.equal(back.get('response_format'), 'json');
  assert.ok(Buffer.from(await (back.get('file') as File).arrayBuffer()).equals(silentWav(1)));
  await assert.rejects(readTranscriptionUpload(Buffer.from('{}'), 'application/json'), is400('file'));
  const noFile = new FormData();
  noFile.append('model', 'm');
  const r2 = new Request('http://x/', { method: 'POST', body: noFile });
  await assert.rejects(
    readTranscriptionUpload(Buffer.from(await r2.arrayBuffer()), r2.headers.get('content-type')!),
    is400('file'),
  );
});

test('legacy completions on a chat model: one user turn, only where faithful', () => {
  assert.deepEqual(completionsToChatBody({ model: 'm', prompt: ['Once'], temperature: 0 }), {
    model: 'm',
    messages: [{ role: 'user', content: 'Once' }],
    max_tokens: 16,
    temperature: 0,
  });
  assert.throws(() => chatPromptOf({ prompt: [1, 2] }), is400('prompt'));
  assert.throws(() => chatPromptOf({ prompt: 'x', echo: true }), is400('echo'));
  assert.throws(() => chatPromptOf({ prompt: 'x', best_of: 3 }), is400('best_of'));
  const res = completionsClient.encodeResponse(
    {
      id: 'msg_1',
      model: 'x',
      created: 1,
      content: [{ type: 'text', text: 'Hi' }],
      stopReason: 'max_tokens',
      usage: { inputTokens: 3, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    },
    'sim/fast',
  ) as {
    object: string;
    choices: { text: string; finish_reason: string }[];
    usage: { total_tokens: number };
  };
  assert.equal(res.object, 'text_completion');
  assert.equal(res.choices[0]!.text, 'Hi');
  assert.equal(res.choices[0]!.finish_reason, 'length');
  assert.equal(res.usage.total_tokens, 4);
  const enc = completionsClient.createStreamEncoder({ model: 'sim/fast', includeUsage: true });
  let sse = enc.encode({ type: 'start', id: 'x', model: 'x', created: 5 });
  sse += enc.encode({ type: 'text_delta', text: 'Hi' });
  sse += enc.encode({ type: 'finish', stopReason: 'end_turn' });
  sse += enc.encode({ type: 'usage', usage: { inputTokens: 3, outputTokens: 1 } });
  sse += enc.finish();
  const events = sse
    .split('\n\n')
    .filter(Boolean)
    .map((e) => e.slice(6));
  assert.equal(events.at(-1), '[DONE]');
  const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
  assert.equal(chunks[0].choices[0].text, 'Hi');
  assert.equal(chunks[1].choices[0].finish_reason, 'stop');
  assert.deepEqual(chunks[2].usage, { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
  assert.deepEqual(chunks[2].choices, []);
});
