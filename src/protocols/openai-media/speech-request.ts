// POST /v1/audio/speech (OpenAI): JSON in, audio bytes out. Checked before the upstream call;
// metered by the characters of `input`.
import { invalidRequest } from '../../canonical/errors.js';

export interface SpeechRequest {
  model: string;
  input: string;
  /** characters of input (Unicode code points) */
  characters: number;
  responseFormat: string;
}

/** OpenAI's limit on `input` */
export const MAX_SPEECH_CHARACTERS = 4096;
export const SPEECH_FORMATS = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const;

export const SPEECH_CONTENT_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

export function decodeSpeechRequest(body: unknown): SpeechRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (typeof b.model !== 'string' || b.model === '') throw invalidRequest('`model` is required', 'model');
  if (typeof b.input !== 'string' || b.input === '')
    throw invalidRequest('`input` must be a non-empty string', 'input');
  const characters = [...b.input].length;
  if (characters > MAX_SPEECH_CHARACTERS)
    throw invalidRequest(`\`input\` may have at most ${MAX_SPEECH_CHARACTERS} characters`, 'input');
  if (typeof b.voice !== 'string' && !(b.voice && typeof b.voice === 'object'))
    throw invalidRequest('`voice` is required', 'voice');
  const format = b.response_format ?? 'mp3';
  if (typeof format !== 'string' || !(SPEECH_FORMATS as readonly string[]).includes(format))
    throw invalidRequest(
      `\`response_format\` must be one of ${SPEECH_FORMATS.join(', ')}`,
      'response_format',
    );
  return { model: b.model, input: b.input, characters, responseFormat: format };
}
