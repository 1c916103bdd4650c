// @ts-check
// Reader preferences (theme, text size) kept on the device. Plain JavaScript because the head script's
// text is also hashed into the editor pages' CSP by lib/security-headers.mjs, which next.config.js reads.
export const themeKey = 'khabar:theme';
export const textSizeKey = 'khabar:text-size';

/** `auto` is stored as no value at all: the page then follows the system (CSS prefers-color-scheme). */
export const themes = /** @type {const} */ (['light', 'dark', 'auto']);
export const textSizes = /** @type {const} */ (['small', 'medium', 'large', 'xlarge']);

/** The browser's toolbar colour for each theme (the light one is the brand red of the header's rule). */
export const themeColors = /** @type {const} */ ({ light: '#b3261e', dark: '#1a1716' });

/**
 * Runs in <head> before the body is parsed, so the first paint already has the stored theme and text
 * size: no flash, no layout shift. Storage can throw (Safari private mode, blocked cookies), hence the try.
 */
export const headScript =
  `(function(){try{var d=document.documentElement,s=localStorage,t=s.getItem(${JSON.stringify(themeKey)}),` +
  `z=s.getItem(${JSON.stringify(textSizeKey)});` +
  `if(t==='light'||t==='dark')d.setAttribute('data-theme',t);` +
  `if(${JSON.stringify(textSizes.filter((size) => size !== 'medium'))}.indexOf(z)>=0)d.setAttribute('data-text-size',z)}catch(e){}})()`;
