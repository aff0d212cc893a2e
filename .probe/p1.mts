import { startHarness, LIMITED_KEY } from '/work/main/test/e2e/harness.ts';
const h = await startHarness();
const show = async (label: string, r: Response) => console.log(label, r.status, JSON.stringify(Object.fromEntries(r.headers)), await r.text());
try {
  await show('nokey-openai', await fetch(`${h.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  await show('nokey-anth', await fetch(`${h.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
  await show('malformed', await h.post('/v1/chat/completions', '{"model": '));
  await show('malformed-anth', await h.post('/v1/messages', '{"model": ', { 'anthropic-version': '2023-06-01' }));
  await show('nomodel', await h.post('/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }] }));
  await show('unknown', await h.post('/v1/chat/completions', { model: 'nope/nothing', messages: [{ role: 'user', content: 'hi' }] }));
  await show('unknown2', await h.post('/v1/chat/completions', { model: 'gpt-nothing', messages: [{ role: 'user', content: 'hi' }] }));
  await show('unknown3', await h.post('/v1/chat/completions', { model: 'openai/gpt-nothing', messages: [{ role: 'user', content: 'hi' }] }));
  await show('nomsgs-sim', await h.post('/v1/chat/completions', { model: 'sim/fast' }));
  await show('nomsgs-anth-sim', await h.post('/v1/messages', { model: 'sim/fast', max_tokens: 5 }));
  await show('nomaxtok-sim', await h.post('/v1/messages', { model: 'sim/fast', messages: [{ role: 'user', content: 'hi' }] }));
  await show('nomaxtok-openai', await h.post('/v1/messages', { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
  await show('embedchat', await h.post('/v1/chat/completions', { model: 'openai/text-embedding-3-small', messages: [{ role: 'user', content: 'hi' }] }));
  await show('route', await h.get('/v1/nothing'));
  await show('route-anth', await h.get('/v1/nothing', { 'anthropic-version': '2023-06-01' }));
  await show('route-post', await h.post('/v1/nothing', {}));
  console.log(h.openaiUp.requests.length, h.anthropicUp.requests.length);
} finally { await h.close(); }
