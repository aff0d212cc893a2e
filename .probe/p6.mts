import { startHarness, LIMITED_KEY } from '/work/main/test/e2e/harness.ts';
const h = await startHarness();
try {
  const o = h.openai();
  const f = await o.embeddings.create({ model: 'openai/text-embedding-3-small', input: ['hello', 'world'], encoding_format: 'float' });
  console.log(f.data.length, f.data[0].embedding.length, f.usage, f.model, h.openaiUp.requests.at(-1)!.rawBody);
  const d = await o.embeddings.create({ model: 'openai/text-embedding-3-small', input: ['hello', 'world'] });
  console.log(d.data[0].embedding.slice(0, 3), f.data[0].embedding.slice(0, 3), h.openaiUp.requests.at(-1)!.rawBody);
  const b = await o.embeddings.create({ model: 'openai/text-embedding-3-small', input: 'hello', encoding_format: 'base64' });
  console.log(typeof b.data[0].embedding, String(b.data[0].embedding).slice(0, 30));
  const g = await o.embeddings.create({ model: 'google/gemini-embedding-001', input: ['hello', 'world'], dimensions: 8, encoding_format: 'float' }).withResponse();
  console.log(JSON.stringify(g.data), h.geminiUp.requests.at(-1)!.path, h.geminiUp.requests.at(-1)!.rawBody, Object.fromEntries(g.response.headers));
  const g2 = await o.embeddings.create({ model: 'google/gemini-embedding-001', input: ['hello'], dimensions: 8 });
  console.log(JSON.stringify(g2.data));
  const s = await o.embeddings.create({ model: 'sim/embedding', input: ['hello'], dimensions: 8 });
  console.log(JSON.stringify(s));
  const ml = await o.models.list();
  const ids = []; for await (const m of ml) ids.push(m.id);
  console.log(ids.length, ids.slice(0, 5), ids.filter(i => i.startsWith('sim')));
  const lim = []; for await (const m of h.openai(LIMITED_KEY).models.list()) lim.push(m.id);
  console.log(lim);
  console.log(await o.models.retrieve('openai/gpt-4o-mini'));
  try { await o.models.retrieve('openai/nope'); } catch (e: any) { console.log(e.status, e.message); }
  const a = h.anthropic();
  const page = await a.models.list({ limit: 2 });
  console.log(JSON.stringify(page.data), page.has_more, page.last_id);
  const all = []; for await (const m of a.models.list({ limit: 7 })) all.push(m.id);
  console.log(all.length);
  console.log(await a.models.retrieve('openai/gpt-4o-mini'));
  try { await a.models.retrieve('nope/x'); } catch (e: any) { console.log(e.status, e.message); }
  const c1 = await a.messages.countTokens({ model: 'anthropic/claude-haiku-4-5', messages: [{ role: 'user', content: 'hello there' }] }).withResponse();
  console.log(c1.data, Object.fromEntries(c1.response.headers), h.anthropicUp.requests.at(-1)!.path, h.anthropicUp.requests.at(-1)!.rawBody);
  const c2 = await a.messages.countTokens({ model: 'sim/fast', messages: [{ role: 'user', content: 'hello there' }] }).withResponse();
  console.log(c2.data, Object.fromEntries(c2.response.headers));
  const c3 = await a.messages.countTokens({ model: 'openai/gpt-4o-mini', system: 'x', messages: [{ role: 'user', content: 'hello there '.repeat(50) }] }).withResponse();
  console.log(c3.data, Object.fromEntries(c3.response.headers));
} finally { await h.close(); }
