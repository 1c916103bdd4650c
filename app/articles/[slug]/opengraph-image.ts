import { getCategory, getPublishedArticle } from '@/lib/content';
import { renderShareImage, shareImageSize } from '@/lib/share-image';

export const size = shareImageSize;
export const contentType = 'image/png';
export const alt = 'عنوان الخبر على خلفية خبر';
export const revalidate = 60;

/** The image shared links show on WhatsApp, X and Facebook: the Arabic headline, shaped on the server. */
export default async function ShareImage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const article = await getPublishedArticle(slug);
  if (!article) return new Response('Not found', { status: 404 });
  const png = await renderShareImage(article, await getCategory(article.category));
  return new Response(new Uint8Array(png), {
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, s-maxage=86400, stale-while-revalidate=604800' },
  });
}
