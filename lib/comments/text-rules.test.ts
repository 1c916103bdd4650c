/**
 * Invisible and direction-changing characters in comments: what is stripped from names and bodies,
 * which joiners are kept, how lengths are judged afterwards, and what the duplicate check compares.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalComment, cleanCommentBody, cleanCommentName, validateCommentFields } from '@/lib/comments/schema';

const ZWSP = '\u200b';
const ZWNJ = '\u200c';
const ZWJ = '\u200d';
const LRM = '\u200e';
const RLM = '\u200f';
const RLO = '\u202e';
const LRE = '\u202a';
const PDF = '\u202c';
const RLI = '\u2067';
const PDI = '\u2069';
const BOM = '\ufeff';
const ALM = '\u061c';

type Case = [label: string, input: string, expected: string];

const names: Case[] = [
  ['zero-width spaces only', ZWSP.repeat(10), ''],
  ['every listed character only', '\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff', ''],
  ['RLO reversing a word', `${RLO}ىليل`, 'ىليل'],
  ['RLO in the middle of a Latin name', `ad${RLO}min`, 'admin'],
  ['LRE … PDF embedding', `${LRE}Sara${PDF}`, 'Sara'],
  ['RLI … PDI isolate', `${RLI}ليلى${PDI}`, 'ليلى'],
  ['LRM and RLM marks', `${LRM}ليلى${RLM}`, 'ليلى'],
  ['Arabic letter mark', `ليلى${ALM}`, 'ليلى'],
  ['BOM in front', `${BOM}ليلى`, 'ليلى'],
  ['ZWSP between letters', `لي${ZWSP}لى`, 'ليلى'],
  ['ZWNJ in a name (names keep none)', `می${ZWNJ}نا`, 'مینا'],
  ['ZWSP as the only space between two words', `ليلى${ZWSP} ${ZWSP}أحمد`, 'ليلى أحمد'],
  ['spaces padded with invisibles', `  ${ZWSP}ليلى  ${BOM} `, 'ليلى'],
  ['an ordinary name is untouched', 'ليلى أحمد', 'ليلى أحمد'],
];

const bodies: Case[] = [
  ['zero-width spaces only', ZWSP.repeat(50), ''],
  ['joiners only', `${ZWNJ}${ZWJ}${ZWNJ}`, ''],
  ['Persian «می‌خواهم» keeps its ZWNJ', `می${ZWNJ}خواهم`, `می${ZWNJ}خواهم`],
  ['Persian «کتاب‌ها» keeps its ZWNJ', `قرأت «کتاب${ZWNJ}ها» أمس`, `قرأت «کتاب${ZWNJ}ها» أمس`],
  ['ZWNJ after a letter with a haraka is kept', `بِ${ZWNJ}ت`, `بِ${ZWNJ}ت`],
  ['Devanagari ZWJ between letters is kept', `क्${ZWJ}ष`, `क्${ZWJ}ष`],
  ['emoji ZWJ sequence is kept', `👩${ZWJ}💻 رائع`, `👩${ZWJ}💻 رائع`],
  ['ZWNJ between Latin letters goes', `ab${ZWNJ}cd`, 'abcd'],
  ['ZWNJ at the start of a word goes', `${ZWNJ}كتاب جيد`, 'كتاب جيد'],
  ['ZWNJ at the end of a word goes', `كتاب${ZWNJ} جيد`, 'كتاب جيد'],
  ['ZWNJ next to a digit goes', `كتاب${ZWNJ}5 نسخ`, 'كتاب5 نسخ'],
  ['ZWSP between Arabic letters goes', `تعل${ZWSP}يق مفيد`, 'تعليق مفيد'],
  ['RLO in a body goes', `تعليق ${RLO}مقلوب`, 'تعليق مقلوب'],
  ['isolates in a body go', `${RLI}مرحبا${PDI} بكم`, 'مرحبا بكم'],
  ['BOM and LRM go, line breaks stay', `${BOM}سطر أول\n${LRM}سطر ثانٍ`, 'سطر أول\nسطر ثانٍ'],
];

describe('names: every invisible or direction-changing character is stripped', () => {
  for (const [label, input, expected] of names) {
    test(label, () => assert.equal(cleanCommentName(input), expected));
  }
});

describe('bodies: stripped except joiners a word needs', () => {
  for (const [label, input, expected] of bodies) {
    test(label, () => assert.equal(cleanCommentBody(input), expected));
  }
});

describe('lengths and emptiness are judged after stripping', () => {
  test('a name of zero-width spaces is empty; one letter padded with them is too short', () => {
    assert.equal(validateCommentFields(cleanCommentName(ZWSP.repeat(10)), 'تعليق مفيد').name, 'الاسم مطلوب.');
    assert.match(validateCommentFields(cleanCommentName(`ل${ZWSP.repeat(5)}`), 'تعليق مفيد').name ?? '', /قصير/);
  });

  test('a body of zero-width spaces is empty; two letters padded with them are too short', () => {
    assert.equal(validateCommentFields('ليلى', cleanCommentBody(ZWSP.repeat(50))).body, 'نص التعليق مطلوب.');
    assert.match(validateCommentFields('ليلى', cleanCommentBody(`مر${BOM.repeat(9)}`)).body ?? '', /قصير/);
  });

  test('a body at the limit with invisibles added is still within it', () => {
    const body = `${'ت'.repeat(2000)}${ZWSP.repeat(100)}`;
    assert.equal(validateCommentFields('ليلى', cleanCommentBody(body)).body, undefined);
  });
});

describe('the duplicate check compares a canonical form', () => {
  const text = 'هذا تعليق نُشر قبل قليل';
  const lookAlikes: [string, string][] = [
    ['one zero-width space added', `هذا ${ZWSP}تعليق نشر قبل قليل`.replace('نشر', 'نُشر')],
    ['a ZWNJ inside a word', `هذا تعل${ZWNJ}يق نُشر قبل قليل`],
    ['an RLO in front', `${RLO}${text}`],
    ['doubled spaces and a trailing newline', `هذا  تعليق نُشر\nقبل قليل\n`],
    // ﻫﺬﺍ: initial HEH, final THAL, isolated ALEF, as old keyboards and PDFs paste them.
    ['Arabic presentation forms (NFKC)', text.replace('هذا', '\ufeeb\ufeac\ufe8d')],
    ['a BOM and LRM marks', `${BOM}${text}${LRM}`],
  ];
  for (const [label, variant] of lookAlikes) {
    test(label, () => assert.equal(canonicalComment(cleanCommentBody(variant)), canonicalComment(text)));
  }

  test('a different text stays different', () => {
    assert.notEqual(canonicalComment('هذا تعليق آخر'), canonicalComment(text));
  });
});
