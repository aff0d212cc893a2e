import { type Content, GoogleGenAI, type Tool } from '@google/genai';

// httpOptions.baseUrl is the gateway's address; the SDK adds /v1beta/models/{model}:generateContent
export async function googleGenai(gatewayURL: string, apiKey: string, model = 'anthropic/claude-haiku-4-5') {
  const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: gatewayURL } });

  const reply = await ai.models.generateContent({ model, contents: 'Say hello' });
  const text = reply.text ?? '';

  let streamed = '';
  let outputTokens = 0;
  for await (const chunk of await ai.models.generateContentStream({ model, contents: 'Stream a greeting' })) {
    streamed += chunk.text ?? '';
    outputTokens = chunk.usageMetadata?.candidatesTokenCount ?? outputTokens;
  }

  // a function call, and the answer after its response
  const tools: Tool[] = [
    {
      functionDeclarations: [
        {
          name: 'get_weather',
          description: 'Current weather for a city',
          parametersJsonSchema: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
      ],
    },
  ];
  const question: Content = { role: 'user', parts: [{ text: 'What is the weather in Paris?' }] };
  const first = await ai.models.generateContent({ model, contents: [question], config: { tools } });
  const call = first.functionCalls?.[0];
  if (!call?.name) throw new Error('expected a function call');
  const city = String(call.args?.city);
  const second = await ai.models.generateContent({
    model,
    contents: [
      question,
      first.candidates![0]!.content!,
      {
        role: 'user',
        parts: [
          {
            functionResponse: { id: call.id, name: call.name, response: { result: `Sunny, 18C in ${city}` } },
          },
        ],
      },
    ],
    config: { tools },
  });

  return { text, streamed, outputTokens, toolName: call.name, city, answer: second.text ?? '' };
}
