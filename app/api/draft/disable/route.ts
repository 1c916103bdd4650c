import { draftMode } from 'next/headers';
import { errorResponse, isSameOrigin } from '@/lib/api-response';

/** Leaves draft mode (the banner's button). Cross-site requests are refused. */
export async function POST(request: Request) {
  if (!isSameOrigin(request.headers)) {
    return errorResponse({ status: 403, code: 'forbidden_origin', message: 'لا يُقبل هذا الطلب من موقع آخر.' });
  }
  (await draftMode()).disable();
  return new Response(null, { status: 303, headers: { Location: '/', 'Cache-Control': 'no-store' } });
}
