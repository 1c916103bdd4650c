import { draftMode } from 'next/headers';
import { redirect } from 'next/navigation';
import { getContentIndex } from '@/lib/content';
import { errorResponse } from '@/lib/http';
import { editorEnabled, isEditor } from '@/lib/editor/session';
import { paths } from '@/lib/site';

/** One-click preview from the editors' desk: a signed-in editor needs no secret in the URL. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  if (!editorEnabled()) return errorResponse({ status: 404, code: 'not_found', message: 'الصفحة غير موجودة.' });
  if (!(await isEditor())) return errorResponse({ status: 401, code: 'unauthorized', message: 'سجّل الدخول أولًا.' });
  const { slug } = await params;
  const article = (await getContentIndex({ fresh: true })).bySlug.get(slug);
  if (!article) return errorResponse({ status: 404, code: 'article_not_found', message: 'لا يوجد مقال بهذا المعرّف.' });
  (await draftMode()).enable();
  redirect(paths.article(article.slug));
}
