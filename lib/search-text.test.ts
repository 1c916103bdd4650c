import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeArabic, searchTokens } from '@/lib/search-text';

test('the normalisation table', () => {
  const cases: [string, string][] = [
    ['أحمد', 'احمد'],
    ['إسلام', 'اسلام'],
    ['آمال', 'امال'],
    ['ٱلله', 'الله'],
    ['مستشفى', 'مستشفي'],
    ['مدرسة', 'مدرسه'],
    ['مؤتمر', 'موتمر'],
    ['رئيس', 'رييس'],
    ['الكِرملين', 'الكرملين'],
    ['مُحَمَّدٌ', 'محمد'],
    ['العـــربية', 'العربيه'],
    ['٢٠٢٦', '2026'],
    ['۱۲۳', '123'],
    ['COP31', 'cop31'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizeArabic(input), expected, input);
});

test('variants of one word normalise to the same token', () => {
  assert.deepEqual(searchTokens('أحمد'), searchTokens('احمد'));
  assert.deepEqual(searchTokens('الكِرملين'), searchTokens('الكرملين'));
});

test('tokens split on punctuation, Arabic and Latin alike', () => {
  assert.deepEqual(searchTokens('قمة «الرياض»، COP31: 12.5%'), ['قمه', 'الرياض', 'cop31', '12', '5']);
});
