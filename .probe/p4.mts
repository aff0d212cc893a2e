import Anthropic from '@anthropic-ai/sdk';
import { startHarness } from '/work/main/test/e2e/harness.ts';
const h = await startHarness();
try {
  for (const opts of [{ apiKey: null, authToken: null, defaultHeaders: { authorization: null } }, { apiKey: null, authToken: null, defaultHeaders: { 'x-api-key': null } }]) {
  const a = new Anthropic({ baseURL: h.url, maxRetries: 0, ...opts, fetch: async (u: any, init: any) => { console.log(JSON.stringify(init.headers)); return fetch(u, init); } } as any);
  try { await a.messages.create({ model: 'sim/fast', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }); } catch (e: any) { console.log('anth', e.constructor.name, e.status, e.message); }
  }
} finally { await h.close(); }
