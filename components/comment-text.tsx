import { linkify } from '@/lib/comments/schema';

/**
 * A comment body as plain text: React escapes every character, line breaks
 * are kept by CSS, and only addresses become links, marked as user content.
 */
export function CommentText({ body }: { body: string }) {
  return (
    <p dir="auto" className="whitespace-pre-line break-words">
      {linkify(body).map((segment, i) =>
        segment.type === 'link' ? (
          <a key={i} href={segment.href} rel="nofollow ugc noopener" target="_blank" className="text-brand-700 underline" dir="ltr">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </p>
  );
}
