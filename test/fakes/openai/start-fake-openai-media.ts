// A fake api.openai.com for the media and legacy endpoints, binary-safe (uploads and audio
// answers are bytes): POST /v1/images/generations, /v1/audio/transcriptions (multipart, WAV
// length read from the upload's header), /v1/audio/speech (WAV bytes, or OpenAI's speech event
// stream with usage for `stream_format: "sse"`, refused for tts-1 as OpenAI does), /v1/completions (whole and
// streamed, usage on request). OpenAI's auth and error bodies; `failNext(status)` answers the
// next request with that status.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MediaRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** the JSON body, or the multipart fields (files as {name, size, type}) */
  fields: Record<string, unknown>;
}

export interface FakeOpenAIMedia {
  url: string;
  baseUrl: string;
  apiKey: string;
  requests: MediaRequest[];
  failNext(status: number, message?: string): void;
  close(): Promise<void>;
}

const error = (
  status: number,
  message: string,
  type = 'invalid_request_error',
  param: string | null = null,
) => ({
  status,
  json: { error: { message, type, param, code: null } },
});

/** seconds of a PCM WAV upload (byte rate from `fmt `, size of `data`) */
function wavSeconds(b: Buffer): number | undefined {
  if (b.length < 44 || b.toString('ascii', 0, 4) !== 'RIFF') return undefined;
  let off = 12;
  let rate = 0;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    if (id === 'fmt ') rate = b.readUInt32LE(off + 16);
    if (id === 'data') return rate ? size / rate : undefined;
    off += 8 + size + (size % 2);
  }
  return undefined;
}

export function fakeWav(seconds: number, rate = 8000): Buffer {
  const data = Math.round(seconds * rate) * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(data, 40);
  return b;
}

/** a 1×1 PNG */
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

const COMPLETION_TEXT = ' a fake completion from the fake OpenAI server, one word at a time';

type Answer = { status: number; json?: unknown; bytes?: Buffer; type?: string; sse?: string[] };

