/**
 * Paragraphs for long posts (X Premium's posts beyond 280 characters, which the API returns in
 * `note_tweet` with a truncated `text`). Only the languages listed here write long posts.
 */
import { words } from './name-pools.ts';

/** Paragraphs per language tag, each a few sentences long. */
export const PARAGRAPHS: Readonly<Record<string, readonly string[]>> = {
  en: words(`
    We spent the last six months rebuilding our sync engine from scratch. The old one worked, mostly, but every edge case we fixed created two more, and on-call was starting to feel like a second job.
    The new design is boring on purpose: one queue, one writer, idempotent operations everywhere. It is slower in the microbenchmarks and about ten times faster for the people who actually use it.
    Lessons learned: measure before you optimise, write the migration plan before the code, and never underestimate how many customers depend on the bug you are about to fix.
    Huge thanks to everyone who tested the beta, filed issues at 2 a.m. and kept sending us logs. You made this release what it is, and we read every single report 🙏
  `),
  es: words(`
    Hoy se cumplen cinco años desde que empecé a programar. Empecé copiando ejemplos sin entender nada y hoy dirijo un equipo pequeño que construye herramientas que usan miles de personas.
    Si estás empezando: no te compares con nadie, escribe código todos los días aunque sea poco, y pregunta sin miedo. Las preguntas «tontas» son las que más me han enseñado.
    Gracias a todas las personas de esta comunidad que me respondieron cuando no sabía ni cómo formular la pregunta. Os debo una (o muchas) tazas de café ☕
  `),
  pt: words(`
    Terminei hoje a maratona que treinei durante o ano inteiro. Não foi o meu melhor tempo, mas foi a primeira vez que cruzei a linha de chegada sem parar para caminhar.
    O que aprendi: constância vale mais do que intensidade, descanso também é treino, e ninguém chega longe sozinho. Obrigada a quem correu comigo nas manhãs de chuva.
    Próximo objetivo? Por enquanto, dormir bem e comer pão de queijo sem culpa nenhuma 😅
  `),
  fr: words(`
    Petit retour d'expérience après trois ans de télétravail à plein temps. Au début, j'ai cru que la liberté totale était le rêve ; en réalité, il m'a fallu des règles bien plus strictes qu'au bureau.
    Ce qui marche pour moi : des horaires fixes, une vraie pause déjeuner loin de l'écran, et une journée par semaine dans un espace de coworking pour voir des humains.
    Et vous, qu'est-ce qui a changé votre façon de travailler ? Je lis toutes les réponses, promis 🙂
  `),
  de: words(`
    Heute vor einem Jahr habe ich meinen Job gekündigt, um ein eigenes kleines Unternehmen zu gründen. Es war die beste und gleichzeitig die anstrengendste Entscheidung meines Lebens.
    Was ich gelernt habe: Kunden zu finden ist schwerer als das Produkt zu bauen, Buchhaltung ist kein Nebenjob, und ein gutes Netzwerk ist mehr wert als jeder Businessplan.
    Danke an alle, die mich unterstützt, beraten und manchmal auch gebremst haben. Auf das nächste Jahr! 🥂
  `),
  ja: words(`
    今年の振り返りを少しだけ書きます。春に新しいチームに異動して、最初の三か月は分からないことばかりで毎日不安でしたが、周りの人たちが本当に丁寧に教えてくれました。
    夏には初めて大きな機能のリリースを担当しました。テストが足りなくて本番で小さな不具合を出してしまったけれど、そのおかげでチーム全体のテスト文化が良くなったと思います。
    秋からは勉強会を月に一回開いています。参加してくれる人が少しずつ増えてきて、とても嬉しいです。来年も無理せず、楽しく続けていきたいです。応援してくれた皆さん、ありがとうございました🙏
  `),
  zh: words(`
    今年最大的收获，是终于把拖了三年的个人项目做完并开源了。最开始只是想解决自己工作中的一个小麻烦，没想到后来有几百个人在用，还收到了很多认真的建议和补丁。
    这一路上最难的不是写代码，而是坚持：下班以后还要打开电脑，周末还要回复问题。好在社区里的朋友们一直在鼓励我，有人帮忙写文档，有人帮忙翻译，还有人专门做了测试。
    明年的计划很简单：把核心功能做稳定，把文档写清楚，然后学会适当休息。谢谢每一位提过问题、点过星、写过代码的朋友🙏
  `),
  ar: words(`
    بعد عشر سنوات من العمل في تطوير البرمجيات، تعلمت أن أهم مهارة ليست كتابة الكود بل فهم المشكلة قبل البدء في حلها. كثير من الوقت الضائع كان بسبب حل المشكلة الخطأ بإتقان شديد.
    نصيحتي لكل من يبدأ الآن: اسأل كثيراً، اكتب ملاحظاتك، وراجع عملك بعد أسبوع بعين جديدة. ستندهش من عدد الأشياء التي ستراها بوضوح أكبر.
    شكراً لكل من علّمني شيئاً خلال هذه الرحلة، ولكل زميل صبر على أسئلتي الكثيرة في البداية 🌱
  `),
};
