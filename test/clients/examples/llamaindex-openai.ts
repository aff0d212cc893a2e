import { OpenAI } from '@llamaindex/openai';

export async function llamaindexOpenAI(
  gatewayURL: string,
  apiKey: string,
  model = 'anthropic/claude-haiku-4-5',
) {
  const llm = new OpenAI({
    model,
    apiKey,
    baseURL: `${gatewayURL}/v1`,
    // passed on to the OpenAI client, e.g. a fallback list for every call
    additionalSessionOptions: { defaultHeaders: { 'x-switchyard-fallbacks': 'sim/fast' } },
  });

  const reply = await llm.chat({ messages: [{ role: 'user', content: 'Say hello' }] });
  const text = String(reply.message.content);

  let streamed = '';
  const stream = await llm.chat({ messages: [{ role: 'user', content: 'Stream a greeting' }], stream: true });
  for await (const chunk of stream) streamed += chunk.delta;

  // a tool is its metadata (name, description, JSON schema) and a call function
  const getWeather = {
    metadata: {
      name: 'get_weather',
      description: 'Current weather for a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
      } as const,
    },
    call: async ({ city }: { city: string }) => `Sunny, 18C in ${city}`,
  };
  const question = { role: 'user' as const, content: 'What is the weather in Paris?' };
  const first = await llm.chat({ messages: [question], tools: [getWeather] });
  const options = first.message.options;
  const call = options && 'toolCall' in options ? options.toolCall[0] : undefined;
  if (!call) throw new Error('expected a tool call');
  const args = typeof call.input === 'string' ? JSON.parse(call.input) : call.input;
  const city = String(args.city);
  const result = await getWeather.call({ city });
  const second = await llm.chat({
    messages: [
      question,
      first.message,
      { role: 'user', content: result, options: { toolResult: { id: call.id, result, isError: false } } },
    ],
    tools: [getWeather],
  });

  return {
    text,
    streamed,
    outputTokens: 0,
    toolName: call.name,
    city,
    answer: String(second.message.content),
  };
}
