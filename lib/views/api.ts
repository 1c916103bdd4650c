import 'server-only';
import { errorResponse, isSameOrigin, readLimitedText } from '@/lib/api-response';
import { clientAddress } from '@/lib/comments/reader-address';
import { beaconBodyBytes, notCountedReason } from '@/lib/views/beacon';
import { recordBeacon } from '@/lib/views/service';

/**
 * POST /api/views as a plain Request → Response function (the route adds only
 * draft mode, which needs Next's request scope). 204 whether or not the view
 * counted: a crawler learns nothing from the answer.
 */
export async function postViewResponse(request: Request, draftMode: boolean): Promise<Response> {
  const headers = request.headers;
  if (!isSameOrigin(headers)) return errorResponse({ status: 403, code: 'forbidden_origin', message: 'لا يُقبل هذا الطلب من موقع آخر.' });
  // sendBeacon sends a string as text/plain; a Blob or fetch may say application/json.
  if (!/^(application\/json|text\/plain)\b/i.test(headers.get('content-type') ?? '')) {
    return errorResponse({ status: 415, code: 'unsupported_media_type', message: 'يجب إرسال المشاهدة بصيغة JSON.' });
  }
  const text = await readLimitedText(request, beaconBodyBytes);
  if (text === null) return errorResponse({ status: 413, code: 'payload_too_large', message: 'حجم الطلب يتجاوز الحد المسموح (1 كيلوبايت).' });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return errorResponse({ status: 400, code: 'malformed_json', message: 'تعذّرت قراءة الطلب: صيغة JSON غير صحيحة.' });
  }
  const result = await recordBeacon(payload, {
    address: clientAddress(headers),
    userAgent: headers.get('user-agent') ?? '',
    notCounted: notCountedReason(headers, draftMode),
  });
  if (!result.ok) return errorResponse(result.error);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
