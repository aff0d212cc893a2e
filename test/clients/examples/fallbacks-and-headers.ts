import OpenAI from 'openai';

export async function fallbacksAndHeaders(
  gatewayURL: string,
  apiKey: string,
  primary = 'openai/gpt-4o-mini',
  fallback = 'anthropic/claude-haiku-4-5',
) {
  const client = new OpenAI({ baseURL: `${gatewayURL}/v1`, apiKey });

  // the models this key may use
  const models: string[] = [];
  for await (const m of client.models.list()) models.push(m.id);

  // fallbacks in the body: `models`, tried in order when `model` fails before answering
  // (a field of Switchyard's own, so TypeScript needs it declared)
  const request = {
    model: primary,
    models: [fallback],
    messages: [{ role: 'user', content: 'Say hello' }],
  } satisfies OpenAI.ChatCompletionCreateParamsNonStreaming & { models: string[] };
  const viaBody = await client.chat.completions.create(request).withResponse();

  // or in a header, for clients that cannot add body fields
  const viaHeader = await client.chat.completions
    .create(
      { model: primary, messages: [{ role: 'user', content: 'Say hello' }] },
      { headers: { 'x-switchyard-fallbacks': fallback } },
    )
    .withResponse();

  // every answer says who served it
  const servedBy = (r: Response) => ({
    requestId: r.headers.get('x-request-id'),
    provider: r.headers.get('x-switchyard-provider'),
    model: r.headers.get('x-switchyard-model'),
    upstreamModel: r.headers.get('x-switchyard-upstream-model'),
    attempts: r.headers.get('x-switchyard-attempts'),
    attemptLog: r.headers.get('x-switchyard-attempt-log'),
    overheadMs: r.headers.get('x-switchyard-overhead-ms'),
  });
  return {
    models,
    viaBody: { text: viaBody.data.choices[0]?.message.content, ...servedBy(viaBody.response) },
    viaHeader: { text: viaHeader.data.choices[0]?.message.content, ...servedBy(viaHeader.response) },
  };
}
