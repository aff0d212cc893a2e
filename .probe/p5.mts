import { startHarness } from '/work/main/test/e2e/harness.ts';
const h = await startHarness();
try {
  const a = h.anthropic();
  const r = await a.beta.messages.create({ model: 'anthropic/claude-haiku-4-5', max_tokens: 2000, betas: ['context-1m-2025-08-07'], thinking: { type: 'enabled', budget_tokens: 1024 },
    system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }], metadata: { user_id: 'u-1' },
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello', cache_control: { type: 'ephemeral', ttl: '1h' } }] }] }).withResponse();
  console.log(JSON.stringify(r.data).slice(0, 300));
  console.log(Object.fromEntries(r.response.headers));
  const req = h.anthropicUp.requests.at(-1)!;
  console.log(req.path, req.query, req.headers, req.rawBody);
  const o = h.openai();
  const s = await o.chat.completions.create({ model: 'openai/gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }).withResponse();
  for await (const c of s.data) console.log(JSON.stringify(c));
  console.log(Object.fromEntries(s.response.headers));
  console.log(h.openaiUp.requests.at(-1)!.rawBody);
} finally { await h.close(); }
