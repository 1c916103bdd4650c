'use client';

import { useState } from 'react';

/**
 * Copies the article's address. Server-rendered as a link to the article, so
 * without JavaScript a reader can still copy it from the context menu.
 */
export function CopyLinkButton({ url, label = 'نسخ الرابط', announce = true }: { url: string; label?: string; announce?: boolean }) {
  const [copied, setCopied] = useState(false);

  const onClick = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    if (!navigator.clipboard) return;
    event.preventDefault();
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2500);
    } catch {
      // Clipboard refused (permissions, insecure origin): the link itself still works.
    }
  };

  return (
    <a
      href={url}
      onClick={onClick}
      className="inline-flex min-h-11 items-center rounded-full border border-stone-300 px-4 hover:border-brand-600 hover:text-brand-700"
    >
      {/* A live page has one live region of its own, for new entries; its copy links stay quiet. */}
      <span aria-live={announce ? 'polite' : undefined}>{copied ? 'تم نسخ الرابط' : label}</span>
    </a>
  );
}
