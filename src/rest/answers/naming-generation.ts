/**
 * X's answers come in two naming generations (spec 2.166 and X's docs: `pinned_tweet_id`,
 * `public_metrics.tweet_count`, `includes.tweets`, problem types under `https://api.twitter.com/2/problems/`;
 * spec 2.167: `pinned_post_id`, `post_count`, `includes.posts`, `https://api.x.com/2/problems/`). The
 * gateway asks in 2.166 names, but X may answer in either: this turns a 2.167 answer into 2.166 names, in
 * place, so everything downstream reads one generation. Problem types need no renaming: they are read by
 * their last path segment (`map-errors.ts`), whatever the host.
 */

/** Object keys of users and tweets, 2.167 name to 2.166 name. */
const KEYS_2166: Readonly<Record<string, string>> = {
  pinned_post_id: 'pinned_tweet_id',
  most_recent_post_id: 'most_recent_tweet_id',
  edit_history_post_ids: 'edit_history_tweet_ids',
  note_post: 'note_tweet',
  referenced_posts: 'referenced_tweets',
};

/** Problem `parameter` names, 2.167 name to 2.166 name. */
const PARAMETERS_2166: Readonly<Record<string, string>> = {
  ...KEYS_2166,
  'post.fields': 'tweet.fields',
};

/** The renamed keys, as pairs (read once, not per resource). */
const KEY_PAIRS = Object.entries(KEYS_2166);

/**
 * A parsed answer body with 2.167 names turned into 2.166 names (the same object, changed in place). It
 * looks at the parsed objects, not the text: a few property checks per resource cost less than any search
 * through the text of a 1,000-user page, and the user's own words cannot trigger it.
 */
export function answerIn2166(body: unknown): unknown {
  if (!isObject(body)) return body;
  const { data, includes, errors } = body;
  if (Array.isArray(data)) for (const item of data) resourceIn2166(item);
  else resourceIn2166(data);
  if (isObject(includes)) {
    if (includes.posts !== undefined) {
      if (includes.tweets === undefined) includes.tweets = includes.posts;
      delete includes.posts;
    }
    for (const list of [includes.users, includes.tweets]) {
      if (Array.isArray(list)) for (const item of list) resourceIn2166(item);
    }
  }
  if (Array.isArray(errors)) for (const problem of errors) problemIn2166(problem);
  return body;
}

/** Renames a user's or tweet's 2.167 keys (an existing 2.166 key wins). */
function resourceIn2166(resource: unknown): void {
  if (!isObject(resource)) return;
  if (has2167Key(resource)) {
    for (const [from, to] of KEY_PAIRS) {
      if (!(from in resource)) continue;
      if (!(to in resource)) resource[to] = resource[from];
      delete resource[from];
    }
  }
  const metrics = resource.public_metrics;
  if (isObject(metrics) && metrics.post_count !== undefined) {
    if (!('tweet_count' in metrics)) metrics.tweet_count = metrics.post_count;
    delete metrics.post_count;
  }
}

/**
 * Whether a resource has any key of {@link KEYS_2166} (JSON has no `undefined` member). Each key is read
 * by name: the resources of one answer share their hidden class, so each read is one inline-cached check,
 * where looking the keys up from a list made every check a generic lookup (0.1 ms per 1,000-user page).
 */
function has2167Key(resource: Record<string, unknown>): boolean {
  return (
    resource.pinned_post_id !== undefined ||
    resource.most_recent_post_id !== undefined ||
    resource.edit_history_post_ids !== undefined ||
    resource.note_post !== undefined ||
    resource.referenced_posts !== undefined
  );
}

/** Renames a partial error's 2.167 parameter and resource type. */
function problemIn2166(problem: unknown): void {
  if (!isObject(problem)) return;
  const parameter = typeof problem.parameter === 'string' ? PARAMETERS_2166[problem.parameter] : undefined;
  if (parameter !== undefined) problem.parameter = parameter;
  if (problem.resource_type === 'post') problem.resource_type = 'tweet';
}

/** A plain JSON object (not an array, not null). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
