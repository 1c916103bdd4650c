import { IntentLink } from '@/components/intent-link';
import { pageWindow } from '@/lib/pagination';

type Props = {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
};

/** Numbered pages with rel prev/next, both on the links and hoisted into <head> by React. */
export function Pagination({ page, totalPages, hrefFor }: Props) {
  if (totalPages <= 1) return null;
  const prev = page > 1 ? hrefFor(page - 1) : undefined;
  const next = page < totalPages ? hrefFor(page + 1) : undefined;
  return (
    <nav aria-label="الصفحات" className="mt-10 flex flex-wrap items-center justify-center gap-2">
      {prev ? <link rel="prev" href={prev} /> : null}
      {next ? <link rel="next" href={next} /> : null}
      {prev ? (
        <IntentLink href={prev} rel="prev" className="rounded border border-stone-300 px-4 py-2 hover:bg-brand-50">
          السابق
        </IntentLink>
      ) : null}
      <ol className="flex flex-wrap gap-1">
        {pageWindow(page, totalPages).map((n, i) => (
          <li key={n ?? `gap-${i}`}>
            {n === null ? (
              <span aria-hidden="true" className="block px-2 py-2">…</span>
            ) : n === page ? (
              <span aria-current="page" className="block min-w-11 rounded bg-brand-700 px-3 py-2 text-center font-bold text-white">
                {n}
              </span>
            ) : (
              <IntentLink href={hrefFor(n)} className="block min-w-11 rounded border border-stone-300 px-3 py-2 text-center hover:bg-brand-50">
                <span className="sr-only">الصفحة </span>
                {n}
              </IntentLink>
            )}
          </li>
        ))}
      </ol>
      {next ? (
        <IntentLink href={next} rel="next" className="rounded border border-stone-300 px-4 py-2 hover:bg-brand-50">
          التالي
        </IntentLink>
      ) : null}
    </nav>
  );
}
