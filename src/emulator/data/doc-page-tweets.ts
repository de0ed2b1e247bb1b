/**
 * The pinned tweets of the documentation page's example response (`includes.tweets`), with their ids,
 * texts and context annotations as the page shows them. The page's copy is mojibake (UTF-8 read as Mac OS
 * Roman) and lost its backslashes; these are the decoded originals: "It‚Äôs" is "It’s", "ü•Å" is "🥁",
 * "nn" is "\n\n".
 */

/** A context annotation (`domain` and `entity`), as X reports it. */
export interface ContextAnnotation {
  readonly domain: { readonly id: string; readonly name: string; readonly description?: string };
  readonly entity: { readonly id: string; readonly name: string; readonly description?: string };
}

/** A documentation page tweet: the page's fields plus where its links lead. */
export interface DocTweet {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  readonly contextAnnotations?: readonly ContextAnnotation[];
  /** t.co link -> expanded URL; media links carry the media key they show. */
  readonly links: Readonly<Record<string, { readonly expandedUrl: string; readonly mediaKey?: string }>>;
  /** The tweet this one quotes, if any. */
  readonly quotes?: string;
}

const SERVICES: ContextAnnotation = {
  domain: {
    id: '46',
    name: 'Brand Category',
    description: 'Categories within Brand Verticals that narrow down the scope of Brands',
  },
  entity: { id: '781974596752842752', name: 'Services' },
};
const TWITTER_BRAND: ContextAnnotation = {
  domain: { id: '47', name: 'Brand', description: 'Brands and Companies' },
  entity: { id: '10045225402', name: 'Twitter' },
};
const TECHNOLOGY: ContextAnnotation = {
  domain: {
    id: '65',
    name: 'Interests and Hobbies Vertical',
    description: 'Top level interests and hobbies groupings, like Food or Travel',
  },
  entity: { id: '848920371311001600', name: 'Technology', description: 'Technology and computing' },
};
const PROGRAMMING: ContextAnnotation = {
  domain: {
    id: '66',
    name: 'Interests and Hobbies Category',
    description: 'A grouping of interests and hobbies entities, like Novelty Food or Destinations',
  },
  entity: { id: '848921413196984320', name: 'Computer programming', description: 'Computer programming' },
};

/** The page's `includes.tweets`, in the page's order. */
export const DOC_TWEETS: readonly DocTweet[] = [
  {
    id: '1293595870563381249',
    authorId: '6253282',
    text: 'Twitter API v2: Early Access released\n\nToday we announced Early Access to the first endpoints of the new Twitter API!\n\n#TwitterAPI #EarlyAccess #VersionBump https://t.co/g7v3aeIbtQ',
    // The page lists the Brand annotation twice; kept as the page shows it.
    contextAnnotations: [SERVICES, TWITTER_BRAND, TECHNOLOGY, PROGRAMMING, TWITTER_BRAND],
    links: {
      'https://t.co/g7v3aeIbtQ': {
        expandedUrl: 'https://blog.twitter.com/developer/en_us/topics/tools/2020/introducing_new_twitter_api',
      },
    },
  },
  {
    id: '1293593516040269825',
    authorId: '2244994945',
    text: 'It’s finally here! 🥁 Say hello to the new #TwitterAPI.\n\nWe’re rebuilding the Twitter API v2 from the ground up to better serve our developer community. And today’s launch is only the beginning.\n\nhttps://t.co/32VrwpGaJw https://t.co/KaFSbjWUA8',
    contextAnnotations: [SERVICES, TWITTER_BRAND, TECHNOLOGY, PROGRAMMING],
    links: {
      'https://t.co/32VrwpGaJw': {
        expandedUrl: 'https://blog.twitter.com/developer/en_us/topics/tools/2020/introducing_new_twitter_api',
      },
      'https://t.co/KaFSbjWUA8': {
        expandedUrl: 'https://twitter.com/TwitterDev/status/1293593516040269825/video/1',
        mediaKey: '13_1293565706408038401',
      },
    },
  },
  {
    id: '1271186240323432452',
    authorId: '95731075',
    text: 'We’re disclosing new state-linked information operations to our public archive — the only one of its kind in the industry. Originating from the People’s Republic of China (PRC), Russia, and Turkey, all associated accounts and content have been removed. https://t.co/obRqr96iYm',
    links: {
      'https://t.co/obRqr96iYm': {
        expandedUrl: 'https://blog.twitter.com/en_us/topics/company/2020/information-operations-june-2020',
      },
    },
  },
  {
    id: '1293216056274759680',
    authorId: '373471064',
    text: 'say howdy to your new yeehaw king @orvillepeck—our #ArtistToFollow this month 🤠 https://t.co/3pk9fYcPHb',
    links: {
      'https://t.co/3pk9fYcPHb': {
        expandedUrl: 'https://twitter.com/TwitterMusic/status/1293216056274759680/video/1',
        mediaKey: '13_1293215722659180544',
      },
    },
  },
  {
    id: '1289000334497439744',
    authorId: '17874544',
    text: 'We’ve significantly limited access to our internal tools and systems. Until we can safely resume normal operations, our response times to some support needs and reports will be slower. Thank you for your patience as we work through this.',
    contextAnnotations: [SERVICES, TWITTER_BRAND],
    links: {},
  },
  {
    id: '1283543147444711424',
    authorId: '234489024',
    text: 'Follow @TwitterSupport for the latest on the security incident ⬇️ https://t.co/7FKKksJqxV',
    contextAnnotations: [SERVICES, TWITTER_BRAND],
    links: {
      'https://t.co/7FKKksJqxV': {
        expandedUrl: 'https://twitter.com/TwitterSupport/status/1283182231446392832',
      },
    },
    quotes: '1283182231446392832',
  },
];

const BY_ID = new Map(DOC_TWEETS.map((tweet) => [tweet.id, tweet]));

/** The documentation page tweet with this id, if it is one. */
export function docTweet(id: string): DocTweet | undefined {
  return BY_ID.get(id);
}
