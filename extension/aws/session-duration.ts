// AWS's limits for a role session (IAM's DurationSeconds / SAML's SessionDuration). A module of
// their own so the options page can check its field without bundling the assertion decoder.

export const MIN_SESSION_DURATION = 900;
export const MAX_SESSION_DURATION = 43_200;
