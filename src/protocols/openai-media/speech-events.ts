// OpenAI's speech stream (`stream_format: "sse"`, gpt-4o-mini-tts and later): `speech.audio.delta`
// events carry base64 audio, `speech.audio.done` carries the usage in tokens. Read one event's data.
import { emptyUsage, type Usage } from '../../canonical/types.js';

export interface SpeechEvent {
  audio?: Buffer;
  usage?: Usage;
}

export function readSpeechEvent(data: string): SpeechEvent {
  let j: Record<string, any>;
  try {
    j = JSON.parse(data) as Record<string, any>;
  } catch {
    return {};
  }
  if (j?.type === 'speech.audio.delta' && typeof j.audio === 'string')
    return { audio: Buffer.from(j.audio, 'base64') };
  if (j?.type === 'speech.audio.done' && j.usage && typeof j.usage === 'object') {
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);
    return {
      usage: {
        ...emptyUsage(),
        inputTokens: n(j.usage.input_tokens),
        outputTokens: n(j.usage.output_tokens),
      },
    };
  }
  return {};
}
