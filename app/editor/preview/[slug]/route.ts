import { editorEnabled, isEditor } from '@/lib/editor/session';
import { errorResponse } from '@/lib/api-response';
import { startPreview } from '@/lib/preview';

/**
 * One-click preview from the editors' desk: a signed-in editor needs no secret in the URL.
 * The link lives on the desk, so a request another site started is refused even if the
 * browser sent the session cookie (it is SameSite=Strict, so a current browser does not).
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  if (!editorEnabled()) return errorResponse({ status: 404, code: 'not_found', message: 'الصفحة غير موجودة.' });
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    return errorResponse({ status: 403, code: 'forbidden_origin', message: 'لا يُقبل هذا الطلب من موقع آخر.' });
  }
  if (!(await isEditor())) return errorResponse({ status: 401, code: 'unauthorized', message: 'سجّل الدخول أولًا.' });
  return startPreview((await params).slug);
}
