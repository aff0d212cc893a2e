import { ChatAnthropic } from '@langchain/anthropic';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';

export async function langchainAnthropic(gatewayURL: string, apiKey: string, model = 'openai/gpt-4o-mini') {
  // anthropicApiUrl is the gateway's address without /v1
  const llm = new ChatAnthropic({ model, apiKey, anthropicApiUrl: gatewayURL, maxTokens: 512 });

  const text = (await llm.invoke('Say hello')).text;

  let streamed = '';
  let outputTokens = 0;
  for await (const chunk of await llm.stream('Stream a greeting')) {
    streamed += chunk.text;
    outputTokens += chunk.usage_metadata?.output_tokens ?? 0;
  }

  const withTools = llm.bindTools([
    {
      name: 'get_weather',
      description: 'Current weather for a city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
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
