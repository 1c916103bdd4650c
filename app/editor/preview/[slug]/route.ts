import { editorEnabled, isEditor } from '@/lib/editor/session';
import { errorResponse } from '@/lib/http';
import { startPreview } from '@/lib/preview';

/** One-click preview from the editors' desk: a signed-in editor needs no secret in the URL. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  if (!editorEnabled()) return errorResponse({ status: 404, code: 'not_found', message: 'الصفحة غير موجودة.' });
  if (!(await isEditor())) return errorResponse({ status: 401, code: 'unauthorized', message: 'سجّل الدخول أولًا.' });
  return startPreview((await params).slug);
}
