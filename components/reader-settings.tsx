'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { textSizeKey, textSizes, themeColors, themeKey, themes, type TextSize, type Theme } from '@/lib/reader/preferences.mjs';

const themeLabels: Record<Theme, string> = { light: 'فاتح', dark: 'داكن', auto: 'تلقائي' };
const textSizeLabels: Record<TextSize, string> = { small: 'صغير', medium: 'عادي', large: 'كبير', xlarge: 'أكبر' };
const changed = 'khabar:preferences';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function subscribe(onChange: () => void) {
  window.addEventListener('storage', onChange);
  window.addEventListener(changed, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(changed, onChange);
  };
}

function currentTheme(): Theme {
  const value = read(themeKey);
  return value === 'light' || value === 'dark' ? value : 'auto';
}

function currentTextSize(): TextSize {
  return textSizes.find((size) => size === read(textSizeKey)) ?? 'medium';
}

/** The head script's work, redone after a change; the default of each is no attribute and no stored value. */
function apply(key: string, attribute: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not stored (private mode): the choice still holds for this page.
  }
  if (value === null) document.documentElement.removeAttribute(attribute);
  else document.documentElement.setAttribute(attribute, value);
  syncThemeColor();
  window.dispatchEvent(new Event(changed));
}

/** The layout's theme-color metas carry a media query each; an explicit choice overrides both. */
export function syncThemeColor() {
  const chosen = document.documentElement.getAttribute('data-theme');
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const own = meta.media.includes('dark') ? themeColors.dark : themeColors.light;
    meta.content = chosen === 'dark' || chosen === 'light' ? themeColors[chosen] : own;
  }
}

/**
 * «المظهر» and «حجم الخط»: radio groups that store the choice on this device (never in a cookie, so
 * pages stay shared-cacheable). The server renders the defaults; the stored values appear after
 * hydration, while the page itself was already drawn with them by the head script.
 */
export function ReaderSettings() {
  const theme = useSyncExternalStore(subscribe, currentTheme, () => 'auto' as const);
  const textSize = useSyncExternalStore(subscribe, currentTextSize, () => 'medium' as const);
  useEffect(syncThemeColor, []);
  return (
    <div className="flex flex-col gap-4">
      <fieldset>
        <legend className="mb-2 font-bold">المظهر</legend>
        <div className="flex flex-wrap gap-2">
          {themes.map((value) => (
            <label key={value} className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded border border-stone-300 px-3 has-checked:border-brand-700 has-checked:bg-brand-50">
              <input
                type="radio"
                name="reader-theme"
                value={value}
                checked={theme === value}
                onChange={() => apply(themeKey, 'data-theme', value === 'auto' ? null : value)}
                className="accent-brand-700"
              />
              {themeLabels[value]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-2 font-bold">حجم الخط</legend>
        <div className="flex flex-wrap gap-2">
          {textSizes.map((value) => (
            <label key={value} className="inline-flex min-h-11 cursor-pointer items-center gap-2 rounded border border-stone-300 px-3 has-checked:border-brand-700 has-checked:bg-brand-50">
              <input
                type="radio"
                name="reader-text-size"
                value={value}
                checked={textSize === value}
                onChange={() => apply(textSizeKey, 'data-text-size', value === 'medium' ? null : value)}
                className="accent-brand-700"
              />
              {textSizeLabels[value]}
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
