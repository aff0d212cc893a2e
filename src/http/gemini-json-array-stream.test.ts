import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import { test } from 'node:test';
import { adaptSseToJsonArray } from './gemini-json-array-stream.js';

async function serve(write: (res: ServerResponse) => void): Promise<Response> {
  const server = createServer((_req, res) => {
    adaptSseToJsonArray(res);
    write(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    const r = await fetch(`http://127.0.0.1:${port}/`);
    await r.clone().text();
    return r;
  } finally {
    server.close();
  }
}

test('SSE events written in pieces become one JSON array; comments are dropped', async () => {
  const r = await serve((res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
    res.write('data: {"a":1}\r\n\r\n: keep-alive\r\n\r\ndata: {"b"');
    res.write(':2}\r\n\r\n');
    res.end('data: {"c":3}\r\n\r\n');
  });
  assert.match(r.headers.get('content-type') ?? '', /application\/json/);
  assert.deepEqual(await r.json(), [{ a: 1 }, { b: 2 }, { c: 3 }]);
});

test('a body that is not SSE (a provider array passed through) is left alone', async () => {
  const r = await serve((res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[{"x":');
    res.end('1}]');
  });
  assert.deepEqual(await r.json(), [{ x: 1 }]);
});

test('an SSE stream with no events is an empty array', async () => {
  const r = await serve((res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end();
  });
  assert.deepEqual(await r.json(), []);
});
