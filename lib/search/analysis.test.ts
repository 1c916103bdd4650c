import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { md } from '@/testing/fixtures/content-folder';
import { stem } from '@/lib/search/analysis';
import { date, indexed, now } from '@/lib/search/search-fixture';

/** [query, headline, found?]: every query runs against the whole table's headlines. */
const table: [string, string, boolean][] = [
  // The definite article
  ['نفط', 'ارتفاع أسعار النفط', true],
  ['النفط', 'سوق نفط جديدة', true],
  ['طاقة', 'مشروعات الطاقة', true],
  ['مناخ', 'قمة المناخ', true],
  ['حرب', 'نهاية الحرب', true],
  // Two letters after the bare article
  ['طب', 'كلية الطب تحتفل', true],
  ['فن', 'معرض الفن الحديث', true],
  ['الدم', 'بنك دم جديد', true],
  // The article with a joined letter
  ['نفط', 'والنفط يرتفع', true],
  ['طاقة', 'مصانع تعمل بالطاقة الشمسية', true],
  ['سوق', 'فالسوق هادئة', true],
  ['طاقة', 'تمويل للطاقة النظيفة', true],
  ['بحر', 'هادئ كالبحر', true],
  // One joined conjunction or preposition, when four letters or more follow
  ['كتاب', 'وكتاب جديد', true],
  ['مدينة', 'افتتاح بمدينة الرياض', true],
  ['حكومة', 'وحكومة الوحدة', true],
  ['لقاء', 'للقاء الوزراء', true],
  ['رئيس', 'فرئيس الوزراء', true],
  ['سيارة', 'كسيارة السباق', true],
  // The last word as the start of a word, as the reader types
  ['اقتص', 'الاقتصاد العالمي', true],
  ['الاقتصا', 'نمو الاقتصاد', true],
  ['تكنو', 'التكنولوجيا الحديثة', true],
  ['مفاوض', 'المفاوضات متواصلة', true],
  ['COP', 'انطلاق COP31 في أنطاليا', true],
  // Plurals and duals
  ['عقوبة', 'فرض عقوبات جديدة', true],
  ['عقوبات', 'عقوبة مشددة', true],
  ['سيارة', 'السيارات الكهربائية', true],
  ['انتخاب', 'الانتخابات المقبلة', true],
  ['مهندس', 'المهندسون العرب', true],
  ['مهندسين', 'مهندس واحد', true],
  ['مصري', 'المصريين في الخارج', true],
  ['لاجئ', 'لاجئون في المخيمات', true],
  ['معلم', 'المعلمين الجدد', true],
  ['جامعة', 'الجامعات العربية', true],
  ['فلسطين', 'الفلسطينيون يحتفلون', true],
  ['لبنان', 'اللبنانيين في المهجر', true],
  ['إيران', 'الرئيس الإيراني', true],
  ['مؤتمر', 'المؤتمران المتزامنان', true],
  // Ta marbuta, nisba and attached pronouns
  ['دولية', 'التعاون الدولي', true],
  ['اقتصادي', 'السياسة الاقتصادية', true],
  ['مدرسة', 'مدرسه القرية', true],
  ['شركة', 'شركات ناشئة', true],
  ['حكومة', 'حكومتها الجديدة', true],
  ['رئيس', 'رئيسها المنتخب', true],
  ['بلد', 'بلدهم الأول', true],
  // Hamza, alef maqsura, tashkeel, tatweel
  ['احمد', 'أحمد يزور الكرملين', true],
  ['اسلام', 'إسلام آباد', true],
  ['مؤتمر', 'موتمر صحفي', true],
  ['رئيس', 'الرئيس يصل', true],
  ['امال', 'آمال كبيرة', true],
  ['مستشفي', 'مستشفى ميداني', true],
  ['الكِرملين', 'اجتماع في الكرملين', true],
  ['مدينة', 'المديـــنة القديمة', true],
  // Digits, Arabic-Indic and Latin
  ['٢٠٢٦', 'مونديال 2026', true],
  ['2030', 'رؤية ٢٠٣٠', true],
  ['۱۲۳', 'الطريق 123', true],
  // Mixed Arabic and Latin
  ['cop31', 'مؤتمر COP31 للمناخ', true],
  ['COP31', 'انطلاق cop31 اليوم', true],
  ['أوبك', 'تحالف (أوبك+) يمدد', true],
  ['AI', 'تقنيات AI الحديثة', true],
  // What must not match: stems that would over-reach, short words, look-alikes
  ['بين', 'مدرسة البنين', false],
  ['زار', 'وزارة الخارجية', false],
  ['زير', 'وزير الخارجية', false],
  ['تاب', 'كتاب جديد', false],
  ['دين', 'مدينة ساحلية', false],
  ['علم', 'معلم متقاعد', false],
  ['حرب', 'محاربة الفساد', false],
  ['وطن', 'مواطنون غاضبون', false],
  ['سلام', 'إسلام آباد', false],
  ['ولد', 'والد الضحية', false],
  ['لبنان', 'لبن طازج', false],
  ['سنه', 'طبيب السن', false],
  ['cop32', 'مؤتمر COP31 للمناخ', false],
  ['ذي', 'القرار الذي صدر', false],
  ['ده', 'والدة الطفل', false],
  ['له', 'عبد الله يصل', false],
  ['2027', 'مونديال 2026', false],
];

describe('Arabic analysis, index and query alike', () => {
  test(`a table of ${table.length} query/headline pairs`, async () => {
    const files: Record<string, string> = {};
    table.forEach(([, title], i) => (files[`content/articles/p${i}.md`] = md({ title: JSON.stringify(title), date: date(now - 86_400_000) })));
    const { find } = await indexed(files);
    const wrong: string[] = [];
    for (const [i, [query, title, expected]] of table.entries()) {
      const found = (await find(query)).includes(`p${i}`);
      if (found !== expected) wrong.push(`«${query}» ${expected ? 'should find' : 'should not find'} «${title}» (stem ${stem(query)})`);
    }
    assert.ok(table.length >= 60);
    assert.deepEqual(wrong, []);
  });

  test('no stem is shorter than three letters, but for the bare article before two', () => {
    for (const word of ['سنة', 'بين', 'الذي', 'بالغة', 'والدة', 'هم', 'ها']) {
      const s = stem(word.replace('ة', 'ه'));
      assert.ok(s.length >= 3 || s === word.replace('ة', 'ه'), `${word} → ${s}`);
    }
    assert.deepEqual(['الدم', 'الطب', 'الفن'].map(stem), ['دم', 'طب', 'فن']);
  });
});
