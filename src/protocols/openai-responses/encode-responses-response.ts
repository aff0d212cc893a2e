// A canonical answer -> the Responses API's response object.
import type { CanonicalResponse } from '../../canonical/index.js';
import { buildResponsesObject, statusFor } from './build-responses-object.js';
import { encodeResponsesOutput } from './encode-responses-output.js';
import { toResponsesUsage } from './map-responses-usage.js';
import type { ResponsesEcho } from './responses-echo.js';
import type { ClientToolNames } from './responses-tool-names.js';
import type { ResponsesResponse } from './responses-wire-types.js';

export function encodeResponsesResponse(
  res: CanonicalResponse,
  model: string,
  echo: ResponsesEcho,
  id: string,
  names?: ClientToolNames,
): ResponsesResponse {
  const status = statusFor(res.stopReason);
  return buildResponsesObject(
    {
      id,
      createdAt: res.created,
      model,
      ...status,
      output: encodeResponsesOutput(res.content, status.status === 'incomplete', names),
      usage: toResponsesUsage(res.usage),
    },
    echo,
  );
}
