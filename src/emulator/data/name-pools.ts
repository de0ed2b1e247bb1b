/**
 * Word pools for people's names and places. Names come from many languages and scripts (accented Latin,
 * CJK, Arabic, Hebrew, Cyrillic, Devanagari); each non-Latin name carries a romanisation for usernames.
 */

/** Splits a pool written as `a | b` entries over lines into its trimmed, non-empty entries. */
export function words(pool: string): string[] {
  return pool
    .split(/[|\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** A non-Latin name: how it is displayed, its ASCII form for usernames, its bearer's language (or ''). */
export type NamePart = readonly [display: string, ascii: string, lang: string];

/** Latin-script given names (the ASCII form is derived by stripping accents). */
export const LATIN_FIRST_NAMES: readonly string[] = words(`
  James | Mary | Olivia | Liam | Emma | Noah | Ava | Lucas | Sofia | Mateo | Valentina | José | María
  Zoë | Chloé | Renée | André | François | Inès | Léa | Jürgen | Björn | Søren | Åsa | Małgorzata
  Łukasz | Dvořák | Ana | João | Gonçalo | Beatriz | Ömer | Ayşe | Çağla | Nuño | Priya | Arjun | Chen
  Wei | Hiroshi | Yuki | Kwame | Amara | Chidi | Ngozi | Aleksandra | Dmitri | Ivan | Elena | Fatima
  Omar | Leila | Tomás | Siobhán | Seán | Aoife | Niamh | Grace | Henry | Isabella | Jack | Kate | Leo
  Maya | Nina | Oscar | Paula | Quinn | Rosa | Sam | Tara | Umar | Vera | Will | Xavier | Yara | Zach
  Élodie | Raphaël | Mía | Héctor | Daniel | Sarah | Michael | Jessica | David | Emily | Chris | Laura
  Alex | Jordan | Taylor
`);

/** Latin-script family names. */
export const LATIN_LAST_NAMES: readonly string[] = words(`
  Smith | Johnson | Williams | Brown | Jones | Garcia | Miller | Davis | Rodríguez | Martínez
  Hernández | López | González | Pérez | Sánchez | Müller | Schmidt | Schröder | Weiß | Nguyễn | Trần
  Lê | Kowalski | Wiśniewski | Nowak | Dubois | Lefèvre | Moreau | Girard | Rossi | Ferrari | Esposito
  Bianchi | Silva | Santos | Oliveira | Conceição | Yılmaz | Kaya | Şahin | Andersson | Johansson
  Nielsen | Hansen | Østergaard | Ó Briain | O'Connor | Murphy | Kelly | Okafor | Mensah | Adeyemi
  Patel | Sharma | Singh | Kumar | Tanaka | Suzuki | Kim | Park | Lee | Wang | Zhang | Ivanov
  Petrova | Novák | Horváth | Papadopoulos | Cohen | Levi | Taylor | Anderson | Thomas | Moore
  Martin | Jackson | White | Harris | Clark | Lewis
`);

/**
 * Names in non-Latin scripts (`display=ascii=lang`), written family-name-first where that is the custom; `lang`
 * is the language their bearers usually write in, when the world has phrases for it.
 */
export const NON_LATIN_NAMES: readonly NamePart[] = words(`
  李娜=lina=zh | 王伟=wangwei=zh | 张敏=zhangmin=zh | 陈静=chenjing=zh | 刘洋=liuyang=zh
  田中 花子=tanakahanako=ja | 佐藤 健=satoken=ja | 鈴木 愛=suzukiai=ja | 山本 翔太=yamamotoshota=ja
  김민준=kimminjun=ko | 이서연=leeseoyeon=ko | 박지훈=parkjihoon=ko | محمد العلي=mohamedalali=ar
  فاطمة الزهراء=fatimazahra=ar | عمر خالد=omarkhaled=ar | ليلى حسن=laylahassan=ar | נועה כהן=noacohen=he
  יוסף לוי=yoseflevi=he | Анна Смирнова=annasmirnova= | Дмитрий Волков=dmitryvolkov=
  Ольга Кузнецова=olgakuznetsova= | प्रिया शर्मा=priyasharma= | राहुल वर्मा=rahulverma=
  Νίκος Παπαδόπουλος=nikospapadopoulos= | สมชาย ใจดี=somchaijaidee=
`).map((entry) => {
  const [display = '', ascii = '', lang = ''] = entry.split('=');
  return [display, ascii, lang] as const;
});

/** Emoji people put next to their display name. */
export const NAME_EMOJI: readonly string[] = words(`
  🌻 | ✨ | 🏳️‍🌈 | 🇧🇷 | 🇯🇵 | 🇺🇦 | 🎧 | ☕ | 🌊 | 🚀 | 🐾 | 💙
`);

/** Profile locations, free-form as people write them. */
export const LOCATIONS: readonly string[] = words(`
  San Francisco, CA | New York, NY | London, England | Paris, France | Berlin, Deutschland
  São Paulo, Brasil | Ciudad de México | Bogotá, Colombia | Madrid, España | Lisboa, Portugal
  Toronto, Ontario | Montréal, Québec | Lagos, Nigeria | Nairobi, Kenya | Accra, Ghana | 東京都 渋谷区 | 大阪
  서울특별시 | 北京 | 上海 | القاهرة، مصر | دبي | תל אביב | Москва | Kyiv, Ukraine | Mumbai, India | Bengaluru
  Sydney, NSW | Auckland, NZ | Reykjavík | Zürich | Kraków, Polska | İstanbul | Athens, Greece
  somewhere online | the internet | Earth 🌍 | wherever the wifi is | Austin, TX | Seattle, WA
  Chicago, IL | Dublin, Ireland | Amsterdam
`);

/** Pieces of organisation names (celebrity and business accounts). */
export const ORG_WORDS: readonly string[] = words(`
  Nova | Pulse | Atlas | Harbor | Summit | Lumen | Vertex | Orbit | Cedar | Beacon | Quantum | Maple
  Signal | Aurora | Granite | Zephyr | Echo | Prairie | Coral | Ember
`);

/** Kinds of organisations (business and government accounts). */
export const ORG_KINDS: readonly string[] = words(`
  News | Labs | Studio | Health | Energy | Bank | Games | Media
`);

/** Government bodies (government accounts). */
export const GOVERNMENT_BODIES: readonly string[] = words(`
  Ministry of Transport | City Council | Weather Service | Department of Health | Parliament | Embassy
  Statistics Office | Fire Department | Space Agency | Electoral Commission
`);

/** Two-letter country codes used for withholding. */
export const COUNTRY_CODES: readonly string[] = words(`
  DE | FR | TR | IN | RU | BR | GB | JP | KR | AU | ES | IT
`);
