/** A review link as the store keeps it. The token itself is never stored: it is signed, not looked up. */
export type ReviewLink = {
  id: string;
  article: string;
  createdAt: number;
  expiresAt: number;
  /** A short hash of the creating editor's session (see lib/review/audit.ts), never the session itself. */
  createdBy: string;
  revokedAt: number | null;
  firstOpenedAt: number | null;
};

export type NewReviewLink = Omit<ReviewLink, 'revokedAt' | 'firstOpenedAt'>;

export type ReviewEventType = 'created' | 'opened' | 'revoked';

export type ReviewEvent = {
  type: ReviewEventType;
  article: string;
  linkId: string;
  /** The short session hash of the editor who created (or revoked) the link. */
  editor: string;
  at: number;
};

/**
 * Review links and their audit trail. SQLite (DATA_DIR/review.db) by default; PostgreSQL when
 * DATABASE_URL is set, so every instance sees a revocation at once. The links are the
 * revocation list: a token names its link, and a link revoked here is refused everywhere.
 */
export interface ReviewStore {
  createLink(link: NewReviewLink): Promise<void>;
  findLink(id: string): Promise<ReviewLink | undefined>;
  /** Records the first opening; true only for the call that recorded it. */
  markOpened(id: string, at: number): Promise<boolean>;
  /** Links neither revoked nor expired at `now`, by article, soonest expiry first. */
  liveLinks(now: number): Promise<ReviewLink[]>;
  /** Revokes one link; true when it was not revoked before. */
  revokeLink(id: string, at: number): Promise<boolean>;
  /** Revokes every unrevoked link of an article; resolves to the ids it revoked. */
  revokeArticle(article: string, at: number): Promise<string[]>;
  recordEvent(event: ReviewEvent): Promise<void>;
  /** The newest events first. */
  recentEvents(limit: number): Promise<ReviewEvent[]>;
  /** Releases the file or the connection pool. */
  close(): Promise<void>;
}
