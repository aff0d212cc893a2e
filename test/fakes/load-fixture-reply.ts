// Turns a recorded fixture file into a reply, following /work/shared/data/fixtures/SOURCE.md:
// `.json` is one response body; `.chunks.txt` has one SSE `data:` payload per line and is rebuilt into the
// wire framing of the API named by its folder.
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Reply } from './fake-upstream-types.js';

export const defaultFixturesDir = new URL('../../../shared/data/fixtures/', import.meta.url);

export function resolveFixturePath(file: string, fixturesDir: string | URL = defaultFixturesDir): string {
  if (isAbsolute(file)) return file;
  const base = typeof fixturesDir === 'string' ? fixturesDir : fileURLToPath(fixturesDir);
  return base.endsWith('/') ? base + file : `${base}/${file}`;
}

export function loadFixtureReply(file: string, status = 200, fixturesDir?: string | URL): Reply {
  const path = resolveFixturePath(file, fixturesDir);
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    return { type: 'json', status, body: JSON.parse(text) };
  }
  if (!path.endsWith('.chunks.txt')) throw new Error(`fixture ${file}: expected a .json or .chunks.txt file`);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return {
    type: 'sse',
    status,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    frames: rebuildSseFrames(path, lines),
  };
}

/** Rebuild the SSE events of one `.chunks.txt` file; the framing depends on the API folder. */
export function rebuildSseFrames(path: string, lines: string[]): string[] {
  if (path.includes('/chat-completions/')) {
    return [...lines.map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'];
  }
  if (path.includes('/messages/') || path.includes('/responses/')) {
    // Anthropic Messages and OpenAI Responses: the event name is the payload's `type`.
    return lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`);
  }
  if (path.includes('/interactions/')) {
    return lines.map((line) => {
      const name = (JSON.parse(line) as { event_type?: string }).event_type;
      return name ? `event: ${name}\ndata: ${line}\n\n` : `data: ${line}\n\n`;
    });
  }
  if (path.includes('/generate-content/')) {
    return lines.map((line) => `data: ${line}\n\n`);
  }
  throw new Error(`fixture ${path}: unknown API folder, cannot rebuild its SSE framing`);
}
