import { draftMode } from 'next/headers';
import { postViewResponse } from '@/lib/views/api';

export async function POST(request: Request) {
  return postViewResponse(request, (await draftMode()).isEnabled);
}
