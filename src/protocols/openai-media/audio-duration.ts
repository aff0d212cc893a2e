// How long a piece of audio is, from what the gateway can read for certain: a WAV file's header
// (RIFF/WAVE: byte rate from the `fmt ` chunk, length of the `data` chunk). Other formats are
// compressed and would need decoding: undefined.

/** seconds of a WAV file, or undefined when the bytes are not a well-formed WAV */
export function wavDurationSeconds(bytes: Uint8Array): number | undefined {
  if (bytes.length < 12) return undefined;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') return undefined;
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= b.length) {
    const id = b.toString('ascii', offset, offset + 4);
    const size = b.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= b.length) byteRate = b.readUInt32LE(body + 8);
    if (id === 'data') {
      if (!byteRate) return undefined;
      // a streamed WAV may give 0 or 0xFFFFFFFF as its data size: take what is there
      const dataBytes = size === 0 || size === 0xffffffff ? b.length - body : Math.min(size, b.length - body);
      return dataBytes / byteRate;
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}

/** a silent 16-bit mono PCM WAV of the given length (the simulator's speech) */
export function silentWav(seconds: number, sampleRate = 8000): Buffer {
  const samples = Math.max(0, Math.round(seconds * sampleRate));
  const dataBytes = samples * 2;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(sampleRate, 24);
  b.writeUInt32LE(sampleRate * 2, 28); // byte rate
  b.writeUInt16LE(2, 32); // block align
  b.writeUInt16LE(16, 34); // bits per sample
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(dataBytes, 40);
  return b;
}

/** whole seconds to bill: rounded to the nearest second (OpenAI's rule), at least 1 for any audio */
export function billedSeconds(seconds: number): number {
  if (!(seconds > 0)) return 0;
  return Math.max(1, Math.round(seconds));
}
