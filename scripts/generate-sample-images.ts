/**
 * Draws the sample articles' illustrations: abstract, text-free compositions
 * seeded by the slug and coloured by category, so every sample image is our
 * own and reproducible. Writes public/<image> for every article that names one.
 *
 *   node --conditions=react-server --import tsx scripts/generate-sample-images.ts [--force]
 */
import { access, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { ContentLoader } from '@/lib/content/load';

const palettes: Record<string, [string, string, string]> = {
  world: ['#1e3a5f', '#3d7ea6', '#f2c14e'],
  'middle-east': ['#6b2d0f', '#c8702a', '#f4e1b5'],
  economy: ['#12432f', '#2f8f5b', '#e9c46a'],
  technology: ['#1f1147', '#5b3cc4', '#5ee1e6'],
  sports: ['#0f3d2e', '#1f9d55', '#f5f5f5'],
  culture: ['#4a1230', '#b03a6f', '#f7c59f'],
};

function random(seed: string) {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return () => {
    h = Math.imul(h ^ (h >>> 15), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return ((h ^= h >>> 16) >>> 0) / 4294967296;
  };
}

function illustration(slug: string, category: string): string {
  const [dark, mid, light] = palettes[category] ?? ['#333', '#777', '#ddd'];
  const rnd = random(slug);
  const shapes: string[] = [];
  for (let i = 0; i < 9; i++) {
    const x = Math.round(rnd() * 1200);
    const y = Math.round(rnd() * 675);
    const r = Math.round(60 + rnd() * 260);
    const colour = [mid, light, dark][i % 3];
    const opacity = (0.25 + rnd() * 0.5).toFixed(2);
    shapes.push(
      i % 2
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${colour}" fill-opacity="${opacity}"/>`
        : `<rect x="${x - r}" y="${y - r / 2}" width="${r * 2}" height="${r}" rx="${Math.round(r / 6)}" fill="${colour}" fill-opacity="${opacity}" transform="rotate(${Math.round(rnd() * 60 - 30)} ${x} ${y})"/>`,
    );
  }
  const lines = Array.from({ length: 6 }, (_, i) => {
    const y = 80 + i * 100 + Math.round(rnd() * 40);
    return `<path d="M0 ${y} C 300 ${y - 80}, 900 ${y + 80}, 1200 ${y}" stroke="${light}" stroke-opacity="0.35" stroke-width="3" fill="none"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${dark}"/><stop offset="1" stop-color="${mid}"/></linearGradient></defs>
  <rect width="1200" height="675" fill="url(#g)"/>${shapes.join('')}${lines}</svg>`;
}

async function main() {
  const force = process.argv.includes('--force');
  const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
  const publicDir = path.resolve('public');
  const loader = new ContentLoader({ contentDir, publicDir });
  const root = path.join(contentDir, 'articles');
  // Every file is parsed on its own: the index leaves out articles whose image is missing.
  const files = (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => path.join(e.parentPath, e.name));
  let written = 0;
  for (const file of files) {
    const { slug, meta } = loader.parse(file, await readFile(file, 'utf8'));
    if (!meta?.image) continue;
    const target = path.join(publicDir, meta.image.src);
    if (!force && (await access(target).then(() => true, () => false))) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await sharp(Buffer.from(illustration(slug, meta.category)))
      .jpeg({ quality: 72, progressive: true, mozjpeg: true })
      .toFile(target);
    written++;
  }
  console.log(`${written} image(s) written`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
