import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';

// errors come back in the caller's own protocol, so each SDK raises its own error class
export async function errorShapes(gatewayURL: string, apiKey: string, model = 'no-such-model') {
  const openai = new OpenAI({ baseURL: `${gatewayURL}/v1`, apiKey, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: gatewayURL, apiKey, maxRetries: 0 });
  const google = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: gatewayURL } });

  let openaiError: { status: number; type?: string; code?: string | null; message: string } | undefined;
  try {
    await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
  } catch (e) {
    // body: {"error": {"message", "type", "param", "code"}}
    if (!(e instanceof OpenAI.APIError)) throw e;
    openaiError = { status: e.status ?? 0, type: e.type, code: e.code, message: e.message };
  }

  let anthropicError: { status: number; type?: string; message?: string } | undefined;
  try {
    await anthropic.messages.create({ model, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
  } catch (e) {
    // body: {"type": "error", "error": {"type", "message"}}
    if (!(e instanceof Anthropic.APIError)) throw e;
    const body = e.error as { error?: { type?: string; message?: string } } | undefined;
    anthropicError = { status: e.status ?? 0, type: body?.error?.type, message: body?.error?.message };
  }

  let googleError: { status: number; code?: number; googleStatus?: string; message?: string } | undefined;
  try {
    await google.models.generateContent({ model, contents: 'Hi' });
  } catch (e) {
    // body: {"error": {"code", "message", "status"}}; the SDK puts it in the message as JSON
    if (!(e instanceof ApiError)) throw e;
    const body = JSON.parse(e.message) as { error?: { code?: number; status?: string; message?: string } };
    googleError = {
      status: e.status,
      code: body.error?.code,
      googleStatus: body.error?.status,
      message: body.error?.message,
    };
  }

  return { openaiError, anthropicError, googleError };
}
