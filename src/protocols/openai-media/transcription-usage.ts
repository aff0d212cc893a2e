// What a transcription answer says about its own size: OpenAI's `usage` ({type:'duration',
// seconds} for whisper, {type:'tokens', input_tokens, output_tokens} for gpt-4o-transcribe),
// verbose_json's `duration`, or the end of the last cue of an SRT/VTT answer.

export interface TranscriptionMeasure {
  seconds?: number;
  inputTokens?: number;
  outputTokens?: number;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** the end time of the last cue (`00:01:02,500 --> 00:01:04,000` or with a dot) in seconds */
function lastCueEnd(text: string): number | undefined {
  const re = /-->\s*(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})/g;
  let last: number | undefined;
  for (let m = re.exec(text); m; m = re.exec(text))
    last = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
  return last;
}

export function measureTranscription(raw: string, responseFormat: string): TranscriptionMeasure {
  if (responseFormat === 'srt' || responseFormat === 'vtt') {
    const s = lastCueEnd(raw);
    return s === undefined ? {} : { seconds: s };
  }
  if (responseFormat === 'text') return {};
  let j: Record<string, any>;
  try {
    j = JSON.parse(raw) as Record<string, any>;
  } catch {
    return {};
  }
  const out: TranscriptionMeasure = {};
  const u = j?.usage;
  if (u?.type === 'duration' && num(u.seconds) !== undefined) out.seconds = u.seconds;
  if (u?.type === 'tokens' || num(u?.input_tokens) !== undefined) {
    out.inputTokens = num(u.input_tokens) ?? 0;
    out.outputTokens = num(u.output_tokens) ?? 0;
  }
  if (out.seconds === undefined && num(j?.duration) !== undefined) out.seconds = j.duration;
  return out;
}
