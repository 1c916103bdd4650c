import { liveUpdatesResponse } from '@/lib/live-api';

// Answered per request and cached by shared caches for 5 s (the response's Cache-Control).
export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return liveUpdatesResponse((await params).slug, new URL(request.url).searchParams);
}
