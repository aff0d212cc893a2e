import { createAnthropic } from '@ai-sdk/anthropic';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';

export async function vercelAiAnthropic(gatewayURL: string, apiKey: string, model = 'openai/gpt-4o-mini') {
  // @ai-sdk/anthropic appends /messages to its baseURL, so it takes /v1;
  // it does not know gateway model names, so say how many tokens an answer may have
  const switchyard = createAnthropic({ baseURL: `${gatewayURL}/v1`, apiKey });
  const llm = switchyard(model);

  const { text } = await generateText({ model: llm, prompt: 'Say hello', maxOutputTokens: 1024 });

  const stream = streamText({ model: llm, prompt: 'Stream a greeting', maxOutputTokens: 1024 });
  let streamed = '';
  for await (const delta of stream.textStream) streamed += delta;
  const outputTokens = (await stream.usage).outputTokens ?? 0;

  const withTool = await generateText({
    model: llm,
    prompt: 'What is the weather in Paris?',
    tools: {
      get_weather: tool({
        description: 'Current weather for a city',
        inputSchema: jsonSchema<{ city: string }>({
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
        }),
        execute: async ({ city }) => `Sunny, 18C in ${city}`,
      }),
    },
    stopWhen: stepCountIs(3),
    maxOutputTokens: 1024,
  });
  const call = withTool.steps[0]?.toolCalls[0];
  if (!call) throw new Error('expected a tool call');
  const { city } = call.input as { city: string };

  return { text, streamed, outputTokens, toolName: call.toolName, city, answer: withTool.text };
}
