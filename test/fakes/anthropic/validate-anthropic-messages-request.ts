// A modest subset of the checks api.anthropic.com makes on POST /v1/messages (and count_tokens), returning its
// real invalid_request_error message, or undefined when the request passes.

export function validateAnthropicMessagesRequest(
  body: unknown,
  options: { maxTokensRequired: boolean },
): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return 'There was an issue with your request body: it must be a JSON object.';
  }
  const request = body as Record<string, any>;
  if (request.model === undefined) return 'model: Field required';
  if (typeof request.model !== 'string') return 'model: Input should be a valid string';
  if (options.maxTokensRequired) {
    if (request.max_tokens === undefined) return 'max_tokens: Field required';
    if (!Number.isInteger(request.max_tokens)) return 'max_tokens: Input should be a valid integer';
    // 0 is allowed: it pre-warms the prompt cache without generating anything.
    if (request.max_tokens < 0) return 'max_tokens: Input should be greater than or equal to 0';
  }
  if (request.messages === undefined) return 'messages: Field required';
  if (!Array.isArray(request.messages)) return 'messages: Input should be a valid list';
  if (typeof request.temperature === 'number' && request.temperature > 1) {
    return 'temperature: Input should be less than or equal to 1';
  }
  return validateThinking(request) ?? validateMessages(request.messages);
}

function validateThinking(request: Record<string, any>): string | undefined {
  const thinking = request.thinking;
  if (thinking?.type !== 'enabled') return undefined;
  if (!Number.isInteger(thinking.budget_tokens)) return 'thinking.enabled.budget_tokens: Field required';
  if (thinking.budget_tokens < 1024) {
    return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
  }
  if (request.max_tokens !== undefined && request.max_tokens <= thinking.budget_tokens) {
    return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
  }
  if (request.tool_choice?.type === 'any' || request.tool_choice?.type === 'tool') {
    return 'Thinking may not be enabled when tool_choice forces tool use.';
  }
  return undefined;
}

function validateMessages(messages: any[]): string | undefined {
  if (messages.length === 0) return 'messages: at least one message is required';
  for (const [i, message] of messages.entries()) {
    // Anthropic SDK 1.x (API version 2026-10-21) has SystemMessageParam: `system` messages are accepted.
    if (!['user', 'assistant', 'system'].includes(message?.role)) {
      return `messages.${i}.role: Input should be 'user', 'assistant' or 'system'`;
    }
    if (message.content === undefined) return `messages.${i}.content: Field required`;
    const isFinalAssistant = i === messages.length - 1 && message.role === 'assistant';
    const empty = message.content === '' || (Array.isArray(message.content) && message.content.length === 0);
    if (empty && !isFinalAssistant) {
      return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    }
    if (Array.isArray(message.content)) {
      const blank = message.content.some((block: any) => block?.type === 'text' && block.text === '');
      if (blank) return 'messages: text content blocks must be non-empty';
    }
  }
  const first = messages.find((message) => message.role !== 'system');
  if (first && first.role !== 'user') return 'messages: first message must use the "user" role';
  return validateToolPairing(messages);
}

/** Each tool_use needs a tool_result in the very next message, and each tool_result a tool_use just before. */
function validateToolPairing(messages: any[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    const blocks: any[] = Array.isArray(message.content) ? message.content : [];
    if (message.role === 'assistant') {
      const ids = blocks.filter((block) => block?.type === 'tool_use').map((block) => block.id);
      if (ids.length === 0) continue;
      const next = messages[i + 1];
      const answered = new Set(
        (Array.isArray(next?.content) ? next.content : [])
          .filter((block: any) => block?.type === 'tool_result')
          .map((block: any) => block.tool_use_id),
      );
      const missing = ids.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
      }
      continue;
    }
    const previous = messages[i - 1];
    const offered = new Set(
      (previous?.role === 'assistant' && Array.isArray(previous.content) ? previous.content : [])
        .filter((block: any) => block?.type === 'tool_use')
        .map((block: any) => block.id),
    );
    for (const [j, block] of blocks.entries()) {
      if (block?.type === 'tool_result' && !offered.has(block.tool_use_id)) {
        return `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      }
    }
  }
  return undefined;
}
