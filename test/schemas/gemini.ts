// TypeBox schemas of the Gemini (Generative Language API) request bodies the gateway emits, and
// of the responses and errors it writes for Gemini clients, strict enough to catch a misspelt
// field or a shape Gemini refuses, and `validateGemini` to check a body against them in tests.
// References: https://ai.google.dev/api/generate-content, https://ai.google.dev/api/caching#Content,
// https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const strict = { additionalProperties: false } as const;

/** Declaration names: a letter or underscore first, then a-z A-Z 0-9 _ . : -, at most 64. */
const FunctionName = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$' });
const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/_-]*={0,2}$' });
const JsonObject = Type.Record(Type.String(), Type.Unknown());
const Signature = Type.Optional(Type.String({ minLength: 1 }));

export const GeminiInlineData = Type.Object(
  { mimeType: Type.String({ minLength: 1 }), data: Base64 },
  strict,
);
export const GeminiFileData = Type.Object(
  { mimeType: Type.Optional(Type.String({ minLength: 1 })), fileUri: Type.String({ minLength: 1 }) },
  strict,
);

/** Gemini refuses empty text parts. */
export const GeminiTextPart = Type.Object(
  {
    text: Type.String({ minLength: 1 }),
    thought: Type.Optional(Type.Boolean()),
    thoughtSignature: Signature,
  },
  strict,
);
export const GeminiInlineDataPart = Type.Object(
  { inlineData: GeminiInlineData, thoughtSignature: Signature },
  strict,
);
export const GeminiFileDataPart = Type.Object({ fileData: GeminiFileData }, strict);
export const GeminiFunctionCallPart = Type.Object(
  {
    functionCall: Type.Object({ name: FunctionName, args: Type.Optional(JsonObject) }, strict),
    thoughtSignature: Signature,
  },
  strict,
);
export const GeminiFunctionResponsePart = Type.Object(
  {
    functionResponse: Type.Object(
      {
        name: FunctionName,
        response: JsonObject,
        parts: Type.Optional(
          Type.Array(Type.Object({ inlineData: GeminiInlineData }, strict), { minItems: 1 }),
        ),
      },
      strict,
    ),
  },
  strict,
);
export const GeminiPart = Type.Union([
  GeminiTextPart,
  GeminiInlineDataPart,
  GeminiFileDataPart,
  GeminiFunctionCallPart,
  GeminiFunctionResponsePart,
]);

export const GeminiContent = Type.Object(
  {
    role: Type.Union([Type.Literal('user'), Type.Literal('model')]),
    parts: Type.Array(GeminiPart, { minItems: 1 }),
  },
  strict,
);

export const GeminiFunctionDeclaration = Type.Object(
  {
    name: FunctionName,
    description: Type.Optional(Type.String()),
    parametersJsonSchema: Type.Optional(JsonObject),
  },
  strict,
);

export const GeminiToolConfig = Type.Object(
  {
    functionCallingConfig: Type.Object(
      {
        mode: Type.Union([Type.Literal('AUTO'), Type.Literal('ANY'), Type.Literal('NONE')]),
        allowedFunctionNames: Type.Optional(Type.Array(FunctionName, { minItems: 1 })),
      },
      strict,
    ),
  },
  strict,
);

/** thinkingLevel and thinkingBudget together are a 400. */
export const GeminiThinkingConfig = Type.Object(
  {
    includeThoughts: Type.Optional(Type.Boolean()),
    thinkingBudget: Type.Optional(Type.Integer({ minimum: -1 })),
    thinkingLevel: Type.Optional(
      Type.Union([
        Type.Literal('minimal'),
        Type.Literal('low'),
        Type.Literal('medium'),
        Type.Literal('high'),
      ]),
    ),
  },
  { ...strict, not: { required: ['thinkingBudget', 'thinkingLevel'] } },
);

/** responseJsonSchema needs responseMimeType application/json. */
export const GeminiGenerationConfig = Type.Object(
  {
    maxOutputTokens: Type.Optional(Type.Integer({ minimum: 1 })),
    temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 2 })),
    topP: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    topK: Type.Optional(Type.Integer({ minimum: 1 })),
    stopSequences: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 5 })),
    seed: Type.Optional(Type.Integer()),
    responseMimeType: Type.Optional(
      Type.Union([Type.Literal('text/plain'), Type.Literal('application/json')]),
    ),
    responseJsonSchema: Type.Optional(JsonObject),
    thinkingConfig: Type.Optional(GeminiThinkingConfig),
  },
  {
    ...strict,
    anyOf: [
      { not: { required: ['responseJsonSchema'] } },
      { required: ['responseMimeType'], properties: { responseMimeType: { const: 'application/json' } } },
    ],
  },
);

