import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { clientAddress } from '@/lib/comments/client';
import { commentLimits } from '@/lib/comments/schema';
import { listComments, submitComment } from '@/lib/comments/service';
import { errorResponse, isSameOrigin, jsonResponse, readLimitedText } from '@/lib/http';
import { paths } from '@/lib/site';

export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const article = params.get('article') ?? '';
  const pageParam = params.get('page') ?? '1';
  const sort = params.get('sort') ?? 'newest';
  if (!article) return errorResponse({ status: 400, code: 'invalid_request', message: 'المعامل article مطلوب.' });
  if (!/^[1-9]\d{0,5}$/.test(pageParam)) {
    return errorResponse({ status: 400, code: 'invalid_request', message: 'رقم الصفحة يجب أن يكون عددًا صحيحًا موجبًا.' });
  }
  if (sort !== 'newest' && sort !== 'oldest') {
    return errorResponse({ status: 400, code: 'invalid_request', message: 'الترتيب يجب أن يكون newest أو oldest.' });
  }
  const result = await listComments(article, Number(pageParam), sort);
  return result.ok ? jsonResponse(result.page) : errorResponse(result.error);
}

export async function POST(request: Request) {
  const requestHeaders = await headers();
  if (!isSameOrigin(requestHeaders)) {
    return errorResponse({ status: 403, code: 'forbidden_origin', message: 'لا يُقبل هذا الطلب من موقع آخر.' });
  }
  const type = requestHeaders.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return errorResponse({ status: 415, code: 'unsupported_media_type', message: 'يجب إرسال التعليق بصيغة JSON.' });
  }
  const text = await readLimitedText(request, commentLimits.requestBytes);
  if (text === null) {
    return errorResponse({ status: 413, code: 'payload_too_large', message: 'حجم الطلب يتجاوز الحد المسموح (16 كيلوبايت).' });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return errorResponse({ status: 400, code: 'malformed_json', message: 'تعذّرت قراءة الطلب: صيغة JSON غير صحيحة.' });
  }
  const result = await submitComment(payload, clientAddress(requestHeaders));
  if (!result.ok) return errorResponse(result.error);
  // The article's server-rendered count and no-script thread include approved comments.
  if (!result.held) revalidatePath(paths.article(result.article));
  return jsonResponse({ comment: result.comment, held: result.held }, result.status);
}
