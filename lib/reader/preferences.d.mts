export const themeKey: string;
export const textSizeKey: string;
export const themes: readonly ['light', 'dark', 'auto'];
export const textSizes: readonly ['small', 'medium', 'large', 'xlarge'];
export type Theme = (typeof themes)[number];
export type TextSize = (typeof textSizes)[number];
export const themeColors: { readonly light: '#b3261e'; readonly dark: '#1a1716' };
export const headScript: string;
