import type { CommentSort, PublicComment } from '@/lib/comments/schema';

export type CommentStatus = 'approved' | 'pending' | 'spam' | 'rejected';

export type NewComment = {
  article: string;
  parentId: number | null;
  name: string;
  body: string;
  /** sha256 of the normalised body, for the duplicate check */
  bodyHash: string;
  /** salted hash of the client address; the address itself is never stored */
  clientHash: string;
  status: CommentStatus;
  createdAt: number;
};

export type StoredComment = NewComment & { id: number };

/** What the posting policy needs to know about a client, read in the same transaction as the insert. */
export type ClientActivity = {
  /** creation times (ms) of this client's comments inside the rate window, oldest first */
  recent: number[];
  /** the same body from this client inside the duplicate window */
  duplicate: boolean;
};

/** An editor's sign-in as the store keeps it: only a hash of the id the browser holds. */
export type EditorSession = {
  /** sha256 of the cookie's session id (keyed with the password: changing it ends every session) */
  idHash: string;
  createdAt: number;
  lastSeenAt: number;
};

export type PostResult<R> = { ok: true; comment: StoredComment } | { ok: false; rejection: R };

/**
 * The comments store as routes and pages see it. SQLite is the embedded
 * default; PostgreSQL (pg-store.ts) implements the same interface for several
 * server instances sharing one database.
 */
export interface CommentStore {
  /**
   * Inserts atomically with the policy's decision: `decide` sees the client's
   * recent activity inside the transaction, so two concurrent posts cannot both
   * slip under a limit.
   */
  post<R>(comment: NewComment, windows: { sinceMs: number; duplicateSinceMs: number }, decide: (activity: ClientActivity) => R | undefined): Promise<PostResult<R>>;
  get(id: number): Promise<StoredComment | undefined>;
  /** Approved top-level comments, one page, each with its approved replies oldest first. */
  listApproved(article: string, options: { page: number; pageSize: number; sort: CommentSort }): Promise<{ comments: PublicComment[]; total: number; threads: number }>;
  countApproved(article: string): Promise<number>;
  listByStatus(status: CommentStatus, limit: number): Promise<StoredComment[]>;
  setStatus(id: number, status: CommentStatus): Promise<boolean>;
  remove(id: number): Promise<boolean>;
  /** Records a new editor session. */
  createSession(session: EditorSession): Promise<void>;
  /** The session with this id hash, if there is one (the caller judges its age). */
  findSession(idHash: string): Promise<EditorSession | undefined>;
  /** Marks the session as used at `at`; false when it no longer exists. */
  touchSession(idHash: string, at: number): Promise<boolean>;
  /** Ends one session (sign-out); false when it did not exist. */
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session (sign-out on all devices); resolves to how many there were. */
  deleteAllSessions(): Promise<number>;
  /** Removes sessions last used before `idleBefore` or begun before `createdBefore`; resolves to how many. */
  pruneSessions(idleBefore: number, createdBefore: number): Promise<number>;
  /** A value kept with the data: the salt for client hashes, for instance. */
  setting(key: string, create: () => string): Promise<string>;
  /** Releases the file or the connection pool; resolves once they are released. */
  close(): Promise<void>;
}

/**
 * The database is unreachable, overloaded or refusing writes: the reader is
 * answered 503 and may try again. Bugs (bad SQL, broken constraints) are not
 * wrapped in this and stay 500s.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

export function toPublic(comment: StoredComment): PublicComment {
  return {
    id: comment.id,
    parentId: comment.parentId,
    name: comment.name,
    body: comment.body,
    createdAt: new Date(comment.createdAt).toISOString(),
  };
}
