import { builder } from '../builder.ts';
import type { XEntitySpan, XFullTextEntities, XUrlEntity, XUser, XWithheld } from '../rest/x-types.ts';
import { WithheldScope } from './leaf-types.ts';

/**
 * Entities found in texts (hashtags, cashtags, mentions, URLs, annotations) with their offsets, and
 * withholding details: shared by users (profile description and URL) and tweets.
 */

type Tagged = XEntitySpan & { tag: string };
type Mention = XEntitySpan & { username: string; id?: string };
type Annotation = XEntitySpan & { probability?: number; type?: string; normalized_text?: string };
type UrlImage = { url: string; width?: number; height?: number };

const spanFields = {
  start: { description: 'Where the entity starts: inclusive, in Unicode code points.' },
  end: { description: 'Where the entity ends: exclusive, in Unicode code points.' },
};

const UrlImageRef = builder.objectRef<UrlImage>('UrlImage').implement({
  description: 'An image of a URL card.',
  fields: (t) => ({
    url: t.exposeString('url'),
    width: t.exposeInt('width', { nullable: true }),
    height: t.exposeInt('height', { nullable: true }),
  }),
});

/** `UrlEntity`: a URL recognised in a text. */
export const UrlEntityRef = builder.objectRef<XUrlEntity>('UrlEntity').implement({
  description: 'A URL recognised in a text, with its expansion and card metadata.',
  fields: (t) => ({
    start: t.exposeInt('start', spanFields.start),
    end: t.exposeInt('end', spanFields.end),
    url: t.exposeString('url'),
    expandedUrl: t.exposeString('expanded_url', { nullable: true }),
    displayUrl: t.exposeString('display_url', { nullable: true }),
    unwoundUrl: t.exposeString('unwound_url', { nullable: true }),
    status: t.exposeInt('status', { nullable: true, description: 'The HTTP status of the unwound URL.' }),
    title: t.exposeString('title', { nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    mediaKey: t.exposeString('media_key', { nullable: true }),
    images: t.expose('images', { type: [UrlImageRef], nullable: true }),
  }),
});

const HashtagRef = builder.objectRef<Tagged>('HashtagEntity').implement({
  description: 'A hashtag, without its `#`.',
  fields: (t) => ({
    start: t.exposeInt('start', spanFields.start),
    end: t.exposeInt('end', spanFields.end),
    tag: t.exposeString('tag'),
  }),
});

const CashtagRef = builder.objectRef<Tagged>('CashtagEntity').implement({
  description: 'A cashtag, without its `$`.',
  fields: (t) => ({
    start: t.exposeInt('start', spanFields.start),
    end: t.exposeInt('end', spanFields.end),
    tag: t.exposeString('tag'),
  }),
});

const MentionRef = builder.objectRef<Mention>('MentionEntity').implement({
  description: 'A mention of a user, without its `@`.',
  fields: (t) => ({
    start: t.exposeInt('start', spanFields.start),
    end: t.exposeInt('end', spanFields.end),
    username: t.exposeString('username'),
    userRestId: t.exposeID('id', { nullable: true, description: 'The X id of the mentioned user.' }),
  }),
});

const AnnotationRef = builder.objectRef<Annotation>('AnnotationEntity').implement({
  description: 'A named entity X recognised in a text.',
  fields: (t) => ({
    start: t.exposeInt('start', spanFields.start),
    end: t.exposeInt('end', spanFields.end),
    probability: t.exposeFloat('probability', { nullable: true }),
    type: t.exposeString('type', { nullable: true }),
    normalizedText: t.exposeString('normalized_text', { nullable: true }),
  }),
});

/** `TextEntities`: everything recognised in one text. */
export const TextEntitiesRef = builder.objectRef<XFullTextEntities>('TextEntities').implement({
  description: 'Hashtags, cashtags, mentions, URLs and annotations recognised in a text.',
  fields: (t) => ({
    urls: t.expose('urls', { type: [UrlEntityRef], nullable: true }),
    hashtags: t.expose('hashtags', { type: [HashtagRef], nullable: true }),
    cashtags: t.expose('cashtags', { type: [CashtagRef], nullable: true }),
    mentions: t.expose('mentions', { type: [MentionRef], nullable: true }),
    annotations: t.expose('annotations', { type: [AnnotationRef], nullable: true }),
  }),
});

const UserUrlEntitiesRef = builder.objectRef<{ urls?: XUrlEntity[] }>('UserUrlEntities').implement({
  description: "The URLs of a user's profile URL field.",
  fields: (t) => ({ urls: t.expose('urls', { type: [UrlEntityRef], nullable: true }) }),
});

/** `UserEntities`: entities of a user's profile URL and description. */
export const UserEntitiesRef = builder.objectRef<NonNullable<XUser['entities']>>('UserEntities').implement({
  description: "Entities of a user's profile: its URL field and its description.",
  fields: (t) => ({
    url: t.expose('url', { type: UserUrlEntitiesRef, nullable: true }),
    description: t.expose('description', { type: TextEntitiesRef, nullable: true }),
  }),
});

/** `Withheld`: where a user or tweet is withheld. */
export const WithheldRef = builder.objectRef<XWithheld>('Withheld').implement({
  description: 'Withholding of a user or tweet in some countries.',
  fields: (t) => ({
    countryCodes: t.exposeStringList('country_codes', { description: 'ISO 3166-1 alpha-2 country codes.' }),
    scope: t.expose('scope', { type: WithheldScope, nullable: true }),
    copyright: t.exposeBoolean('copyright', { nullable: true }),
  }),
});
