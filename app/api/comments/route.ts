import { getCommentsResponse, postCommentResponse } from '@/lib/comments/api';
import { refreshArticle } from '@/lib/comments/refresh';
import { paths } from '@/lib/site';

export function GET(request: Request) {
  return getCommentsResponse(request);
}

export async function POST(request: Request) {
  const { response, published } = await postCommentResponse(request);
  // The article's server-rendered count and no-script thread include approved comments.
  if (published) refreshArticle(paths.article(published));
  return response;
}
