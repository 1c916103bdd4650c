import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { editorEnabled } from '@/lib/editor/session';

// Whether editing is on, and who is signed in, is decided per request, never at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'مكتب التحرير',
  robots: { index: false, follow: false },
};

export default function EditorLayout({ children }: { children: React.ReactNode }) {
  if (!editorEnabled()) notFound();
  return <div className="mx-auto max-w-4xl">{children}</div>;
}
