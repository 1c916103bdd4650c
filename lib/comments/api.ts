import 'server-only';
import { clientAddress } from '@/lib/comments/reader-address';
import { commentLimits } from '@/lib/comments/schema';
import { listComments, submitComment } from '@/lib/comments/service';
import { errorResponse, isSameOrigin, jsonResponse, readLimitedText } from '@/lib/api-response';

/**
 * The comments API as plain Request → Response functions: the route file only
 * adds Next's cache invalidation, and tests drive these directly.
 */
export async function getCommentsResponse(request: Request): Promise<Response> {
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

/** `published` names the article whose pages now show one more comment. */
export async function postCommentResponse(request: Request): Promise<{ response: Response; published?: string }> {
  const headers = request.headers;
  if (!isSameOrigin(headers)) {
    return { response: errorResponse({ status: 403, code: 'forbidden_origin', message: 'لا يُقبل هذا الطلب من موقع آخر.' }) };
  }
  if (!/^application\/json\b/i.test(headers.get('content-type') ?? '')) {
    return { response: errorResponse({ status: 415, code: 'unsupported_media_type', message: 'يجب إرسال التعليق بصيغة JSON.' }) };
  }
  const text = await readLimitedText(request, commentLimits.requestBytes);
  if (text === null) {
    return {
      response: errorResponse({ status: 413, code: 'payload_too_large', message: 'حجم الطلب يتجاوز الحد المسموح (16 كيلوبايت).' }),
    };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return { response: errorResponse({ status: 400, code: 'malformed_json', message: 'تعذّرت قراءة الطلب: صيغة JSON غير صحيحة.' }) };
  }
  const result = await submitComment(payload, clientAddress(headers));
  if (!result.ok) return { response: errorResponse(result.error) };
  return {
    response: jsonResponse({ comment: result.comment, held: result.held }, result.status),
    ...(result.held ? {} : { published: result.article }),
  };
}
