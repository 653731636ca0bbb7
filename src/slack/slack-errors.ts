/** The error code of a failed Web API call (invalid_blocks, not_in_channel, token_revoked…), if Slack gave one. */
export function slackErrorCode(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/** The code as a metric label: Slack's codes are a small vocabulary, anything else (a socket error's text) is one label. */
export function errorLabel(error: unknown): string {
  const code = slackErrorCode(error);
  return code && /^[a-z_]{1,40}$/.test(code) ? code : 'transport';
}
