import { builder } from '../builder.ts';
import type { XTweet } from '../rest/x-types.ts';
import { TextEntitiesRef } from './entities.ts';
import { ReferencedTweetType } from './leaf-types.ts';

/** The structured parts of a tweet: attachments, annotations, edit controls, geo, references, notes. */

type Annotation = NonNullable<XTweet['context_annotations']>[number];
type Geo = NonNullable<XTweet['geo']>;
type NoteTweet = { text?: string; entities?: XTweet['entities'] };

/** `TweetAttachments`. */
export const TweetAttachmentsRef = builder
  .objectRef<NonNullable<XTweet['attachments']>>('TweetAttachments')
  .implement({
    description: 'Media and polls attached to a tweet (`attachments`).',
    fields: (t) => ({
      mediaKeys: t.exposeStringList('media_keys', { nullable: true }),
      pollIds: t.exposeIDList('poll_ids', { nullable: true }),
      mediaSourceTweetIds: t.exposeIDList('media_source_tweet_id', { nullable: true }),
    }),
  });

const AnnotationPartRef = builder.objectRef<Annotation['domain']>('ContextAnnotationPart').implement({
  description: 'The domain or entity of a context annotation.',
  fields: (t) => ({
    restId: t.exposeID('id'),
    name: t.exposeString('name', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
  }),
});

/** `ContextAnnotation`. */
export const ContextAnnotationRef = builder.objectRef<Annotation>('ContextAnnotation').implement({
  description: 'A topic X inferred from a tweet (`context_annotations`).',
  fields: (t) => ({
    domain: t.expose('domain', { type: AnnotationPartRef }),
    entity: t.expose('entity', { type: AnnotationPartRef }),
  }),
});

/** `EditControls`. */
export const EditControlsRef = builder
  .objectRef<NonNullable<XTweet['edit_controls']>>('EditControls')
  .implement({
    description: 'Whether and until when a tweet may be edited (`edit_controls`).',
    fields: (t) => ({
      isEditEligible: t.exposeBoolean('is_edit_eligible'),
      editableUntil: t.field({ type: 'DateTime', resolve: (e) => e.editable_until }),
      editsRemaining: t.exposeInt('edits_remaining'),
    }),
  });

const GeoPointRef = builder.objectRef<NonNullable<Geo['coordinates']>>('GeoPoint').implement({
  description: 'A GeoJSON point.',
  fields: (t) => ({
    type: t.exposeString('type'),
    coordinates: t.exposeFloatList('coordinates', { description: 'Longitude, then latitude.' }),
  }),
});

/** `TweetGeo`. */
export const TweetGeoRef = builder.objectRef<Geo>('TweetGeo').implement({
  description: 'The place or point a tweet was tagged with (`geo`).',
  fields: (t) => ({
    placeId: t.exposeString('place_id', { nullable: true }),
    coordinates: t.expose('coordinates', { type: GeoPointRef, nullable: true }),
  }),
});

/** `ReferencedTweet`. */
export const ReferencedTweetRef = builder
  .objectRef<NonNullable<XTweet['referenced_tweets']>[number]>('ReferencedTweet')
  .implement({
    description: 'A tweet this tweet retweets, quotes or replies to (`referenced_tweets`).',
    fields: (t) => ({
      type: t.expose('type', { type: ReferencedTweetType }),
      restId: t.exposeID('id'),
    }),
  });

/** `NoteTweet`. */
export const NoteTweetRef = builder.objectRef<NoteTweet>('NoteTweet').implement({
  description: 'The full text of a long tweet (`note_tweet`).',
  fields: (t) => ({
    text: t.exposeString('text', { nullable: true }),
    entities: t.expose('entities', { type: TextEntitiesRef, nullable: true }),
  }),
});

/** `TweetScopes`. */
export const TweetScopesRef = builder.objectRef<{ followers?: boolean }>('TweetScopes').implement({
  description: 'Who may see a tweet (`scopes`).',
  fields: (t) => ({ followers: t.exposeBoolean('followers', { nullable: true }) }),
});
