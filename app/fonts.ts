import localFont from 'next/font/local';

/*
 * Noto Sans Arabic, self-hosted so builds need no network: one file per
 * weight, each holding the Arabic block and the Latin characters Arabic text
 * uses (the spaces between Arabic words are Latin glyphs, and digits and Latin
 * words appear in news text). Both files are preloaded: the headline is bold
 * and the standfirst regular, so the first screen needs both. They used to be
 * four files (an Arabic and a Latin file per weight) of the same 65 KB in all;
 * two requests instead of four reach a throttled phone sooner (see "A phone's
 * main thread" in docs/performance.md).
 *
 * Cut from Noto Sans Arabic 2.012 as @expo-google-fonts/noto-sans-arabic
 * 0.4.3 ships it (the same version, metrics and glyphs as @fontsource's
 * files), keeping all OpenType layout: 32-33 KB a file. Presentation-form and
 * supplement code points are left out: news text does not type them (shaping
 * reaches the positional forms through OpenType, not through those code
 * points). Made with fonttools 4.38 (Debian python3-fonttools, python3-brotli):
 *   python3 -m fontTools.subset node_modules/@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf \
 *     --unicodes='U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD,U+0600-06FF,U+FD3E-FD3F,U+FDF2' \
 *     --layout-features='*' --flavor=woff2 --output-file=app/font-files/noto-sans-arabic-400.woff2   (and the same for 700Bold)
 * Licence: SIL Open Font License 1.1, app/font-files/OFL.txt.
 *
 * Until a file arrives (font-display: swap) the text is drawn in the fallback
 * faces of globals.css, scaled to the same widths so the swap does not move
 * lines.
 */
export const arabicFont = localFont({
  src: [
    { path: './font-files/noto-sans-arabic-400.woff2', weight: '400', style: 'normal' },
    { path: './font-files/noto-sans-arabic-700.woff2', weight: '700', style: 'normal' },
  ],
  variable: '--font-arabic',
  display: 'swap',
  // next/font sizes its fallback from Latin letters only; ours are measured on Arabic text (globals.css).
  adjustFontFallback: false,
  fallback: ['Khabar Arabic Fallback', 'Khabar Latin Fallback'],
});
