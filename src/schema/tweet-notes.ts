import { builder } from '../builder.ts';
import type { XUrlEntity } from '../rest/x-types.ts';
import { UrlEntityRef } from './entities.ts';

/**
 * The parts of a tweet about Community Notes and X Articles, typed from the 2.166 spec's `Tweet`
 * (`matched_media_notes`, `note_request_suggestions`, `suggested_source_links_with_counts`) and its
 * `article.fields` parameter (`article`). X sends each only when `tweet.fields` asks for it.
 */

/** `matched_media_notes` as X sends it. */
export interface XMatchedMediaNotes {
  readonly match_status?: string;
  readonly note_id?: string;
}

/** `note_request_suggestions` as X sends it. */
export interface XNoteRequestSuggestions {
  readonly source_link?: XUrlEntity;
  readonly suggestion?: string;
  readonly suggestion_id?: string;
}

/** `suggested_source_links_with_counts` as X sends it. */
export interface XSuggestedSourceLinkWithCount {
  readonly count?: number;
  readonly url?: XUrlEntity;
}

/** `article` as X sends it (the fields of `article.fields`, plus the media its expansions name). */
export interface XArticle {
  readonly id?: string;
  readonly title?: string;
  readonly preview_text?: string;
  readonly plain_text?: string;
  readonly media_key?: string;
  readonly cover_media?: string;
  readonly media_entities?: string[];
}

/** `MatchedMediaNotes`. */
export const MatchedMediaNotesRef = builder.objectRef<XMatchedMediaNotes>('MatchedMediaNotes').implement({
  description: 'The Community Note matched to the media of a post (`matched_media_notes`).',
  fields: (t) => ({
    matchStatus: t.exposeString('match_status', {
      nullable: true,
      description: 'The status of the match, such as `matched_and_shown`.',
    }),
    noteId: t.exposeID('note_id', { nullable: true, description: 'The id of the matched note.' }),
  }),
});

/** `NoteRequestSuggestions`. */
export const NoteRequestSuggestionsRef = builder
  .objectRef<XNoteRequestSuggestions>('NoteRequestSuggestions')
  .implement({
    description:
      'A suggestion made with requests for a Community Note on a post (`note_request_suggestions`).',
    fields: (t) => ({
      suggestion: t.exposeString('suggestion', {
        nullable: true,
        description: 'The text of the suggestion.',
      }),
      suggestionId: t.exposeID('suggestion_id', { nullable: true }),
      sourceLink: t.expose('source_link', {
        type: UrlEntityRef,
        nullable: true,
        description: 'The source link the suggestion cites.',
      }),
    }),
  });

/** `SuggestedSourceLinkWithCount`. */
export const SuggestedSourceLinkWithCountRef = builder
  .objectRef<XSuggestedSourceLinkWithCount>('SuggestedSourceLinkWithCount')
  .implement({
    description:
      'A source link suggested in note requests, with how many requests included it ' +
      '(`suggested_source_links_with_counts`).',
    fields: (t) => ({
      count: t.exposeInt('count', { nullable: true }),
      url: t.expose('url', { type: UrlEntityRef, nullable: true }),
    }),
  });

/** `TweetArticle`. */
export const TweetArticleRef = builder.objectRef<XArticle>('TweetArticle').implement({
  description: 'The X Article a post carries (`article`).',
  fields: (t) => ({
    restId: t.exposeID('id', { nullable: true, description: 'The X id of the article.' }),
    title: t.exposeString('title', { nullable: true }),
    previewText: t.exposeString('preview_text', { nullable: true }),
    plainText: t.exposeString('plain_text', { nullable: true }),
    mediaKey: t.exposeString('media_key', { nullable: true }),
    coverMedia: t.exposeString('cover_media', {
      nullable: true,
      description: 'The media key of the cover image.',
    }),
    mediaEntities: t.exposeStringList('media_entities', {
      nullable: true,
      description: 'The media keys of the media in the article.',
    }),
  }),
});
