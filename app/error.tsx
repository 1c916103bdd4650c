'use client';

import Link from 'next/link';
import { useEffect } from 'react';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-2xl py-12 text-center">
      <h1 className="text-3xl font-bold">حدث خطأ غير متوقع</h1>
      <p className="mt-4 text-lg text-muted">تعذّر عرض هذه الصفحة الآن. حاول مرة أخرى بعد قليل.</p>
      {error.digest ? <p className="mt-2 text-sm text-muted" dir="ltr">{error.digest}</p> : null}
      <div className="mt-8 flex justify-center gap-3">
        <button type="button" onClick={reset} className="min-h-11 rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800">
          إعادة المحاولة
        </button>
        <Link href="/" className="inline-flex min-h-11 items-center rounded border border-stone-300 px-6 hover:bg-brand-50">
          الصفحة الرئيسية
        </Link>
      </div>
    </div>
  );
}
