/**
 * Shortening client-supplied text before it is logged, so one request cannot write megabytes into a
 * log line: the first characters are kept and a marker says how long the text was.
 */

/** The most characters of one client-supplied value (operation name, path, ...) in an access-log line. */
export const MAX_CLIENT_STRING_LENGTH = 256;

/** The most characters of any one string in a log line (long enough for a stack trace). */
export const MAX_LOGGED_STRING_LENGTH = 8192;

/**
 * `text` when it has at most `max` characters, else its first `max` characters and a marker such as
 * `…[truncated: 5000000 characters]`.
 * @param max the most characters kept. @default MAX_CLIENT_STRING_LENGTH
 */
export function truncateForLog(text: string, max: number = MAX_CLIENT_STRING_LENGTH): string {
  return text.length <= max ? text : `${text.slice(0, max)}…[truncated: ${text.length} characters]`;
}
