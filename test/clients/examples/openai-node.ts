import OpenAI from 'openai';

// gatewayURL: where Switchyard listens, e.g. http://127.0.0.1:4000 (the OpenAI SDK wants /v1 added)
export async function openaiNode(gatewayURL: string, apiKey: string, model = 'anthropic/claude-haiku-4-5') {
  const client = new OpenAI({ baseURL: `${gatewayURL}/v1`, apiKey });

  // one answer
  const reply = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Say hello' }],
  });
  const text = reply.choices[0]?.message.content ?? '';

  // a stream; include_usage adds a last chunk with the token counts
  const stream = await client.chat.completions.create({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Stream a greeting' }],
  });
  let streamed = '';
  let outputTokens = 0;
  for await (const chunk of stream) {
    streamed += chunk.choices[0]?.delta.content ?? '';
    outputTokens = chunk.usage?.completion_tokens ?? outputTokens;
  }

  // a tool call, and the answer after its result
  const tools: OpenAI.ChatCompletionTool[] = [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ];
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'What is the weather in Paris?' },
  ];
  const first = await client.chat.completions.create({ model, messages, tools });
  const call = first.choices[0]?.message.tool_calls?.[0];
  if (call?.type !== 'function') throw new Error('expected a tool call');
  const { city } = JSON.parse(call.function.arguments) as { city: string };
  messages.push(first.choices[0]!.message, {
    role: 'tool',
    tool_call_id: call.id,
    content: `Sunny, 18C in ${city}`,
  });
  const second = await client.chat.completions.create({ model, messages, tools });
  const answer = second.choices[0]?.message.content ?? '';

  return { text, streamed, outputTokens, toolName: call.function.name, city, answer };
}