export const GeminiGenerateContentRequest = Type.Object(
  {
    contents: Type.Array(GeminiContent, { minItems: 1 }),
    systemInstruction: Type.Optional(
      Type.Object(
        { parts: Type.Array(Type.Object({ text: Type.String() }, strict), { minItems: 1 }) },
        strict,
      ),
    ),
    tools: Type.Optional(
      Type.Array(
        Type.Object({ functionDeclarations: Type.Array(GeminiFunctionDeclaration, { minItems: 1 }) }, strict),
        { minItems: 1 },
      ),
    ),
    toolConfig: Type.Optional(GeminiToolConfig),
    generationConfig: Type.Optional(GeminiGenerationConfig),
  },
  strict,
);

export const GeminiBatchEmbedContentsRequest = Type.Object(
  {
    requests: Type.Array(
      Type.Object(
        {
          model: Type.String({ pattern: '^models/[^/]+$' }),
          content: Type.Object(
            { parts: Type.Array(Type.Object({ text: Type.String() }, strict), { minItems: 1 }) },
            strict,
          ),
          outputDimensionality: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        strict,
      ),
      { minItems: 1 },
    ),
  },
  strict,
);

/** A response part as the gateway writes it for a Gemini client (text may be empty, as Google's is). */
export const GeminiResponsePart = Type.Union([
  Type.Object(
    { text: Type.String(), thought: Type.Optional(Type.Literal(true)), thoughtSignature: Signature },
    strict,
  ),
  Type.Object(
    {
      functionCall: Type.Object(
        {
          id: Type.Optional(Type.String({ minLength: 1 })),
          name: Type.String({ minLength: 1 }),
          args: JsonObject,
        },
        strict,
      ),
      thoughtSignature: Signature,
    },
    strict,
  ),
]);

const Count = Type.Integer({ minimum: 0 });

/** https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse (the fields the gateway writes) */
export const GeminiGenerateContentResponse = Type.Object(
  {
    candidates: Type.Array(
      Type.Object(
        {
          content: Type.Object(
            { role: Type.Literal('model'), parts: Type.Array(GeminiResponsePart, { minItems: 1 }) },
            strict,
          ),
          finishReason: Type.Optional(
            Type.Union(
              ['STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'OTHER', 'MALFORMED_FUNCTION_CALL'].map((r) =>
                Type.Literal(r),
              ),
            ),
          ),
          index: Type.Literal(0),
        },
        strict,
      ),
      { minItems: 1, maxItems: 1 },
    ),
    usageMetadata: Type.Optional(
      Type.Object(
        {
          promptTokenCount: Count,
          candidatesTokenCount: Count,
          totalTokenCount: Count,
          cachedContentTokenCount: Type.Optional(Count),
          thoughtsTokenCount: Type.Optional(Count),
        },
        strict,
      ),
    ),
    modelVersion: Type.String({ minLength: 1 }),
    responseId: Type.String({ minLength: 1 }),
  },
  strict,
);

/** Google's error body: `{error: {code, message, status}}` */
export const GoogleError = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.Integer({ minimum: 400, maximum: 599 }),
        message: Type.String({ minLength: 1 }),
        status: Type.String({ pattern: '^[A-Z_]+$' }),
        details: Type.Optional(Type.Array(Type.Unknown())),
      },
      strict,
    ),
  },
  strict,
);

export type GeminiGenerateContentRequestBody = Static<typeof GeminiGenerateContentRequest>;
export type GeminiBatchEmbedContentsRequestBody = Static<typeof GeminiBatchEmbedContentsRequest>;

const SCHEMAS = {
  generateContentRequest: GeminiGenerateContentRequest,
  batchEmbedContentsRequest: GeminiBatchEmbedContentsRequest,
  generateContentResponse: GeminiGenerateContentResponse,
  error: GoogleError,
} satisfies Record<string, TSchema>;

export type GeminiSchemaKind = keyof typeof SCHEMAS;

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const compiled = new Map<GeminiSchemaKind, ValidateFunction>();

const describeError = (e: ErrorObject) =>
  `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;

/** Validation errors of `value` as a `kind` body; an empty list means it is valid. */
export function validateGemini(kind: GeminiSchemaKind, value: unknown): string[] {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = ajv.compile(SCHEMAS[kind]);
    compiled.set(kind, validate);
  }
  return validate(value) ? [] : (validate.errors ?? []).map(describeError);
}
