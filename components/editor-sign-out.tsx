import { signOut, signOutEverywhere } from '@/lib/editor/actions';

/** «خروج» ends this browser's session; the second button ends every editor session on every device. */
export function EditorSignOut() {
  return (
    <>
      <form action={signOut}>
        <button type="submit" className="min-h-11 rounded border border-stone-300 px-4">خروج</button>
      </form>
      <form action={signOutEverywhere}>
        <button type="submit" className="min-h-11 rounded border border-stone-300 px-4">تسجيل الخروج من كل الأجهزة</button>
      </form>
    </>
  );
}
