import { CategoryNav } from '@/components/category-nav';
import { site } from '@/lib/site';

export function SiteFooter() {
  return (
    <footer className="print-hidden mt-12 border-t border-stone-200 bg-stone-50">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-8 sm:grid-cols-2 sm:px-6">
        <div>
          <p className="text-2xl font-bold text-brand-700">{site.name}</p>
          <p className="mt-2 text-sm text-muted">{site.description}</p>
        </div>
        <CategoryNav
          label="روابط التذييل"
          listClassName="grid grid-cols-2 gap-2 text-sm"
          linkClassName="underline-offset-4 hover:underline"
        />
      </div>
      <p className="border-t border-stone-200 py-4 text-center text-sm text-muted">
        © {site.name} {new Date().getFullYear()}
      </p>
    </footer>
  );
}
