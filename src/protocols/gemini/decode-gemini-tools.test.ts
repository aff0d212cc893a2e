import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeGeminiToolConfig, decodeGeminiTools } from './decode-gemini-tools.js';

const tools = decodeGeminiTools([
  {
    functionDeclarations: [
      { name: 'a', description: 'A', parameters: { type: 'OBJECT', properties: { x: { type: 'STRING' } } } },
      { name: 'b', parametersJsonSchema: { type: 'object', properties: { y: { type: 'integer' } } } },
      { name: 'c' },
    ],
  },
]);

test('declarations: Schema parameters converted, JSON Schema parameters kept, none → an empty object', () => {
  assert.deepEqual(tools, [
    { name: 'a', description: 'A', parameters: { type: 'object', properties: { x: { type: 'string' } } } },
    { name: 'b', parameters: { type: 'object', properties: { y: { type: 'integer' } } } },
    { name: 'c', parameters: { type: 'object', properties: {} } },
  ]);
  assert.equal(decodeGeminiTools(undefined), undefined);
});

test("Gemini's built-in tools cannot be translated", () => {
  assert.throws(() => decodeGeminiTools([{ googleSearch: {} }]), /tools\[0\]\.googleSearch/);
});

test('functionCallingConfig modes', () => {
  const mode = (m: string, allowed?: string[]) =>
    decodeGeminiToolConfig({ functionCallingConfig: { mode: m, allowedFunctionNames: allowed } }, tools);
  assert.deepEqual(mode('AUTO').toolChoice, { type: 'auto' });
  assert.deepEqual(mode('NONE').toolChoice, { type: 'none' });
  assert.deepEqual(mode('ANY').toolChoice, { type: 'required' });
  assert.deepEqual(mode('ANY', ['b']).toolChoice, { type: 'tool', name: 'b' });
  const two = mode('ANY', ['a', 'c']);
  assert.deepEqual(two.toolChoice, { type: 'required' });
  assert.deepEqual(
    two.tools?.map((t) => t.name),
    ['a', 'c'],
  );
  assert.deepEqual(mode('VALIDATED').toolChoice, { type: 'auto' });
  assert.throws(() => mode('SOMETIMES'), /mode/);
  assert.throws(() => mode('ANY', ['zzz']), /allowedFunctionNames\[0\]/);
  assert.deepEqual(decodeGeminiToolConfig(undefined, tools), { tools });
});
