/**
 * The real accounts of the documentation page `spec/docs-get-users-id-followers.txt`: its example response
 * lists TwitterDev's ten most recent followers in this order, with these names and pinned tweet ids.
 * They keep their real (short) ids and occupy dense indices `0..9` of every world, in the page's order.
 */

/** One of the documentation page's accounts, with its fixed profile. */
export interface DocAccount {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  /** The page's `pinned_tweet_id`, when the page shows one. */
  readonly pinnedTweetId?: string;
  readonly createdAt: string;
  readonly description: string;
  readonly location: string;
  /** Where the profile's t.co link leads. */
  readonly website: string;
}

/** The page's example followers of TwitterDev, most recent first (TwitterDev follows itself). */
export const DOC_ACCOUNTS: readonly DocAccount[] = [
  {
    id: '6253282',
    username: 'TwitterAPI',
    name: 'Twitter API',
    pinnedTweetId: '1293595870563381249',
    createdAt: '2007-05-23T06:01:13.000Z',
    description: 'Tweets about changes and service issues. Follow @TwitterDev for more on the #TwitterAPI.',
    location: 'San Francisco, CA',
    website: 'https://developer.twitter.com',
  },
  {
    id: '2244994945',
    username: 'TwitterDev',
    name: 'Twitter Dev',
    pinnedTweetId: '1293593516040269825',
    createdAt: '2013-12-14T04:35:55.000Z',
    description:
      'The voice of the #TwitterDev team and your official source for updates, news, and events, related to the #TwitterAPI.',
    location: '127.0.0.1',
    website: 'https://developer.twitter.com/en/community',
  },
  {
    id: '783214',
    username: 'Twitter',
    name: 'Twitter',
    createdAt: '2007-02-20T14:35:54.000Z',
    description: 'What’s happening?!',
    location: 'everywhere',
    website: 'https://about.twitter.com',
  },
  {
    id: '95731075',
    username: 'TwitterSafety',
    name: 'Twitter Safety',
    pinnedTweetId: '1271186240323432452',
    createdAt: '2009-12-09T21:42:13.000Z',
    description: 'Creating a safer Twitter, one update at a time 🛡️ For help, visit @TwitterSupport.',
    location: 'Twitter HQ',
    website: 'https://help.twitter.com/rules-and-policies',
  },
  {
    id: '3260518932',
    username: 'TwitterMoments',
    name: 'Twitter Moments',
    createdAt: '2015-07-02T17:13:04.000Z',
    description: 'The best of Twitter, right now. #Moments',
    location: 'Everywhere',
    website: 'https://twitter.com/i/moments',
  },
  {
    id: '373471064',
    username: 'TwitterMusic',
    name: 'Twitter Music',
    pinnedTweetId: '1293216056274759680',
    createdAt: '2011-09-14T17:23:24.000Z',
    description:
      'Music is happening on Twitter 🎶 Follow along for the biggest moments in music. #ArtistToFollow',
    location: 'Los Angeles, CA',
    website: 'https://music.twitter.com',
  },
  {
    id: '791978718',
    username: 'OfficialPartner',
    name: 'Twitter Official Partner',
    createdAt: '2012-08-30T18:20:40.000Z',
    description: 'The Twitter Official Partner Program: companies building on the #TwitterAPI.',
    location: 'San Francisco, CA',
    website: 'https://partners.twitter.com',
  },
  {
    id: '17874544',
    username: 'TwitterSupport',
    name: 'Twitter Support',
    pinnedTweetId: '1289000334497439744',
    createdAt: '2008-12-04T18:51:57.000Z',
    description: 'Here to help. 💙',
    location: 'Twitter HQ',
    website: 'https://help.twitter.com',
  },
  {
    id: '234489024',
    username: 'TwitterComms',
    name: 'Twitter Comms',
    pinnedTweetId: '1283543147444711424',
    createdAt: '2011-01-05T20:16:08.000Z',
    description: 'Sharing the latest news and updates from Twitter Communications. Follow @Twitter too.',
    location: 'San Francisco, CA',
    website: 'https://blog.twitter.com',
  },
  {
    id: '1526228120',
    username: 'TwitterData',
    name: 'Twitter Data',
    createdAt: '2013-06-17T23:57:46.000Z',
    description:
      'Data-driven insights about notable moments and conversations from Twitter, Inc. 📊 #DataViz',
    location: 'Twitter HQ',
    website: 'https://developer.twitter.com/en/use-cases',
  },
];

/** TwitterDev's dense index. */
export const TWITTER_DEV_INDEX = 1;

/** Twitter's (783214) dense index. */
export const TWITTER_INDEX = 2;

const INDEX_BY_ID = new Map(DOC_ACCOUNTS.map((account, index) => [account.id, index]));

/** The dense index of a documentation page account id, if it is one. */
export function docAccountIndex(id: string): number | undefined {
  return INDEX_BY_ID.get(id);
}
