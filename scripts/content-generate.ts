/**
 * Writes N valid synthetic articles for scale work:
 *
 *   npm run content:generate -- --count 50000 --out /tmp/khabar-50k [--seed 1]
 *   CONTENT_DIR=/tmp/khabar-50k npm start
 *
 * Categories and authors are copied from ./content; text is assembled from
 * Arabic sentence fragments so lengths, tags and dates vary like a real archive.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    years: { type: 'string', default: '6' },
  },
});

const count = Number(values.count);
if (!values.out || !Number.isInteger(count) || count < 1) {
  console.error('usage: npm run content:generate -- --count N --out DIR [--seed S] [--years Y]');
  process.exit(2);
}
const outDir = path.resolve(values.out);

let state = Number(values.seed) >>> 0 || 1;
function random(): number {
  // mulberry32: small, fast and reproducible for a given seed.
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const subjects = ['وزير الخارجية', 'رئيسة الوزراء', 'المتحدث باسم الحكومة', 'خبراء الاقتصاد', 'منظمة الصحة', 'المجلس البلدي', 'اتحاد الكرة', 'هيئة الطاقة', 'الباحثون', 'سكان المدينة', 'البنك المركزي', 'وكالة الفضاء'];
const verbs = ['أعلن', 'أكد', 'حذّر من', 'ناقش', 'كشف عن', 'رحّب بـ', 'انتقد', 'دعا إلى', 'وافق على', 'أطلق'];
const objects = ['خطة جديدة لتطوير النقل العام', 'اتفاقاً إقليمياً لتقاسم المياه', 'ارتفاع أسعار الغذاء', 'برنامجاً لدعم الشركات الناشئة', 'نتائج المسح السنوي', 'إصلاحات في قطاع التعليم', 'مشروعاً للطاقة الشمسية', 'تعديلات على قانون العمل', 'موسماً رياضياً حافلاً', 'معرضاً دولياً للكتاب'];
const tails = ['خلال مؤتمر صحفي عُقد صباح اليوم', 'في بيان نشرته وسائل الإعلام الرسمية', 'وسط ترقّب من الأسواق', 'بعد أشهر من المفاوضات', 'في خطوة وصفها مراقبون بأنها مهمة', 'بنسبة بلغت 12.5% مقارنة بالعام الماضي', 'حتى الـ7 من ديسمبر/كانون الأول المقبل', 'بحسب أرقام نُشرت الخميس'];
const quotes = ['“هذه خطوة أولى فقط، والطريق ما زال طويلاً”', '“نعمل مع شركائنا لضمان الشفافية”', '“الأرقام تتحدث عن نفسها”', '“لن نقبل بأي تأخير إضافي”'];
const tags = ['الأمم المتحدة', 'المناخ', 'الطاقة', 'الانتخابات', 'الدبلوماسية', 'الذكاء الاصطناعي', 'الاقتصاد العالمي', 'اللاجئون', 'الصحة', 'كرة القدم', 'التعليم', 'المدن', 'المياه', 'النقل', 'الزراعة', 'الفضاء', 'السياحة', 'الإسكان', 'الأمن الغذائي', 'التجارة'];
const titleStarts = ['تقرير:', 'عاجل:', 'تحليل:', '', '', '', 'بالأرقام:'];

const sentence = () => `${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(tails)}.`;
const paragraph = () => Array.from({ length: between(2, 4) }, sentence).join(' ');

function body(paragraphs: number): string {
  const parts: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i > 0 && i % 5 === 0) parts.push(`## ${pick(objects)}`);
    parts.push(paragraph());
    if (i === 2 && paragraphs > 6) parts.push(`> ${pick(quotes)}، قال ${pick(subjects)}.`);
    if (i === 4 && paragraphs > 8) parts.push(Array.from({ length: 3 }, () => `- ${pick(objects)}`).join('\n'));
    if (i === 6 && paragraphs > 10) {
      parts.push(['| البند | 2025 | 2026 |', '| --- | --- | --- |', ...Array.from({ length: 3 }, () => `| ${pick(tags)} | ${between(10, 99)}% | ${between(10, 99)}% |`)].join('\n'));
    }
  }
  return parts.join('\n\n');
}

const yaml = (text: string) => JSON.stringify(text);

async function main() {
  const source = path.resolve('content');
  await mkdir(outDir, { recursive: true });
  await copyFile(path.join(source, 'categories.json'), path.join(outDir, 'categories.json'));
  await copyFile(path.join(source, 'authors.json'), path.join(outDir, 'authors.json'));
  const slugsIn = async (file: string) =>
    (JSON.parse(await readFile(path.join(source, file), 'utf8')) as { slug: string }[]).map((entry) => entry.slug);
  const categories = await slugsIn('categories.json');
  const authors = await slugsIn('authors.json');
  const images = (await readdir(path.resolve('public/images/articles')).catch(() => [] as string[])).filter((f) => f.endsWith('.jpg'));

  const now = Date.now();
  const span = Number(values.years) * 365 * 24 * 3600 * 1000;
  const width = String(count).length;
  const made = new Set<string>();
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    // Spread evenly over the span with jitter, so "latest" pages have fresh articles at any size.
    const published = new Date(now - Math.floor(((i + random()) / count) * span));
    const year = String(published.getUTCFullYear());
    const month = String(published.getUTCMonth() + 1).padStart(2, '0');
    const slug = `generated-${String(i + 1).padStart(width, '0')}`;
    const dir = path.join(outDir, 'articles', year, month);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    const articleTags = [...new Set(Array.from({ length: between(1, 4) }, () => pick(tags)))];
    const image = images.length && random() < 0.7 ? pick(images) : undefined;
    const lines = [
      '---',
      `title: ${yaml(`${pick(titleStarts)} ${pick(subjects)} ${pick(verbs)} ${pick(objects)}`.trim())}`,
      `description: ${yaml(sentence())}`,
      `date: ${published.toISOString().replace(/\.\d{3}Z$/, '+00:00')}`,
      `category: ${pick(categories)}`,
      `author: ${pick(authors)}`,
      `tags: [${articleTags.map(yaml).join(', ')}]`,
      ...(image ? [`image: /images/articles/${image}`, `imageAlt: ${yaml('رسم توضيحي تجريدي')}`] : []),
      '---',
      '',
      body(pick([3, 4, 5, 6, 6, 7, 8, 9, 12, 15])),
      '',
    ];
    batch.push(writeFile(path.join(dir, `${slug}.md`), lines.join('\n')));
    if (batch.length >= 256) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  console.log(`${count} articles written to ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
