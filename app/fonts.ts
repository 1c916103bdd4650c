import localFont from 'next/font/local';

/*
 * Noto Sans Arabic, self-hosted so builds need no network, in two files per
 * weight. The Arabic file has no space, digits or Latin letters, so every page
 * needs both; the unicode-range on each face tells the browser which file
 * covers which characters without downloading either to find out. All four
 * files are preloaded: the Latin file used to be found only after the first
 * layout, and its arrival re-spaced every line of Arabic text (the spaces are
 * Latin glyphs), a visible shift on the article page.
 *
 * The Arabic files are @fontsource/noto-sans-arabic 5.3.0's Arabic subset cut
 * down to the Arabic block (U+0600-06FF, which also covers Persian and Urdu
 * letters in comments) with all OpenType layout kept: 21 KB instead of 49 KB
 * each. The supplements and presentation-form code points they dropped are
 * not typed in news text (shaping reaches the positional forms through
 * OpenType, not through those code points). Made with fonttools 4.38
 * (Debian python3-fonttools, python3-brotli):
 *   pyftsubset node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2 \
 *     --unicodes=U+0600-06FF,U+200C-200F,U+FD3E-FD3F,U+FDF2 --layout-features='*' --flavor=woff2 \
 *     --output-file=app/font-files/noto-sans-arabic-arabic-400.woff2   (and the same for 700)
 * Licence: SIL Open Font License 1.1, app/font-files/OFL.txt.
 *
 * Until a file arrives (font-display: swap) the text is drawn in the fallback
 * faces of globals.css, scaled to the same widths so the swap does not move
 * lines. (next/font needs literal values here, hence the repeated ranges.)
 */
export const arabicFont = localFont({
  src: [
    { path: './font-files/noto-sans-arabic-arabic-400.woff2', weight: '400', style: 'normal' },
    { path: './font-files/noto-sans-arabic-arabic-700.woff2', weight: '700', style: 'normal' },
  ],
  variable: '--font-arabic',
  display: 'swap',
  declarations: [
    { prop: 'unicode-range', value: 'U+0600-06FF, U+200C-200F, U+FD3E-FD3F, U+FDF2' },
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
