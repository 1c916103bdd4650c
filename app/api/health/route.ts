import { healthResponse } from '@/lib/health';

// Every probe is a fresh look at this instance: never prerendered, never cached.
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return healthResponse(request);
}
