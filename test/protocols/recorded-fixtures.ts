// The recorded provider answers in ../shared/data/fixtures, read the one way the fixture tests
// share: which folders hold which upstream protocol, how a recorded stream line is framed as SSE,
// where a file holds several streams back to back, and the canonical events each stream decodes to.
import { readdirSync, readFileSync } from 'node:fs';
import type { CanonicalResponse, CanonicalStreamEvent, UpstreamCodec } from '../../src/canonical/index.js';
import { anthropicUpstream } from '../../src/protocols/anthropic/index.js';
import { geminiUpstream } from '../../src/protocols/gemini/index.js';
import { openaiChatUpstream } from '../../src/protocols/openai-chat/index.js';
import { createSseReader } from '../../src/protocols/sse/index.js';

export const FIXTURES = new URL('../../../shared/data/fixtures/', import.meta.url);

export interface FixtureSource {
  folder: string;
  codec: UpstreamCodec;
  /** SSE framing of a recorded line */
  frame: (line: string) => string;
  /** where a file holds several streams back to back, the line that starts a new one */
  startsStream: (payload: Record<string, unknown>, prev: Record<string, unknown> | undefined) => boolean;
}

/** a folder of OpenAI-compatible Chat Completions answers */
export const chatSource = (folder: string): FixtureSource => ({
  folder,
  codec: openaiChatUpstream,
  frame: (l) => `data: ${l}\n\n`,
  startsStream: (p, prev) => prev !== undefined && p.id !== prev.id && p.id !== '' && prev.id !== '',
});

export const CHAT_FOLDERS = [
  'openai/chat-completions',
  'azure/chat-completions',
  'deepseek/chat-completions',
  'xai/chat-completions',
  'groq/chat-completions',
  'alibaba/chat-completions',
  'perplexity/chat-completions',
  'cerebras/chat-completions',
  'mistral/chat-completions',
  'openai-compatible/chat-completions',
];

export const ANTHROPIC_SOURCE: FixtureSource = {
  folder: 'anthropic/messages',
  codec: anthropicUpstream,
  frame: (l) => `event: ${(JSON.parse(l) as { type: string }).type}\ndata: ${l}\n\n`,
  startsStream: (p, prev) => prev !== undefined && p.type === 'message_start',
};

export const GEMINI_SOURCE: FixtureSource = {
  folder: 'google/generate-content',
  codec: geminiUpstream,
  frame: (l) => `data: ${l}\n\n`,
  startsStream: () => false,
};

/** every recorded chat answer: OpenAI-compatible, Anthropic, Gemini */
export const CHAT_SOURCES: FixtureSource[] = [
  ...CHAT_FOLDERS.map(chatSource),
  ANTHROPIC_SOURCE,
  GEMINI_SOURCE,
];

/** the folder's files with this suffix, sorted */
export function fixtureFiles(folder: string, suffix: string): string[] {
  return readdirSync(new URL(folder, FIXTURES))
    .filter((f) => f.endsWith(suffix))
    .sort();
}

export const readFixture = (src: FixtureSource, file: string) =>
  readFileSync(new URL(`${src.folder}/${file}`, FIXTURES), 'utf8');

/** canonical events of each stream recorded in a .chunks.txt file */
export function decodeStreams(src: FixtureSource, file: string): CanonicalStreamEvent[][] {
  const groups: string[][] = [];
  let prev: Record<string, unknown> | undefined;
  for (const line of readFixture(src, file).split('\n')) {
    if (line.trim() === '') continue;
    const p = JSON.parse(line) as Record<string, unknown>;
    if (groups.length === 0 || src.startsStream(p, prev)) groups.push([]);
    groups[groups.length - 1]!.push(line);
    prev = p;
  }
  return groups.map((g) => {
    const reader = createSseReader();
    const decoder = src.codec.createStreamDecoder();
    const out: CanonicalStreamEvent[] = [];
    for (const line of g) for (const ev of reader.push(src.frame(line))) out.push(...decoder.decode(ev));
    for (const ev of reader.end()) out.push(...decoder.decode(ev));
    out.push(...decoder.finish());
    return out;
  });
}

/** the text parts of an answer, joined */
export const textOf = (r: CanonicalResponse) =>
  r.content
    .filter((p) => p.type === 'text')
    .map((p) => (p as { text: string }).text)
    .join('');
