/**
 * Arabic-aware text for search, applied alike to the index and the query, so
 * spelling variants meet: «احمد» finds «أحمد» and «الكِرملين» finds «الكرملين».
 */
const tashkeel = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]/g;
const tatweel = /\u0640/g;
const letters: Record<string, string> = {
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
  'ى': 'ي',
  'ة': 'ه',
  'ؤ': 'و',
  'ئ': 'ي',
};
const letterPattern = new RegExp(`[${Object.keys(letters).join('')}]`, 'g');

export function normalizeArabic(text: string): string {
  return text
    .normalize('NFC')
    .replace(tashkeel, '')
    .replace(tatweel, '')
    .replace(letterPattern, (ch) => letters[ch]!)
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .toLowerCase();
}

/** Words of normalised text: Arabic and Latin letters and digits; punctuation separates. */
export function searchTokens(text: string): string[] {
  return normalizeArabic(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
