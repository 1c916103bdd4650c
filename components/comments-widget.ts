/**
 * The comments widget's code, fetched as one chunk when the section comes near
 * (see comments-island.tsx): the form and the thread share most of it.
 */
export { CommentForm } from '@/components/comment-form';
export { CommentsThread } from '@/components/comments-thread';
