import { CopyLinkButton } from '@/components/copy-link-button';
import { entryDomId, type LiveEntryView } from '@/lib/live-updates';

/** One live entry, the same markup whether the server rendered it or a client leaf fetched it. */
export function LiveEntry({ entry }: { entry: LiveEntryView }) {
  return (
    <article id={entryDomId(entry.id)} className="scroll-mt-20 border-s-4 border-stone-200 ps-4 data-[key=true]:border-brand-600" data-key={entry.key}>
      <header className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
        <time id={`${entryDomId(entry.id)}-time`} dateTime={entry.time} className="font-bold text-ink">
          {entry.clock} <span className="font-normal text-muted">{entry.day}</span>
        </time>
        {entry.pinned ? <span className="rounded bg-stone-100 px-2 font-bold text-ink">مثبّت</span> : null}
        {entry.key ? <span className="rounded bg-brand-50 px-2 font-bold text-brand-700">حدث رئيسي</span> : null}
        {entry.author ? (
          <a href={entry.author.href} rel="author" className="hover:text-brand-700 hover:underline">
            {entry.author.name}
          </a>
        ) : null}
      </header>
      {entry.title ? <h3 className="mb-2 text-xl font-bold leading-snug">{entry.title}</h3> : null}
      <div className="prose prose-stone max-w-none prose-a:text-brand-700" dangerouslySetInnerHTML={{ __html: entry.html }} />
      <div className="mt-2 text-sm">
        <CopyLinkButton url={entry.url} label="نسخ رابط التحديث" announce={false} />
      </div>
    </article>
  );
}
