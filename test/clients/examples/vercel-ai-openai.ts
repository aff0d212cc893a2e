import { createOpenAI } from '@ai-sdk/openai';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';

export async function vercelAiOpenAI(
  gatewayURL: string,
  apiKey: string,
  model = 'anthropic/claude-haiku-4-5',
  api: 'responses' | 'chat' = 'responses',
) {
  const switchyard = createOpenAI({ baseURL: `${gatewayURL}/v1`, apiKey });
  // switchyard(model) speaks the Responses API (/v1/responses), switchyard.chat(model) Chat Completions
  const llm = api === 'chat' ? switchyard.chat(model) : switchyard(model);

  const { text } = await generateText({ model: llm, prompt: 'Say hello' });

  const stream = streamText({ model: llm, prompt: 'Stream a greeting' });
  let streamed = '';
  for await (const delta of stream.textStream) streamed += delta;
  const outputTokens = (await stream.usage).outputTokens ?? 0;

  // the SDK runs the tool and sends its result back (two steps)
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
  });
  const call = withTool.steps[0]?.toolCalls[0];
  if (!call) throw new Error('expected a tool call');
  const { city } = call.input as { city: string };

  return { text, streamed, outputTokens, toolName: call.toolName, city, answer: withTool.text };
}
