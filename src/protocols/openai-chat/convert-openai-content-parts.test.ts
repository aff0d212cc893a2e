import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import { readTextContent, readUserContent } from './convert-openai-content-parts.js';

function fails(fn: () => unknown, param: string, message?: RegExp) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof GatewayError);
    assert.equal(e.status, 400);
    assert.equal(e.param, param);
    if (message) assert.match(e.message, message);
    return true;
  });
}

describe('readTextContent', () => {
  test('a string', () => assert.deepEqual(readTextContent('hi', 'c'), [{ type: 'text', text: 'hi' }]));
  test('an empty string carries nothing', () => assert.deepEqual(readTextContent('', 'c'), []));
  test('text parts, with a cache breakpoint', () => {
    assert.deepEqual(
      readTextContent(
        [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b', prompt_cache_breakpoint: { mode: 'explicit' } },
        ],
        'c',
      ),
      [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b', cacheControl: { type: 'ephemeral' } },
      ],
    );
  });
  test('refusal parts only where allowed', () => {
    assert.deepEqual(readTextContent([{ type: 'refusal', refusal: 'no' }], 'c', { allowRefusal: true }), [
      { type: 'text', text: 'no' },
    ]);
    fails(
      () => readTextContent([{ type: 'refusal', refusal: 'no' }], 'c'),
      'c[0].type',
      /Supported values are: 'text'/,
    );
  });
  test('non-text parts are refused', () =>
    fails(
      () => readTextContent([{ type: 'image_url', image_url: { url: 'x' } }], 'm.content'),
      'm.content[0].type',
    ));
  test('a part without type', () => fails(() => readTextContent([{ text: 'x' }], 'c'), 'c[0].type'));
  test('a part without text', () => fails(() => readTextContent([{ type: 'text' }], 'c'), 'c[0].text'));
  test('content of the wrong type', () => fails(() => readTextContent(5, 'c'), 'c', /a string or an array/));
});

describe('readUserContent', () => {
  test('an image by URL, with detail', () => {
    assert.deepEqual(
      readUserContent([{ type: 'image_url', image_url: { url: 'https://x/a.png', detail: 'high' } }], 'c'),
      [{ type: 'image', source: { kind: 'url', url: 'https://x/a.png' }, detail: 'high' }],
    );
  });

  test('an image as a data URL', () => {
    assert.deepEqual(
      readUserContent([{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } }], 'c'),
      [{ type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } }],
    );
  });

  test('image errors', () => {
    fails(() => readUserContent([{ type: 'image_url' }], 'c'), 'c[0].image_url');
    fails(() => readUserContent([{ type: 'image_url', image_url: {} }], 'c'), 'c[0].image_url.url');
    fails(
      () => readUserContent([{ type: 'image_url', image_url: { url: 'ftp://x' } }], 'c'),
      'c[0].image_url.url',
    );
    fails(
      () => readUserContent([{ type: 'image_url', image_url: { url: 'https://x', detail: 'max' } }], 'c'),
      'c[0].image_url.detail',
    );
  });

  test('a PDF file part becomes a document', () => {
    assert.deepEqual(
      readUserContent(
        [{ type: 'file', file: { filename: 'r.pdf', file_data: 'data:application/pdf;base64,JVBE' } }],
        'c',
      ),
      [
        {
          type: 'document',
          source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
          filename: 'r.pdf',
        },
      ],
    );
  });

  test('raw base64 file data takes its media type from the file name', () => {
    const [doc] = readUserContent([{ type: 'file', file: { filename: 'r.pdf', file_data: 'JVBE' } }], 'c');
    assert.deepEqual(doc, {
      type: 'document',
      source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
      filename: 'r.pdf',
    });
  });

  test('a text file becomes a text document', () => {
    const data = `data:text/plain;base64,${Buffer.from('hello').toString('base64')}`;
    assert.deepEqual(readUserContent([{ type: 'file', file: { filename: 'a.txt', file_data: data } }], 'c'), [
      {
        type: 'document',
        source: { kind: 'text', mediaType: 'text/plain', text: 'hello' },
        filename: 'a.txt',
      },
    ]);
  });

  test('file_id references are refused', () =>
    fails(
      () => readUserContent([{ type: 'file', file: { file_id: 'file-1' } }], 'c'),
      'c[0].file.file_id',
      /inline/,
    ));
  test('a file part without data', () =>
    fails(() => readUserContent([{ type: 'file', file: {} }], 'c'), 'c[0].file.file_data'));
  test('input_audio is refused', () =>
    fails(
      () =>
        readUserContent(
          [{ type: 'input_audio', input_audio: { data: 'AA', format: 'mp3' } }],
          'messages[2].content',
        ),
      'messages[2].content[0]',
      /only models that speak the OpenAI protocol/,
    ));
  test('an unknown part type', () =>
    fails(
      () => readUserContent([{ type: 'video', video: {} }], 'c'),
      'c[0].type',
      /'text', 'image_url', 'input_audio', and 'file'/,
    ));
});
