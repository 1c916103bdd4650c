import 'server-only';
import { z } from 'zod';

/** The wire format of POST /api/comments: wrong types are a 400 before any limit is looked at. */
export const commentRequestSchema = z.object({
  article: z.string().max(200),
  name: z.string().max(1000),
  body: z.string().max(20_000),
  parentId: z.number().int().positive().nullish(),
  website: z.string().max(1000).optional(),
});

export type CommentRequest = z.infer<typeof commentRequestSchema>;
