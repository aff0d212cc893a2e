import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anthropicPublisherUrl, isVertexClaudeModel, vertexPublisherModel } from './vertex-publisher.js';

const BASE =
  'https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google';

test("Claude models are Anthropic's publisher's", () => {
  assert.ok(isVertexClaudeModel('claude-sonnet-4@20250514'));
  assert.ok(!isVertexClaudeModel('gemini-2.5-flash'));
  assert.match(anthropicPublisherUrl(BASE), /\/publishers\/anthropic$/);
});

test('publisher/model ids (Model-as-a-Service) go under their publisher', () => {
  assert.deepEqual(vertexPublisherModel(BASE, 'meta/llama-3.3-70b-instruct-maas'), {
    base: BASE.replace(/google$/, 'meta'),
    name: 'llama-3.3-70b-instruct-maas',
  });
  assert.deepEqual(vertexPublisherModel(BASE, 'gemini-2.5-flash'), { base: BASE, name: 'gemini-2.5-flash' });
});
