import { CommentText } from '@/components/comment-text';
import type { PublicComment } from '@/lib/comments/schema';

/** One comment: the name and body are the reader's own text, shown as such in either direction. */
export function CommentView({ comment, time }: { comment: PublicComment; time: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <p className="flex flex-wrap items-baseline gap-x-3">
        <strong><bdi dir="auto">{comment.name}</bdi></strong>
        {time}
      </p>
      <CommentText body={comment.body} />
    </div>
  );
}
