import type { Metadata } from 'next';
import { ExitPreviewButton } from '@/components/exit-preview-button';

export const metadata: Metadata = { title: 'الخروج من وضع المعاينة', robots: { index: false, follow: false } };

export default function ExitPreviewPage() {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-3xl font-bold">الخروج من وضع المعاينة</h1>
      <p className="mt-4 text-lg text-muted">ستعود إلى رؤية الموقع كما يراه القرّاء: المسودات والمقالات المجدولة لن تظهر.</p>
      <div className="mt-8 flex justify-center">
        <ExitPreviewButton />
      </div>
    </div>
  );
}
