import { IntentLink } from '@/components/intent-link';
import { paths } from '@/lib/site';

/**
 * The categories are in the header above; this page offers the way home and the search instead of
 * a third copy of them (the root boundary is part of every page's RSC payload, not only of 404s).
 */
export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl py-12 text-center">
      <p className="text-6xl font-bold text-brand-700">404</p>
      <h1 className="mt-4 text-3xl font-bold">الصفحة غير موجودة</h1>
      <p className="mt-4 text-lg text-muted">
        ربما نُقلت هذه الصفحة أو حُذفت، أو أن الرابط غير صحيح. يمكنك العودة إلى الصفحة الرئيسية أو البحث عمّا تريد.
      </p>
      <p className="mt-8 flex flex-wrap justify-center gap-3">
        <IntentLink href={paths.home()} className="inline-flex min-h-11 items-center rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800">
          العودة إلى الصفحة الرئيسية
        </IntentLink>
        <IntentLink href="/search" className="inline-flex min-h-11 items-center rounded border border-stone-300 px-6 hover:bg-brand-50">
          البحث في الموقع
        </IntentLink>
      </p>
    </div>
  );
}
