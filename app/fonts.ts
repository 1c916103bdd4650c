import localFont from 'next/font/local';

/*
 * Self-hosted from @fontsource so builds need no network. Arabic and Latin are
 * separate subsets: a page of Arabic text with a few Latin words downloads the
 * small Latin file only when those glyphs appear, and the browser falls through
 * the font stack glyph by glyph.
 */
export const arabicFont = localFont({
  src: [
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  variable: '--font-arabic',
  display: 'swap',
  adjustFontFallback: false,
  fallback: [],
});

export const latinFont = localFont({
  src: [
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-latin-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-latin-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  variable: '--font-latin',
  display: 'swap',
  adjustFontFallback: false,
  fallback: [],
  preload: false,
});
