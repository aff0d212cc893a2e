import { startHarness } from '/work/main/test/e2e/harness.ts';
const h = await startHarness();
const show = async (label: string, r: Response) => console.log(label, r.status, r.headers.get('x-switchyard-provider'), await r.text());
try {
  h.geminiUp.script({ kind: 'respond', status: 200, body: { hello: 'world' } });
  await show('gem emb weird', await h.post('/v1/embeddings', { model: 'google/gemini-embedding-001', input: 'x' }));
  h.geminiUp.script({ kind: 'drop-mid-stream', afterEvents: 1 });
  await show('gem emb drop', await h.post('/v1/embeddings', { model: 'google/gemini-embedding-001', input: 'x' }));
  h.openaiUp.script({ kind: 'malformed' });
  await show('oai emb malformed', await h.post('/v1/embeddings', { model: 'openai/text-embedding-3-small', input: 'x' }));
  h.openaiUp.script({ kind: 'respond', status: 200, body: { id: 'x', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [] } });
  await show('oai no choices anth', await h.post('/v1/messages', { model: 'openai/gpt-4o-mini', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }, { 'anthropic-version': '2023-06-01' }));
} finally { await h.close(); }
