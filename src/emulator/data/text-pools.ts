/**
 * Phrase pools for bios and tweets, per language (BCP 47 tag as X's `lang` reports it), including
 * right-to-left (Arabic, Hebrew) and CJK text, plus hashtags, cashtags, emoji and link targets.
 */
import { words } from './name-pools.ts';

/** The phrases of one language. */
export interface LanguagePool {
  /** X's `lang` value. */
  readonly lang: string;
  /** Who someone is ("Software engineer", ...). */
  readonly roles: readonly string[];
  /** What they like or do. */
  readonly interests: readonly string[];
  /** Tweet sentences. */
  readonly sentences: readonly string[];
  /** Hashtags (without `#`), some in the language's own script. */
  readonly hashtags: readonly string[];
  /** How a bio introduces an employer mention ("Working at"). */
  readonly worksAt: string;
  /** Where its writers often live, as they write it. */
  readonly places: readonly string[];
}

/** The languages, most common first; `weight` is the share of users writing in it. */
export const LANGUAGES: readonly (LanguagePool & { readonly weight: number })[] = [
  {
    lang: 'en',
    weight: 0.55,
    roles: words(`Software engineer | Product designer | Writer | Nurse | Teacher | PhD student | Photographer
      Data scientist | Dad of two | Mom of three | Journalist | Barista | Founder | Developer advocate
      Musician | Illustrator | Physician | Retired firefighter | Open source maintainer | Game developer`),
    interests: words(`Coffee addict ☕ | Cats > dogs 🐈 | Runner 🏃 | Building things on the internet
      Views are my own | Always learning | Chasing sunsets 🌅 | Books, code and coffee | she/her | he/him
      they/them | Plant parent 🌱 | Tea over everything 🍵 | Sci-fi nerd 🚀 | Amateur baker 🥐`),
    sentences: words(`Just shipped a new release, thanks to everyone who helped!
      What a game last night 🔥 | Can't believe it's already November | Reading a great book this weekend 📚
      Hot take: tabs are better than spaces | Coffee first, questions later ☕
      We're hiring! Come build with us | Thread on what I learned this year 🧵
      The sunset today was unreal 🌅 | New blog post is up | Who else is watching the launch today? 🚀`),
    hashtags: words(`OpenSource | 100DaysOfCode | WomenInTech | TypeScript | GraphQL | AI | NBA | Photography
      BookTwitter | IndieDev | ClimateAction | café | TechTwitter`),
    worksAt: 'Working at',
    places: words('London, England | New York, NY | Toronto | Sydney, NSW | Lagos | Dublin'),
  },
  {
    lang: 'es',
    weight: 0.1,
    roles: words(`Ingeniera de software | Periodista | Profesor de historia | Diseñadora gráfica | Médico
      Estudiante de doctorado | Fotógrafo`),
    interests: words(`Amante del café ☕ | Opiniones propias | Fútbol y música ⚽ | Viajar es vivir ✈️
      Siempre aprendiendo | Mamá de dos 💛`),
    sentences: words(`¡Qué partido tan increíble anoche! ⚽ | Nuevo artículo en el blog
      Mañana empieza la conferencia, ¿quién viene? | El café de hoy está buenísimo ☕`),
    hashtags: words(`Programación | Fútbol | Tecnología | LatAm | Música | Ñandú`),
    worksAt: 'Trabajo en',
    places: words('Ciudad de México | Madrid | Bogotá, Colombia | Buenos Aires | Santiago de Chile'),
  },
  {
    lang: 'pt',
    weight: 0.07,
    roles: words(`Jornalista | Desenvolvedora | Professor | Designer | Estudante de medicina | Fotógrafa`),
    interests: words(`Apaixonada por livros 📚 | Café e código ☕ | Flamenguista ❤️🖤 | Opiniões próprias`),
    sentences: words(`Que jogo ontem! ⚽🔥 | Saiu post novo no blog | Bom dia, pessoal! ☀️
      Alguém mais vai no evento amanhã?`),
    hashtags: words(`Tecnologia | Futebol | Programação | Brasil | Música`),
    worksAt: 'Trabalho na',
    places: words('São Paulo, Brasil | Rio de Janeiro | Lisboa | Belo Horizonte'),
  },
  {
    lang: 'fr',
    weight: 0.06,
    roles: words(`Développeuse web | Journaliste | Enseignant | Designer graphique | Chercheuse | Boulanger`),
    interests: words(
      `Passionné de cuisine 🍷 | Café et croissants 🥐 | Opinions personnelles | Toujours curieuse`,
    ),
    sentences: words(`Quelle soirée incroyable ! 🎉 | Nouvel article sur le blog | Bonne journée à tous ☀️
      Qui vient à la conférence demain ?`),
    hashtags: words(`Développement | Cuisine | Musique | Été | Cinéma`),
    worksAt: 'Je travaille chez',
    places: words('Paris, France | Montréal, Québec | Lyon | Bruxelles | Dakar'),
  },
  {
    lang: 'de',
    weight: 0.05,
    roles: words(`Softwareentwicklerin | Journalist | Lehrerin | Fotograf | Ärztin | Informatikstudent`),
    interests: words(`Kaffee ☕ und Code | Meinungen sind meine eigenen | Bergsteiger 🏔️ | Bücherwurm 📚`),
    sentences: words(`Was für ein Spiel gestern! ⚽ | Neuer Blogartikel ist online | Guten Morgen zusammen ☕
      Wer kommt morgen zur Konferenz?`),
    hashtags: words(`Programmierung | Fußball | Technik | Müsli | Nachhaltigkeit`),
    worksAt: 'Arbeite bei',
    places: words('Berlin | München | Wien | Zürich | Hamburg'),
  },
  {
    lang: 'ja',
    weight: 0.07,
    roles: words(`エンジニア | デザイナー | 大学院生 | 写真家 | 看護師 | イラストレーター`),
    interests: words(`猫が好き🐈 | 東京在住 | コーヒー中毒 ☕ | 読書と旅行 ✈️ | 個人の見解です`),
    sentences: words(`今日はいい天気ですね☀️ | 新しいブログ記事を書きました | 昨日の試合、最高でした！⚽
      明日のカンファレンス楽しみ🚀`),
    hashtags: words(`プログラミング | 東京 | 日本 | 写真好きな人と繋がりたい | アニメ`),
    worksAt: '勤務先',
    places: words('東京都 渋谷区 | 大阪 | 福岡 | 札幌'),
  },
  {
    lang: 'ar',
    weight: 0.05,
    roles: words(`مهندس برمجيات | صحفية | معلم | مصممة | طالب دكتوراه | طبيبة`),
    interests: words(`أحب القراءة 📚 | القهوة أولاً ☕ | آرائي تمثلني | عاشق للسفر ✈️`),
    sentences: words(`صباح الخير للجميع ☀️ | مقال جديد على المدونة | مباراة رائعة الليلة ⚽
      من سيحضر المؤتمر غداً؟`),
    hashtags: words(`برمجة | تقنية | القاهرة | كرة_القدم | السعودية`),
    worksAt: 'أعمل في',
    places: words('القاهرة، مصر | الرياض | دبي | الدار البيضاء'),
  },
  {
    lang: 'he',
    weight: 0.02,
    roles: words(`מפתח תוכנה | עיתונאית | מורה | מעצבת | סטודנט`),
    interests: words(`אוהב קפה ☕ | הדעות שלי בלבד | חובב ספרים 📚`),
    sentences: words(`בוקר טוב לכולם ☀️ | פוסט חדש בבלוג | איזה משחק אתמול! ⚽`),
    hashtags: words(`תכנות | ישראל | טכנולוגיה`),
    worksAt: 'עובד ב',
    places: words('תל אביב | ירושלים | חיפה'),
  },
  {
    lang: 'zh',
    weight: 0.02,
    roles: words(`程序员 | 设计师 | 记者 | 研究生 | 摄影师`),
    interests: words(`喜欢旅行 ✈️ | 咖啡爱好者 ☕ | 个人观点 | 爱读书 📚`),
    sentences: words(`今天天气真好☀️ | 新博客文章上线了 | 昨晚的比赛太精彩了！⚽`),
    hashtags: words(`编程 | 科技 | 北京 | 摄影`),
    worksAt: '就职于',
    places: words('北京 | 上海 | 深圳 | 台北'),
  },
  {
    lang: 'ko',
    weight: 0.01,
    roles: words(`개발자 | 디자이너 | 기자 | 대학원생 | 사진작가`),
    interests: words(`커피 좋아해요 ☕ | 고양이 집사 🐈 | 개인 의견입니다 | 여행 ✈️`),
    sentences: words(`오늘 날씨 정말 좋네요☀️ | 새 블로그 글을 올렸어요 | 어제 경기 최고였어요! ⚽`),
    hashtags: words(`개발 | 서울 | 코딩 | 사진`),
    worksAt: '근무',
    places: words('서울특별시 | 부산 | 판교'),
  },
];

/** Cashtags (without `$`). */
export const CASHTAGS: readonly string[] = words(
  'TSLA | AAPL | NVDA | GOOG | MSFT | BTC | ETH | AMZN | META',
);

/** Emoji sprinkled into bios and tweets (flags and ZWJ sequences included). */
export const EMOJI: readonly string[] = words(
  '🔥 | ✨ | 🎉 | 💡 | 🙌 | 😂 | ❤️ | 👀 | 🧑‍💻 | 👩🏽‍🔬 | 🇫🇷 | 🇲🇽 | 🤝 | 📈',
);

/** Link targets of bios and tweets; `{u}` is replaced with the author's username. */
export const LINK_TARGETS: readonly string[] =
  words(`https://github.com/{u} | https://{u}.dev | https://linktr.ee/{u}
  https://www.youtube.com/@{u} | https://medium.com/@{u} | https://substack.com/@{u}
  https://www.instagram.com/{u}/ | https://example.com/blog/{u}/2025/11/notes-on-shipping`);

/** Tweet sources (the deprecated `source` field). */
export const SOURCES: readonly string[] = words(`Twitter for iPhone | Twitter for Android | Twitter Web App
  TweetDeck Web App | Buffer | Hootsuite Inc. | X for iPad`);
