import { watch, type FSWatcher } from 'node:fs';

/**
 * One non-recursive watcher per folder the scan walked. Node 20's recursive watch on Linux keeps
 * an inotify watch and a Stats object for every file: at 250,000 articles that was 190,000
 * watchers, about 300 MB of heap, and it ran out of the system's inotify watches (so files past
 * the limit went unwatched, and other programs on the machine could watch nothing). Folders are
 * a few hundred at most; a new one is noticed by its parent's watcher and added after the rescan.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private failed = false;

  constructor(
    private readonly onChange: () => void,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** False once watching failed (the caller falls back to periodic rescans), or before any folder is watched. */
  get active(): boolean {
    return !this.failed && this.watchers.size > 0;
  }

  /** Watches exactly `folders`: new ones are added, ones no longer there closed. */
  sync(folders: Iterable<string>): void {
    if (this.failed) return;
    const wanted = new Set(folders);
    for (const [folder, watcher] of this.watchers) {
      if (wanted.has(folder)) continue;
      watcher.close();
      this.watchers.delete(folder);
    }
    for (const folder of wanted) {
      if (this.watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, () => this.onChange());
        watcher.on('error', (error) => this.fail(error));
        this.watchers.set(folder, watcher);
      } catch (error) {
        // Removed since the scan walked it: the next scan will not list it.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        this.fail(error);
        return;
      }
    }
  }

  private fail(error: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.close();
    this.onFailure(error);
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
