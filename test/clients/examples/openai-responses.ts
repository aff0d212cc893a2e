import OpenAI from 'openai';

// the Responses API (/v1/responses), on any model
export async function openaiResponses(
  gatewayURL: string,
  apiKey: string,
  model = 'anthropic/claude-haiku-4-5',
) {
  const client = new OpenAI({ baseURL: `${gatewayURL}/v1`, apiKey });

  const reply = await client.responses.create({ model, input: 'Say hello' });
  const text = reply.output_text;

  // a stream of typed events
  const stream = await client.responses.create({ model, input: 'Stream a greeting', stream: true });
  let streamed = '';
  let outputTokens = 0;
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') streamed += event.delta;
    if (event.type === 'response.completed') outputTokens = event.response.usage?.output_tokens ?? 0;
  }

  // a function call, and the answer after its output; the whole conversation is sent again
  // (previous_response_id works only where the key's data retention lets the gateway keep responses)
  const tools: OpenAI.Responses.Tool[] = [
    {
      type: 'function',
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      strict: false,
    },
  ];
  const input: OpenAI.Responses.ResponseInputItem[] = [
    { role: 'user', content: 'What is the weather in Paris?' },
  ];
  const first = await client.responses.create({ model, input, tools });
  const call = first.output.find((item) => item.type === 'function_call');
  if (!call) throw new Error('expected a function call');
  const { city } = JSON.parse(call.arguments) as { city: string };
  input.push(call, { type: 'function_call_output', call_id: call.call_id, output: `Sunny, 18C in ${city}` });
  const second = await client.responses.create({ model, input, tools });

  return { text, streamed, outputTokens, toolName: call.name, city, answer: second.output_text };
}
