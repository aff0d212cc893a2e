// The $CODEX_HOME/config.toml that points Codex at Switchyard: a custom model provider speaking the
// Responses API at the gateway's /v1, its key read from an environment variable, no retries (a failure
// must show at once), no update check and no analytics.
export interface CodexConfigOptions {
  /** the model name Codex sends */
  model: string;
  /** the gateway's /v1 URL */
  baseUrl: string;
  /** the environment variable that holds the gateway key */
  envKey: string;
  /**
   * Turn off the two tools Codex offers besides its functions: the hosted `web_search` and the
   * `multi_agent_v1` namespace of sub-agent functions. Needed for a model of another protocol, which the
   * gateway can give function tools only.
   */
  functionToolsOnly?: boolean;
}

export function codexConfigToml(options: CodexConfigOptions): string {
  const functionToolsOnly = options.functionToolsOnly
    ? 'web_search = "disabled"\n\n[features]\nmulti_agent = false\n\n'
    : '';
  return `model = ${JSON.stringify(options.model)}
model_provider = "switchyard"
check_for_update_on_startup = false
${functionToolsOnly}
[analytics]
enabled = false

[model_providers.switchyard]
name = "Switchyard"
base_url = ${JSON.stringify(options.baseUrl)}
env_key = ${JSON.stringify(options.envKey)}
wire_api = "responses"
request_max_retries = 0
stream_max_retries = 0
`;
}