export async function startFakeOpenAIMedia(options: { apiKey?: string } = {}): Promise<FakeOpenAIMedia> {
  const apiKey = options.apiKey ?? 'test-upstream-key';
  const requests: MediaRequest[] = [];
  const failures: { status: number; message: string }[] = [];

  async function answer(req: MediaRequest): Promise<Answer> {
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return error(401, 'Incorrect API key provided', 'invalid_request_error');
    const f = failures.shift();
    if (f) return error(f.status, f.message, f.status >= 500 ? 'server_error' : 'invalid_request_error');
    const b = req.fields as Record<string, any>;
    switch (req.path) {
      case '/v1/images/generations': {
        if (typeof b.prompt !== 'string')
          return error(400, "Missing required parameter: 'prompt'.", undefined, 'prompt');
        const n = b.n ?? 1;
        const data = Array.from({ length: n }, () =>
          b.response_format === 'url'
            ? { url: `https://fake-images.invalid/${Math.random().toString(36).slice(2)}.png` }
            : { b64_json: PNG_1PX },
        );
        const usage = String(b.model).startsWith('gpt-image')
          ? {
              input_tokens: 10,
              output_tokens: 1056 * n,
              total_tokens: 10 + 1056 * n,
              input_tokens_details: { text_tokens: 10, image_tokens: 0 },
            }
          : undefined;
        return {
          status: 200,
          json: { created: Math.floor(Date.now() / 1000), data, ...(usage ? { usage } : {}) },
        };
      }
      case '/v1/audio/transcriptions': {
        const file = b.file as { bytes?: Buffer } | undefined;
        if (!file?.bytes) return error(400, "Missing required parameter: 'file'.", undefined, 'file');
        if (typeof b.model !== 'string')
          return error(400, 'you must provide a model parameter', undefined, 'model');
        const seconds = wavSeconds(file.bytes);
        if (seconds === undefined) return error(400, 'Invalid file format.', undefined, 'file');
        const text = `Fake transcript of ${seconds.toFixed(1)} seconds.`;
        const usage = String(b.model).startsWith('gpt-4o')
          ? {
              type: 'tokens',
              input_tokens: Math.ceil(seconds * 10),
              output_tokens: 8,
              total_tokens: Math.ceil(seconds * 10) + 8,
            }
          : { type: 'duration', seconds: Math.ceil(seconds) };
        const format = b.response_format ?? 'json';
        if (format === 'text')
          return { status: 200, bytes: Buffer.from(`${text}\n`), type: 'text/plain; charset=utf-8' };
        if (format === 'verbose_json')
          return {
            status: 200,
            json: { task: 'transcribe', language: 'english', duration: seconds, text, segments: [], usage },
          };
        return { status: 200, json: { text, usage } };
      }
      case '/v1/audio/speech': {
        if (typeof b.input !== 'string' || b.input === '')
          return error(400, "Missing required parameter: 'input'.", undefined, 'input');
        if (typeof b.voice !== 'string')
          return error(400, "Missing required parameter: 'voice'.", undefined, 'voice');
        const wav = fakeWav(b.input.length / 15);
        const format = b.response_format ?? 'mp3';
        if (b.stream_format === 'sse') {
          if (String(b.model).startsWith('tts-1'))
            return error(
              400,
              `stream_format 'sse' is not supported for ${b.model}`,
              undefined,
              'stream_format',
            );
          const audio = format === 'wav' ? wav : wav.subarray(44);
          const frames: string[] = [];
          for (let i = 0; i < audio.length; i += 4096)
            frames.push(
              `data: ${JSON.stringify({ type: 'speech.audio.delta', audio: audio.subarray(i, i + 4096).toString('base64') })}\n\n`,
            );
          const input = Math.max(1, Math.ceil(b.input.length / 4));
          const output = Math.ceil(audio.length / 200);
          frames.push(
            `data: ${JSON.stringify({ type: 'speech.audio.done', usage: { input_tokens: input, output_tokens: output, total_tokens: input + output } })}\n\n`,
          );
          return { status: 200, sse: frames };
        }
        if (format === 'wav') return { status: 200, bytes: wav, type: 'audio/wav' };
        return {
          status: 200,
          bytes: Buffer.concat([Buffer.from('ID3\x04\x00\x00'), wav.subarray(44)]),
          type: 'audio/mpeg',
        };
      }
      case '/v1/completions': {
        if (b.prompt === undefined)
          return error(400, 'you must provide a prompt parameter', undefined, 'prompt');
        const words = COMPLETION_TEXT.split(/(?= )/).slice(0, b.max_tokens ?? 16);
        const text = words.join('');
        const promptText = Array.isArray(b.prompt) ? b.prompt.join('') : String(b.prompt);
        const usage = {
          prompt_tokens: Math.max(1, Math.ceil(promptText.length / 4)),
          completion_tokens: words.length,
          total_tokens: Math.max(1, Math.ceil(promptText.length / 4)) + words.length,
        };
        const id = `cmpl-fake${Date.now()}`;
        const finish = words.length < COMPLETION_TEXT.split(/(?= )/).length ? 'length' : 'stop';
        const base = {
          id,
          object: 'text_completion',
          created: Math.floor(Date.now() / 1000),
          model: b.model,
        };
        if (b.stream !== true)
          return {
            status: 200,
            json: { ...base, choices: [{ text, index: 0, logprobs: null, finish_reason: finish }], usage },
          };
        const frames = words.map(
          (w, i) =>
            `data: ${JSON.stringify({ ...base, choices: [{ text: w, index: 0, logprobs: null, finish_reason: i === words.length - 1 ? finish : null }] })}\n\n`,
        );
        if (b.stream_options?.include_usage)
          frames.push(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
        frames.push('data: [DONE]\n\n');
        return { status: 200, sse: frames };
      }
      default:
        return error(404, `Invalid URL (${req.method} ${req.path})`);
    }
  }

  async function read(req: IncomingMessage): Promise<MediaRequest> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const type = String(req.headers['content-type'] ?? '');
    let fields: Record<string, unknown> = {};
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(body, { headers: { 'content-type': type } }).formData();
      for (const [k, v] of form.entries())
        fields[k] =
          typeof v === 'string'
            ? v
            : { name: v.name, size: v.size, type: v.type, bytes: Buffer.from(await v.arrayBuffer()) };
    } else if (body.length > 0) {
      try {
        fields = JSON.parse(body.toString('utf8'));
      } catch {
        fields = {};
      }
    }
    return {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0]!,
      headers: req.headers,
      body,
      fields,
    };
  }

  const server = createServer((req, res) => {
    void (async () => {
      const recorded = await read(req);
      requests.push(recorded);
      const a = await answer(recorded);
      if (a.sse) {
        res.writeHead(a.status, { 'content-type': 'text/event-stream; charset=utf-8' });
        for (const f of a.sse) res.write(f);
        res.end();
        return;
      }
      const bytes = a.bytes ?? Buffer.from(JSON.stringify(a.json));
      res.writeHead(a.status, {
        'content-type': a.type ?? 'application/json',
        'content-length': String(bytes.length),
        'x-request-id': `req_fake${requests.length}`,
      });
      res.end(bytes);
    })().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake bug: ${String(e)}`);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    apiKey,
    requests,
    failNext(status, message = 'The fake server failed on purpose') {
      failures.push({ status, message });
    },
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
