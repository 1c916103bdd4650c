import { Suspense } from 'react';
import { CopyLinkButton } from '@/components/copy-link-button';

type Props = { url: string; title: string };

/** Plain share links: no third-party scripts, nothing loads until the reader clicks. */
export function ShareLinks({ url, title }: Props) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(title);
  const targets = [
    { name: 'واتساب', href: `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}` },
    { name: 'إكس', href: `https://x.com/intent/post?url=${u}&text=${t}` },
    { name: 'فيسبوك', href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: 'تيليجرام', href: `https://t.me/share/url?url=${u}&text=${t}` },
  ];
  return (
    <section aria-labelledby="share-heading" className="print-hidden my-8">
      <h2 id="share-heading" className="mb-3 text-lg font-bold">شارك الخبر</h2>
      <ul className="flex flex-wrap gap-2">
        {targets.map((target) => (
          <li key={target.name}>
            <a
              href={target.href}
              target="_blank"
              rel="noopener noreferrer nofollow"
              className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 hover:border-brand-600 hover:text-brand-700"
            >
              <span className="sr-only">شارك عبر </span>
              {target.name}
            </a>
          </li>
        ))}
        <li>
          {/* Hydrated on its own, after the page (see back-to-top.tsx). */}
          <Suspense>
            <CopyLinkButton url={url} />
          </Suspense>
        </li>
      </ul>
    </section>
  );
}
