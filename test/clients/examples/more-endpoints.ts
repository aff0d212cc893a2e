import OpenAI, { toFile } from 'openai';

// embeddings, images, speech, transcription, rerank and legacy completions, here on the offline
// simulator's models; the same calls reach real providers by their model names
export async function moreEndpoints(gatewayURL: string, apiKey: string) {
  const client = new OpenAI({ baseURL: `${gatewayURL}/v1`, apiKey });

  const embedding = await client.embeddings.create({ model: 'sim/embedding', input: 'a lighthouse' });

  const image = await client.images.generate({ model: 'sim/image', prompt: 'a lighthouse', n: 1 });

  // text to speech (metered per character), then back to text (metered per second of audio)
  const speech = await client.audio.speech.create({
    model: 'sim/speech',
    voice: 'alloy',
    input: 'Hello from the gateway',
    response_format: 'wav',
  });
  const audio = Buffer.from(await speech.arrayBuffer());
  const transcription = await client.audio.transcriptions.create({
    model: 'sim/transcribe',
    file: await toFile(audio, 'hello.wav', { type: 'audio/wav' }),
  });

  // rerank, in Cohere's and Jina's shape (no OpenAI SDK method: plain fetch)
  const rerankAnswer = await fetch(`${gatewayURL}/v1/rerank`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'sim/rerank',
      query: 'capital of Germany',
      documents: ['Paris is in France', 'Berlin is the capital of Germany'],
      top_n: 1,
    }),
  });
  const rerank = (await rerankAnswer.json()) as { results: { index: number; relevance_score: number }[] };

  // the legacy completions endpoint, on a chat model
  const completion = await client.completions.create({
    model: 'sim/fast',
    prompt: 'Say hello',
    max_tokens: 50,
  });

  return {
    dimensions: embedding.data[0]?.embedding.length ?? 0,
    imageBase64: image.data?.[0]?.b64_json ?? '',
    audioBytes: audio.length,
    transcript: transcription.text,
    bestDocument: rerank.results[0]?.index,
    completion: completion.choices[0]?.text ?? '',
  };
}
