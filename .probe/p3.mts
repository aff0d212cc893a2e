import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startHarness } from '/work/main/test/e2e/harness.ts';
const h = await startHarness();
try {
  const o = new OpenAI({ baseURL: `${h.url}/v1`, apiKey: 'unused', defaultHeaders: { authorization: null }, maxRetries: 0 });
  try { await o.chat.completions.create({ model: 'sim/fast', messages: [{ role: 'user', content: 'hi' }] }); } catch (e: any) { console.log('openai', e.constructor.name, e.status, e.message, JSON.stringify(e.error), e.code, e.type, e.param); }
  const a = new Anthropic({ baseURL: h.url, apiKey: 'unused', defaultHeaders: { 'x-api-key': null }, maxRetries: 0 });
  try { await a.messages.create({ model: 'sim/fast', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }); } catch (e: any) { console.log('anth', e.constructor.name, e.status, e.message, JSON.stringify(e.error), e.type, e.apiMessage); }
  const a2 = new Anthropic({ baseURL: h.url, apiKey: null, authToken: null, maxRetries: 0 });
  try { await a2.messages.create({ model: 'sim/fast', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }); } catch (e: any) { console.log('anth2', e.constructor.name, e.status, e.message); }
  try { await (h.openai() as any).get('/nothing'); } catch (e: any) { console.log('openai route', e.constructor.name, e.status, e.message); }
  try { await (h.anthropic() as any).get('/v1/nothing'); } catch (e: any) { console.log('anth route', e.constructor.name, e.status, e.message, e.type); }
} finally { await h.close(); }
