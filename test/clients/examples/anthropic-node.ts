import Anthropic from '@anthropic-ai/sdk';

// the Anthropic SDK takes the gateway's address without /v1
export async function anthropicNode(gatewayURL: string, apiKey: string, model = 'openai/gpt-4o-mini') {
  const client = new Anthropic({ baseURL: gatewayURL, apiKey });

  // one answer
  const reply = await client.messages.create({
    model,
    max_tokens: 512,
    messages: [{ role: 'user', content: 'Say hello' }],
  });
  const text = reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');

  // a stream
  const stream = client.messages.stream({
    model,
    max_tokens: 512,
    messages: [{ role: 'user', content: 'Stream a greeting' }],
  });
  let streamed = '';
  stream.on('text', (delta) => {
    streamed += delta;
  });
  const final = await stream.finalMessage();
  const outputTokens = final.usage.output_tokens;

  // a tool call, and the answer after its result
  const tools: Anthropic.Tool[] = [
    {
      name: 'get_weather',
      description: 'Current weather for a city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ];
  const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
  const first = await client.messages.create({ model, max_tokens: 512, messages, tools });
  const call = first.content.find((b) => b.type === 'tool_use');
  if (!call) throw new Error('expected a tool call');
  const { city } = call.input as { city: string };
  messages.push(
    { role: 'assistant', content: first.content },
    {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id, content: `Sunny, 18C in ${city}` }],
    },
  );
  const second = await client.messages.create({ model, max_tokens: 512, messages, tools });
  const answer = second.content.map((b) => (b.type === 'text' ? b.text : '')).join('');

  return { text, streamed, outputTokens, toolName: call.name, city, answer };
}
