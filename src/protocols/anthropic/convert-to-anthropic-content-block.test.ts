import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import {
  toAnthropicDocumentBlock,
  toAnthropicImageBlock,
  toAnthropicTextBlock,
  toAnthropicToolResultBlock,
} from './convert-to-anthropic-content-block.js';

const P = 'messages[0].content[0]';

describe('toAnthropicTextBlock', () => {
  test('keeps cache_control, drops empty text', () => {
    assert.deepEqual(
      toAnthropicTextBlock({ type: 'text', text: 'a', cacheControl: { type: 'ephemeral', ttl: '1h' } }),
      {
        type: 'text',
        text: 'a',
        cache_control: { type: 'ephemeral', ttl: '1h' },
      },
    );
    assert.equal(toAnthropicTextBlock({ type: 'text', text: '' }), undefined);
  });
});

describe('toAnthropicImageBlock', () => {
  test('base64, http url, data url', () => {
    assert.deepEqual(
      toAnthropicImageBlock(
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA' } },
        P,
      ),
      {
        type: 'image',
        source: { type: 'base64', media_type: 'image/png', data: 'AA' },
      },
    );
    assert.deepEqual(
      toAnthropicImageBlock(
        { type: 'image', source: { kind: 'url', url: 'https://x/a.jpg' }, detail: 'low' },
        P,
      ),
      {
        type: 'image',
        source: { type: 'url', url: 'https://x/a.jpg' },
      },
    );
    assert.deepEqual(
      toAnthropicImageBlock({ type: 'image', source: { kind: 'url', url: 'data:image/jpg;base64,/9j/' } }, P),
      {
        type: 'image',
        source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' },
      },
    );
  });

  test('formats Anthropic does not take are a clear 400', () => {
    assert.throws(
      () =>
        toAnthropicImageBlock(
          { type: 'image', source: { kind: 'base64', mediaType: 'image/heic', data: 'AA' } },
          P,
        ),
      (e: unknown) =>
        e instanceof GatewayError && e.status === 400 && e.param === P && /image\/heic/.test(e.message),
    );
    assert.throws(
      () =>
        toAnthropicImageBlock(
          { type: 'image', source: { kind: 'text', mediaType: 'text/plain', text: 'x' } },
          P,
        ),
      (e: unknown) => e instanceof GatewayError && e.param === P,
    );
  });
});

describe('toAnthropicDocumentBlock', () => {
  test('pdf base64 with title, filename as title fallback', () => {
    assert.deepEqual(
      toAnthropicDocumentBlock(
        {
          type: 'document',
          source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
          title: 'T',
          filename: 'f.pdf',
        },
        P,
      ),
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' },
        title: 'T',
      },
    );
    assert.equal(
      toAnthropicDocumentBlock(
        {
          type: 'document',
          source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
          filename: 'f.pdf',
        },
        P,
      ).title,
      'f.pdf',
    );
  });

  test('text sources, base64 text and data URLs become plain-text sources', () => {
    assert.deepEqual(
      toAnthropicDocumentBlock(
        { type: 'document', source: { kind: 'text', mediaType: 'text/plain', text: 'hi' } },
        P,
      ),
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'hi' },
      },
    );
    assert.deepEqual(
      toAnthropicDocumentBlock(
        {
          type: 'document',
          source: { kind: 'base64', mediaType: 'text/markdown', data: Buffer.from('# T').toString('base64') },
        },
        P,
      ).source,
      { type: 'text', media_type: 'text/plain', data: '# T' },
    );
    assert.deepEqual(
      toAnthropicDocumentBlock(
        { type: 'document', source: { kind: 'url', url: 'data:application/pdf;base64,JVBE' } },
        P,
      ).source,
      { type: 'base64', media_type: 'application/pdf', data: 'JVBE' },
    );
    assert.deepEqual(
      toAnthropicDocumentBlock({ type: 'document', source: { kind: 'url', url: 'https://x/a.pdf' } }, P)
        .source,
      {
        type: 'url',
        url: 'https://x/a.pdf',
      },
    );
  });

  test('other document types are a clear 400', () => {
    assert.throws(
      () =>
        toAnthropicDocumentBlock(
          {
            type: 'document',
            source: {
              kind: 'base64',
              mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
              data: 'UEs',
            },
          },
          P,
        ),
      (e: unknown) => e instanceof GatewayError && e.param === P && /PDF and plain-text/.test(e.message),
    );
  });
});

describe('toAnthropicToolResultBlock', () => {
  test('content, error flag, cache_control, sanitized id', () => {
    assert.deepEqual(
      toAnthropicToolResultBlock(
        {
          type: 'tool_result',
          toolCallId: 'functions.lookup:0',
          toolName: 'lookup',
          content: [
            { type: 'text', text: 'boom' },
            { type: 'text', text: '' },
          ],
          isError: true,
          cacheControl: { type: 'ephemeral' },
        },
        P,
      ),
      {
        type: 'tool_result',
        tool_use_id: 'functions_lookup_0',
        content: [{ type: 'text', text: 'boom' }],
        is_error: true,
        cache_control: { type: 'ephemeral' },
      },
    );
  });

  test('empty content is left out', () => {
    assert.deepEqual(toAnthropicToolResultBlock({ type: 'tool_result', toolCallId: 'c', content: [] }, P), {
      type: 'tool_result',
      tool_use_id: 'c',
    });
  });
});
