// Ids in the Responses API's own style: resp_, msg_, rs_, fc_ followed by hex, as OpenAI's are.
import { randomBytes } from 'node:crypto';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export const responsesId = {
  response: () => `resp_${hex(25)}`,
  message: () => `msg_${hex(25)}`,
  reasoning: () => `rs_${hex(25)}`,
  functionCall: () => `fc_${hex(25)}`,
  customToolCall: () => `ctc_${hex(25)}`,
  call: () => `call_${hex(12)}`,
};
