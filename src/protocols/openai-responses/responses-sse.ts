// One Responses stream event on the wire: `event: <type>` + `data: {type, sequence_number, …}`.
export function responsesEvent(
  type: string,
  sequenceNumber: number,
  fields: Record<string, unknown>,
): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequenceNumber, ...fields })}\n\n`;
}

/** the `code` of a failed response (`response.failed`) for a gateway error kind */
export function failureCode(kind: string | undefined): string {
  if (kind === 'rate_limit') return 'rate_limit_exceeded';
  if (kind === 'invalid_request') return 'invalid_prompt';
  return 'server_error';
}
