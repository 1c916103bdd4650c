import 'server-only';
import path from 'node:path';
import sharp from 'sharp';
import type { ArticleMeta, Category } from '@/lib/content';
import { site } from '@/lib/site';

export const shareImageSize = { width: 1200, height: 630 };

/*
 * Text goes through Pango and HarfBuzz (sharp's text input), which shape
 * Arabic and order mixed Arabic/Latin runs correctly. The site's font comes as
 * a TTF because fontconfig does not read the web font files next/font serves.
 */
const fontFile = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  'node_modules/@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
);

const markup = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function textLayer(text: string, points: number, width: number, colour: string): Promise<Buffer> {
  return sharp({
    text: {
      text: `<span foreground="${colour}" size="${points}pt">${markup(text)}</span>`,
      font: 'Noto Sans Arabic Bold',
      fontfile: fontFile,
      width,
      rgba: true,
      // "left" is the start of a line in Pango's terms, which for Arabic is the right edge.
      align: 'left',
      wrap: 'word',
      dpi: 72,
    },
  })
    .png()
    .toBuffer();
}

/** 1200×630: category, headline (up to three lines), site name, on the brand colour. */
export async function renderShareImage(article: ArticleMeta, category?: Category): Promise<Buffer> {
  const { width, height } = shareImageSize;
  const margin = 80;
  const textWidth = width - 2 * margin;
  const headlineText = article.title.length > 110 ? `${article.title.slice(0, 107)}…` : article.title;
  const [kicker, headline, brand] = await Promise.all([
    textLayer(category?.name ?? site.name, 30, textWidth, '#fbe3e0'),
    textLayer(headlineText, 54, textWidth, '#ffffff'),
    textLayer(site.name, 40, textWidth, '#ffffff'),
  ]);
  const place = async (layer: Buffer, top: number) => {
    const { width: w = 0 } = await sharp(layer).metadata();
    // Right-aligned: the layer is as wide as its longest line.
    return { input: layer, top, left: width - margin - w };
  };
  const headlineHeight = (await sharp(headline).metadata()).height ?? 0;
  return sharp({ create: { width, height, channels: 4, background: '#8f1d17' } })
    .composite([
      { input: Buffer.from(`<svg width="${width}" height="${height}"><rect x="0" y="${height - 12}" width="${width}" height="12" fill="#b3261e"/></svg>`), top: 0, left: 0 },
      await place(kicker, margin),
      await place(headline, Math.min(margin + 70, height - 150 - headlineHeight)),
      await place(brand, height - margin - 40),
    ])
    .png()
    .toBuffer();
}
