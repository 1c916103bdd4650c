'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, type ComponentProps } from 'react';

type Props = Omit<ComponentProps<typeof Link>, 'href' | 'prefetch' | 'onPointerEnter' | 'onTouchStart' | 'onFocus'> & { href: string };

/**
 * A reader link that fetches its page ahead only when the reader reaches for it: the pointer
 * enters, a touch starts or keyboard focus arrives. Next 16's <Link> has no such mode: `"auto"`,
 * `null` (the default) and `true` all prefetch every link that scrolls into view, which on a phone
 * meant fetching and decoding the RSC payloads of 7–10 links on the main thread while the page was
 * still loading (issue 19); `false` also turns off its own hover prefetch, and
 * `unstable_dynamicOnHover` only upgrades a prefetch that viewport prefetching already made. So
 * viewport prefetching is off and `router.prefetch` is called by hand, once per href. The element
 * is still Next's <a href>: it works without JavaScript and navigates client-side with it.
 */
export function IntentLink({ href, ...props }: Props) {
  const router = useRouter();
  const prefetched = useRef<string | null>(null);
  const prefetch = () => {
    if (prefetched.current === href) return;
    prefetched.current = href;
    router.prefetch(href);
  };
  return <Link {...props} href={href} prefetch={false} onPointerEnter={prefetch} onTouchStart={prefetch} onFocus={prefetch} />;
}
