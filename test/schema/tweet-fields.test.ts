import { type GraphQLObjectType, getNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needsOf } from '../../src/plan/x-needs.ts';
import { TWEET_FIELDS } from '../../src/rest/x-types.ts';
import { schema } from '../../src/schema/index.ts';
import { dataField, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

/** The first pinned tweet of the emulated world whose object carries `field`. */
function pinnedTweetWith(field: string): string {
  const { store } = gateway.emulator;
  for (let index = 0; index < store.userCount; index++) {
    const id = store.userAt(index).pinnedTweetId;
    if (id && store.tweetById(id)?.fields[field] !== undefined) return id;
  }
  throw new Error(`no pinned tweet has ${field}`);
}

describe('Tweet fields', () => {
  it('exposes every tweet.fields value of the spec through a field that declares it', () => {
    const tweet = schema.getType('Tweet') as GraphQLObjectType;
    const asked = new Set(
      Object.values(tweet.getFields()).flatMap((field) => {
        const needs = needsOf(field);
        return needs && 'fields' in needs ? needs.fields : [];
      }),
    );
    // `id`, `text` and `edit_history_tweet_ids` are X's default fields: always sent, never asked for.
    const defaults = ['edit_history_tweet_ids', 'id', 'text'];
    expect(TWEET_FIELDS.filter((field) => !asked.has(field) && !defaults.includes(field))).toEqual([]);
    expect(getNamedType(tweet.getFields().mediaMetadata?.type ?? tweet).name).toBe('JSON');
  });

  it('reads the Community Notes parts of a tweet, asking X for exactly those fields', async () => {
    const id = pinnedTweetWith('note_request_suggestions');
    gateway.emulator.clearRequests();
    const result = await gateway.query(`{ tweet(restId: "${id}") {
      noteRequestSuggestions { suggestion suggestionId sourceLink { url expandedUrl } }
      suggestedSourceLinksWithCounts { count url { url } }
      article { title }
    } }`);
    expect(result.errors).toBeUndefined();
    const sent = gateway.emulator.store.tweetById(id)?.fields as Record<string, Record<string, unknown>>;
    const tweet = dataField<Record<string, Record<string, unknown> | null>>(result, 'tweet');
    expect(tweet.noteRequestSuggestions?.suggestion).toBe(sent.note_request_suggestions?.suggestion);
    expect(tweet.suggestedSourceLinksWithCounts?.count).toBe(sent.suggested_source_links_with_counts?.count);
    expect(tweet.article).toBeNull();
    expect(gateway.emulator.requests.map(({ path, query }) => [path, query])).toEqual([
      [
        '/2/tweets',
        {
          ids: id,
          'tweet.fields': 'article,note_request_suggestions,suggested_source_links_with_counts',
        },
      ],
    ]);
  });

  it('reads the matched media note of a tweet with media', async () => {
    const id = pinnedTweetWith('matched_media_notes');
    const result = await gateway.query(
      `{ tweet(restId: "${id}") { matchedMediaNotes { matchStatus noteId } } }`,
    );
    expect(result.errors).toBeUndefined();
    const sent = gateway.emulator.store.tweetById(id)?.fields.matched_media_notes as Record<string, string>;
    expect(dataField<Record<string, unknown>>(result, 'tweet').matchedMediaNotes).toEqual({
      matchStatus: sent.match_status,
      noteId: sent.note_id,
    });
  });
});
