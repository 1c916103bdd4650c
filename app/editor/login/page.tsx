import { redirect } from 'next/navigation';
import { isEditor } from '@/lib/editor/session';

type Props = { searchParams: Promise<{ failed?: string; next?: string }> };

export default async function EditorLoginPage({ searchParams }: Props) {
  const { failed, next } = await searchParams;
  if (await isEditor()) redirect('/editor');
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="mb-6 text-3xl font-bold">دخول المحررين</h1>
      {/* A plain form post: the sign-in handler answers 303, or 429 when this address is locked out. */}
      <form method="post" action="/api/editor/sign-in" className="flex flex-col gap-4">
        <input type="hidden" name="next" value={next ?? '/editor'} />
        <div className="flex flex-col gap-1">
          <label htmlFor="password" className="font-bold">كلمة المرور</label>
          <input id="password" name="password" type="password" required autoComplete="current-password" className="min-h-11 rounded border border-stone-400 px-3" dir="ltr" />
        </div>
        {failed ? (
          <p role="alert" className="font-bold text-brand-700">تعذّر الدخول. تحقّق من كلمة المرور وحاول مرة أخرى.</p>
        ) : null}
        <button type="submit" className="min-h-11 rounded bg-brand-700 px-6 font-bold text-white hover:bg-brand-800">دخول</button>
      </form>
    </div>
  );
}
