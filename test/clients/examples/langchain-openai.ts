import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';

export async function langchainOpenAI(
  gatewayURL: string,
  apiKey: string,
  model = 'anthropic/claude-haiku-4-5',
) {
  const llm = new ChatOpenAI({ model, apiKey, configuration: { baseURL: `${gatewayURL}/v1` } });

  const text = (await llm.invoke('Say hello')).text;

  let streamed = '';
  let outputTokens = 0;
  for await (const chunk of await llm.stream('Stream a greeting')) {
    streamed += chunk.text;
    outputTokens = chunk.usage_metadata?.output_tokens ?? outputTokens;
  }

  const withTools = llm.bindTools([
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ]);
  const question = new HumanMessage('What is the weather in Paris?');
  const first = await withTools.invoke([question]);
  const call = first.tool_calls?.[0];
  if (!call?.id) throw new Error('expected a tool call');
  const city = String(call.args.city);
  const result = new ToolMessage({ tool_call_id: call.id, content: `Sunny, 18C in ${city}` });
  const answer = (await withTools.invoke([question, first, result])).text;

  return { text, streamed, outputTokens, toolName: call.name, city, answer };
}
