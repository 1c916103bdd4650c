import { sitemapContent } from '@/lib/content';
import { errorResponse } from '@/lib/api-response';
import { renderUrlset, sitemapEntries, sitemapPart } from '@/lib/sitemap';
import { xmlResponse } from '@/lib/xml';

export const revalidate = 30;

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const match = /^([1-9]\d{0,4})\.xml$/.exec(file);
  const part = match ? sitemapPart(sitemapEntries(await sitemapContent()), Number(match[1])) : null;
  if (!part) return errorResponse({ status: 404, code: 'not_found', message: 'خريطة الموقع هذه غير موجودة.' });
  return xmlResponse(renderUrlset(part));
}
