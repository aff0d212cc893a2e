import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayError } from '../../canonical/index.js';
import {
  bedrockDocumentName,
  convertDocumentToBedrock,
  convertImageToBedrock,
} from './convert-media-to-bedrock.js';

test('images: base64 and data: URLs become bytes, s3:// an S3 location', () => {
  assert.deepEqual(convertImageToBedrock({ kind: 'base64', mediaType: 'image/png', data: 'AAA=' }, 'p'), {
    format: 'png',
    source: { bytes: 'AAA=' },
  });
  assert.deepEqual(convertImageToBedrock({ kind: 'url', url: 'data:image/jpeg;base64,QUJD' }, 'p'), {
    format: 'jpeg',
    source: { bytes: 'QUJD' },
  });
  assert.deepEqual(convertImageToBedrock({ kind: 'url', url: 's3://bucket/cat.webp' }, 'p'), {
    format: 'webp',
    source: { s3Location: { uri: 's3://bucket/cat.webp' } },
  });
});

test('http image URLs and unsupported types are client errors naming the field', () => {
  assert.throws(
    () => convertImageToBedrock({ kind: 'url', url: 'https://example.com/a.png' }, 'messages[0].content[1]'),
    (e: unknown) => e instanceof GatewayError && e.status === 400 && e.param === 'messages[0].content[1]',
  );
  assert.throws(
    () => convertImageToBedrock({ kind: 'base64', mediaType: 'image/tiff', data: 'AA' }, 'p'),
    /PNG, JPEG, GIF and WebP/,
  );
});

test('documents: format from the media type, text sources as UTF-8 bytes, names cleaned', () => {
  assert.deepEqual(
    convertDocumentToBedrock({ kind: 'text', mediaType: 'text/plain', text: 'hi' }, 'notes.txt', 'd1', 'p'),
    {
      format: 'txt',
      name: 'notes',
      source: { bytes: Buffer.from('hi').toString('base64') },
    },
  );
  assert.equal(
    convertDocumentToBedrock(
      { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
      undefined,
      'document-1',
      'p',
    ).name,
    'document-1',
  );
  assert.equal(bedrockDocumentName('Q3  report_final (v2).pdf', 'x'), 'Q3 report final (v2)');
  assert.throws(
    () =>
      convertDocumentToBedrock({ kind: 'base64', mediaType: 'application/zip', data: 'AA' }, 'a', 'b', 'p'),
    /does not accept documents of type application\/zip/,
  );
});
