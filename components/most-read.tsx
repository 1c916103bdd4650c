import { IntentLink } from '@/components/intent-link';
import type { MostReadItem } from '@/lib/views/most-read';

type Props = { items: MostReadItem[] };

/** «الأكثر قراءة», rendered on the server; hidden until something has been read. */
export function MostRead({ items }: Props) {
  if (!items.length) return null;
  return (
    <section aria-labelledby="most-read-heading" className="defer-layout -mx-2 px-2 print-hidden my-12 border-t border-stone-200 pt-8">
      <h2 id="most-read-heading" className="mb-4 border-s-4 border-brand-600 ps-3 text-2xl font-bold">
        الأكثر قراءة
      </h2>
      <ol className="grid gap-x-6 sm:grid-cols-2">
        {items.map((item, i) => (
          <li key={item.slug} className="flex items-baseline gap-3 border-b border-stone-200 py-3">
            <span aria-hidden="true" className="w-7 shrink-0 text-2xl font-bold text-brand-700 tabular-nums">
              {i + 1}
            </span>
            <IntentLink href={item.href} className="font-bold leading-snug hover:text-brand-700 hover:underline">
              {item.title}
            </IntentLink>
          </li>
        ))}
      </ol>
    </section>
  );
}
