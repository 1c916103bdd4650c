import Link from 'next/link';
import { CategoryNav } from '@/components/category-nav';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-2xl py-12 text-center">
      <p className="text-6xl font-bold text-brand-700">404</p>
      <h1 className="mt-4 text-3xl font-bold">الصفحة غير موجودة</h1>
      <p className="mt-4 text-lg text-muted">
        ربما نُقلت هذه الصفحة أو حُذفت، أو أن الرابط غير صحيح. يمكنك العودة إلى الصفحة الرئيسية أو تصفح أحد الأقسام.
      </p>
      <p className="mt-8">
        <Link href="/" className="inline-flex min-h-11 items-center rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800">
          العودة إلى الصفحة الرئيسية
        </Link>
      </p>
      <CategoryNav
        label="الأقسام"
        className="mt-8"
        listClassName="flex flex-wrap justify-center gap-2"
        linkClassName="inline-flex min-h-11 items-center rounded border border-stone-300 px-4 hover:bg-brand-50"
      />
    </div>
  );
}
