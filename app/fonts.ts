import localFont from 'next/font/local';

/*
 * Noto Sans Arabic, self-hosted from @fontsource so builds need no network, in
 * its two subsets. The Arabic file has no space, digits or Latin letters, so
 * every page needs both; the unicode-range on each face tells the browser
 * which file covers which characters without downloading either to find out.
 * All four files are preloaded: the Latin file used to be found only after the
 * first layout, and its arrival re-spaced every line of Arabic text (the
 * spaces are Latin glyphs), a visible shift on the article page.
 *
 * Until a file arrives (font-display: swap) the text is drawn in the fallback
 * faces of globals.css, scaled to the same widths so the swap does not move
 * lines.
 * (next/font needs literal values here, hence the repeated ranges.)
 */
export const arabicFont = localFont({
  src: [
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  variable: '--font-arabic',
  display: 'swap',
  declarations: [
    { prop: 'unicode-range', value: 'U+0600-06FF, U+0750-077F, U+0870-088E, U+0890-0891, U+0897-08E1, U+08E3-08FF, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FE74, U+FE76-FEFC' },
  ],
  // next/font sizes its fallback from Latin letters, which this file does not have.
  adjustFontFallback: false,
  fallback: ['Khabar Arabic Fallback'],
});

export const latinFont = localFont({
  src: [
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-latin-400-normal.woff2', weight: '400', style: 'normal' },
    { path: '../node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-latin-700-normal.woff2', weight: '700', style: 'normal' },
  ],
  variable: '--font-latin',
  display: 'swap',
  declarations: [
    { prop: 'unicode-range', value: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD' },
  ],
  // Our own size-adjusted Arial (globals.css) instead of next/font's: that one names only Arial, which Linux lacks.
  adjustFontFallback: false,
  fallback: ['Khabar Latin Fallback'],
});
