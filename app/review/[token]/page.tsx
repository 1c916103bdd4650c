import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ArticleDate } from '@/components/article-date';
import { ArticleView } from '@/components/article-view';
import { checkReviewToken } from '@/lib/review/links';
import { paths } from '@/lib/site';

type Props = { params: Promise<{ token: string }> };

// A review link is checked against the revocation list on every request, and never cached.
export const dynamic = 'force-dynamic';

// proxy.ts has checked the token already and set the status (410, 404) and the private headers;
// the page asks again rather than trust that a proxy ran, and renders what the answer allows.
const loadAccess = cache(async (token: string) => checkReviewToken(token));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const access = await loadAccess((await params).token);
  return {
    title: access.state === 'ok' ? `${access.article.title} (نسخة للمراجعة)` : 'رابط المراجعة',
    robots: { index: false, follow: false },
  };
}

export default async function ReviewPage({ params }: Props) {
  const access = await loadAccess((await params).token);
  if (access.state === 'published') redirect(paths.article(access.article.slug));
  if (access.state !== 'ok') {
    const gone = access.state === 'gone';
    return (
      <div className="mx-auto max-w-2xl py-12 text-center">
        <p className="text-6xl font-bold text-brand-700">{gone ? 410 : 404}</p>
        <h1 className="mt-4 text-3xl font-bold">
          {!gone ? 'رابط المراجعة غير صالح' : access.reason === 'revoked' ? 'أُلغي رابط المراجعة هذا' : 'انتهت صلاحية رابط المراجعة'}
        </h1>
        <p className="mt-4 text-lg text-muted">
          {gone
            ? 'لم يعد هذا الرابط يفتح المقال. اطلب رابطًا جديدًا من المحرر الذي أرسله إليك.'
            : 'تأكد من نسخ الرابط كاملًا كما وصلك، أو اطلب رابطًا جديدًا من المحرر الذي أرسله إليك.'}
        </p>
        <p className="mt-8">
          <Link href="/" className="inline-flex min-h-11 items-center rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800">
            العودة إلى الصفحة الرئيسية
          </Link>
        </p>
      </div>
    );
  }
  return (
    <ArticleView
      article={access.article}
      commentsOpen={false}
      countsView={false}
      notice={
        <div role="region" aria-label="نسخة للمراجعة" className="mb-6 rounded border-s-4 border-amber-700 bg-amber-50 p-3 text-amber-900">
          <p className="font-bold">نسخة للمراجعة — غير منشورة</p>
          <p className="text-sm">
            رابط خاص بهذا المقال وحده، صالح حتى <ArticleDate value={new Date(access.link.expiresAt).toISOString()} withTime />. لا تشاركه.
          </p>
        </div>
      }
    />
  );
}
