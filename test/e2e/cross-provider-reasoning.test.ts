// Reasoning signatures are verified by the provider that made them and rejected by any other.
// A conversation that moves between providers (a fallback, or the client switching models)
// carries them along: an Anthropic client is shown Gemini's signature wrapped, gets it back
// to Gemini intact, and Anthropic never receives it; Claude's signatures never reach Gemini.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import { type Harness, startHarness } from './harness.js';

const FIXTURES = new URL('../../../shared/data/fixtures/', import.meta.url);
const fixtureJson = (file: string) => JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8'));
const fixtureText = (file: string) => readFileSync(new URL(file, FIXTURES), 'utf8');

const GEMINI = 'google/gemini-3-pro-preview';
const CLAUDE = 'anthropic/claude-haiku-4-5';
const GEMINI_FIXTURE = 'google/generate-content/google-reasoning-gemini3.json';
const GEMINI_STREAM_FIXTURE = 'google/generate-content/google-text.chunks.txt';
const CLAUDE_FIXTURE = 'anthropic/messages/anthropic-claude-opus-5-reasoning-high.1.json';

/** the thoughtSignature the recorded Gemini answer carries */
const GEMINI_SIG: string = fixtureJson(GEMINI_FIXTURE).candidates[0].content.parts[0].thoughtSignature;
/** the one in the recorded Gemini stream (on its last, empty text part) */
const GEMINI_STREAM_SIG: string = fixtureText(GEMINI_STREAM_FIXTURE).match(
  /"thoughtSignature":"([^"]+)"/,
)![1]!;
/** the signature of the recorded Claude answer's thinking block */
const CLAUDE_SIG: string = fixtureJson(CLAUDE_FIXTURE).content[0].signature;

const QUESTION = { role: 'user' as const, content: 'How many r in strawberry?' };
const FOLLOW_UP = { role: 'user' as const, content: 'Are you sure?' };

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});
beforeEach(() => {
  h.resetUpstreams();
});

type Json = Record<string, any>;
const lastBody = (fake: { requests: { body: unknown }[] }) => fake.requests.at(-1)?.body as Json;

/** every thoughtSignature in a Gemini request body */
const thoughtSignatures = (body: Json): string[] =>
  (body.contents as Json[]).flatMap((c) =>
    (c.parts as Json[]).map((p) => p.thoughtSignature).filter(Boolean),
  );

async function answerFromGemini(): Promise<Anthropic.Message> {
  h.geminiUp.script({ kind: 'fixture', file: GEMINI_FIXTURE });
  return h.anthropic().messages.create({
    model: GEMINI,
    max_tokens: 2048,
    thinking: { type: 'enabled', budget_tokens: 1024 },
    messages: [QUESTION],
  });
}

const history = (answer: Anthropic.Message): Anthropic.MessageParam[] => [
  QUESTION,
  { role: 'assistant', content: answer.content as Anthropic.ContentBlockParam[] },
  FOLLOW_UP,
];

describe('Gemini reasoning shown to an Anthropic client', () => {
  test('the signature is wrapped with its origin, so it is never mistaken for Claude’s', async () => {
    const answer = await answerFromGemini();
    const thinking = answer.content.find((b) => b.type === 'thinking');
    assert.ok(thinking, 'the Gemini signature arrives as a thinking block');
    assert.equal(thinking.signature, `sy1.gemini.${GEMINI_SIG}`);
    assert.ok(answer.content.some((b) => b.type === 'text' && b.text.includes('strawberry')));
  });

  test('sent on to a Claude model: Anthropic receives no foreign signature and answers', async () => {
    const answer = await answerFromGemini();
    const next = await h.anthropic().messages.create({
      model: CLAUDE,
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: history(answer),
    });
    assert.equal(next.role, 'assistant');
    const seen = h.anthropicUp.requests.at(-1)!;
    assert.ok(!seen.rawBody.includes(GEMINI_SIG), 'the Gemini signature is not sent to Anthropic');
    assert.ok(!seen.rawBody.includes('sy1.'));
    assert.deepEqual(seen.body, {
      model: 'claude-haiku-4-5',
      max_tokens: 2048,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        QUESTION,
        { role: 'assistant', content: answer.content.filter((b) => b.type !== 'thinking') },
        FOLLOW_UP,
      ],
    });
  });

  test('sent back to Gemini: the signature arrives unwrapped, where Gemini put it', async () => {
    const answer = await answerFromGemini();
    await h.anthropic().messages.create({ model: GEMINI, max_tokens: 1024, messages: history(answer) });
    const body = lastBody(h.geminiUp);
    assert.deepEqual(body.contents[1], {
      role: 'model',
      parts: [
        {
          text: fixtureJson(GEMINI_FIXTURE).candidates[0].content.parts[0].text,
          thoughtSignature: GEMINI_SIG,
        },
      ],
    });
  });

  test('streamed: the signature in the stream is wrapped too, and Anthropic is not sent it', async () => {
    h.geminiUp.script({ kind: 'fixture', file: GEMINI_STREAM_FIXTURE });
    const answer = await h
      .anthropic()
      .messages.stream({ model: GEMINI, max_tokens: 1024, messages: [QUESTION] })
      .finalMessage();
    const thinking = answer.content.find((b) => b.type === 'thinking');
    assert.equal(thinking?.signature, `sy1.gemini.${GEMINI_STREAM_SIG}`);

    await h
      .anthropic()
      .messages.stream({ model: CLAUDE, max_tokens: 1024, messages: history(answer) })
      .finalMessage();
    const seen = h.anthropicUp.requests.at(-1)!;
    assert.ok(!seen.rawBody.includes(GEMINI_STREAM_SIG));
    assert.deepEqual(
      (seen.body as Json).messages[1].content.map((b: Json) => b.type),
      ['text'],
    );
  });

  test('a stream asked for but answered whole: the signature is still wrapped', async () => {
    h.geminiUp.script({ kind: 'fixture', file: GEMINI_FIXTURE });
    const answer = await h
      .anthropic()
      .messages.stream({ model: GEMINI, max_tokens: 1024, messages: [QUESTION] })
      .finalMessage();
    const thinking = answer.content.find((b) => b.type === 'thinking');
    assert.equal(thinking?.signature, `sy1.gemini.${GEMINI_SIG}`);
  });
});

describe('Claude reasoning sent on to a Gemini model', () => {
  test('the Claude signature does not reach Gemini as a thoughtSignature', async () => {
    h.anthropicUp.script({ kind: 'fixture', file: CLAUDE_FIXTURE });
    const answer = await h.anthropic().messages.create({
      model: CLAUDE,
      max_tokens: 4096,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [QUESTION],
    });
    const thinking = answer.content.find((b) => b.type === 'thinking');
    assert.equal(thinking?.signature, CLAUDE_SIG, 'passthrough: Claude’s signature reaches the client as is');

    await h.anthropic().messages.create({ model: GEMINI, max_tokens: 1024, messages: history(answer) });
    const seen = h.geminiUp.requests.at(-1)!;
    assert.ok(!seen.rawBody.includes(CLAUDE_SIG), 'the Claude signature is not sent to Gemini');
    assert.deepEqual(thoughtSignatures(seen.body as Json), []);
    const model = (seen.body as Json).contents[1];
    assert.equal(model.role, 'model');
    assert.ok(model.parts.every((p: Json) => p.thought !== true && typeof p.text === 'string'));
  });
});
