/**
 * The limits of a suggestion and its 提出渠道, shared by the form
 * (worker/forms/suggestions.ts), the JSON API and the disclosure rule.
 */

export const TITLE_MAX = 100;
export const CONTENT_MAX = 10_000;
export const COSIGNERS_MAX = 50;

/** 提出渠道 (DOMAIN.md, "Source channels"). */
export const SOURCE_CHANNELS = ['session', 'forum', 'reception', 'inspection', 'station', 'online'] as const;
