// POST /v1/audio/transcriptions (OpenAI): a multipart/form-data upload. Read with the
// platform's own multipart parser (undici's Response.formData), checked, and written out again
// for the provider with only `model` changed (undici's FormData encoder picks the boundary).
import { invalidRequest } from '../../canonical/errors.js';

export interface TranscriptionUpload {
  form: FormData;
  model: string;
  file: File;
  responseFormat: string;
}

export const TRANSCRIPTION_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json'];

/** the upload read from the raw body; a clear 400 for anything that is not a usable upload */
export async function readTranscriptionUpload(
  body: unknown,
  contentType: string,
): Promise<TranscriptionUpload> {
  if (!Buffer.isBuffer(body) || !contentType.toLowerCase().startsWith('multipart/form-data'))
    throw invalidRequest('Send the audio as multipart/form-data with a `file` and a `model` field', 'file');
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (e) {
    throw invalidRequest(`The multipart/form-data body could not be read: ${(e as Error).message}`, 'file');
  }
  const model = form.get('model');
  if (typeof model !== 'string' || model === '') throw invalidRequest('`model` is required', 'model');
  const file = form.get('file');
  if (!file || typeof file === 'string')
    throw invalidRequest('`file` must be an uploaded audio file', 'file');
  if (file.size === 0) throw invalidRequest('`file` is empty', 'file');
  const format = form.get('response_format') ?? 'json';
  if (typeof format !== 'string' || !TRANSCRIPTION_FORMATS.includes(format))
    throw invalidRequest(
      `\`response_format\` must be one of ${TRANSCRIPTION_FORMATS.join(', ')}`,
      'response_format',
    );
  const stream = form.get('stream');
  if (stream === 'true')
    throw invalidRequest(
      'Streamed transcriptions are not supported by the gateway; leave `stream` unset',
      'stream',
    );
  return { form, model, file, responseFormat: format };
}

/** the upload as the provider gets it: every field as sent, `replace`d fields (model…) changed or added */
export async function encodeUpload(
  form: FormData,
  replace: Record<string, string>,
): Promise<{ body: Buffer; contentType: string }> {
  const out = new FormData();
  for (const [k, v] of form.entries()) out.append(k, k in replace ? replace[k]! : v);
  for (const [k, v] of Object.entries(replace)) if (!form.has(k)) out.append(k, v);
  const req = new Request('http://upload.invalid/', { method: 'POST', body: out });
  return {
    body: Buffer.from(await req.arrayBuffer()),
    contentType: req.headers.get('content-type') ?? 'multipart/form-data',
  };
}
