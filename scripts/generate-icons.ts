/**
 * Draws the web app manifest's icons (app/manifest.ts) with the mark of app/icon.svg, three white
 * lines on the brand red, at the sizes installers ask for. The maskable icon keeps the lines inside
 * the safe circle (the middle 80 %) on a full-bleed background.
 *
 *   node --import tsx scripts/generate-icons.ts
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const out = path.join(process.cwd(), 'public', 'icons');

/** `inset` is the share of the side kept clear on each edge (the maskable safe zone). */
function iconSvg(size: number, { rounded, inset }: { rounded: boolean; inset: number }): string {
  const unit = (size * (1 - 2 * inset)) / 64;
  const at = (v: number) => size * inset + v * unit;
  const line = (y: number, from: number, to: number) =>
    `<path d="M${at(from)} ${at(y)}H${at(to)}" stroke="#fff" stroke-width="${6 * unit}" stroke-linecap="round"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
<rect width="${size}" height="${size}" rx="${rounded ? size * 0.1875 : 0}" fill="#8f1d17"/>
${line(20, 22, 42)}${line(30, 18, 46)}${line(40, 14, 50)}</svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, rounded: true, inset: 0 },
  { file: 'icon-512.png', size: 512, rounded: true, inset: 0 },
  { file: 'icon-maskable-512.png', size: 512, rounded: false, inset: 0.1 },
];

async function main() {
  await mkdir(out, { recursive: true });
  for (const { file, size, rounded, inset } of icons) {
    await sharp(Buffer.from(iconSvg(size, { rounded, inset }))).png({ compressionLevel: 9 }).toFile(path.join(out, file));
    console.log(`public/icons/${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
