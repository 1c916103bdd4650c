import { draftMode } from 'next/headers';
import { ExitPreviewButton } from '@/components/exit-preview-button';

/** Shown on every page while draft mode is on, so an editor never mistakes a preview for the live site. */
export async function PreviewBanner() {
  if (!(await draftMode()).isEnabled) return null;
  return (
    <div role="region" aria-label="وضع المعاينة" className="bg-amber-900 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 sm:px-6">
        <p className="font-bold">وضع المعاينة: تظهر المسودات والمقالات المجدولة. القرّاء لا يرون هذه الصفحة بهذا الشكل.</p>
        <ExitPreviewButton />
      </div>
    </div>
  );
}
